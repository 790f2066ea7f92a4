package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --json comes from a typed record now; scripts depend on its keys, their order and their values. */
class ConvertJsonTest {
    static final List<String> KEYS = List.of(
            "input",
            "inputFormat",
            "output",
            "outputType",
            "packets",
            "packetsRead",
            "interfaces",
            "wireBytes",
            "storedBytes",
            "truncated",
            "nonPacketsSkipped",
            "inputBytes",
            "elapsedNs",
            "packetsPerSecond",
            "megabytesPerSecond",
            "snap");

    @TempDir
    Path dir;

    @Test
    void jsonKeepsEveryKeyInOrderWithTheSampleCounts() throws Exception {
        Path sample =
                Path.of(System.getProperty("netvcr.project.root", "..")).resolve("samples/traces/netvcr-sample.pcap");
        ConvertCli run =
                ConvertCli.of("--json", sample.toString(), dir.resolve("s.nvcr").toString());
        assertThat(run.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(KEYS); // no "salvaged" unless --salvage kept damaged input
        // the sample's figures, as tshark/capinfos count them (samples/traces/README.md)
        assertThat(j.get("packets").asLong()).isEqualTo(124);
        assertThat(j.get("inputBytes").asLong()).isEqualTo(52_493);
        assertThat(j.get("inputFormat").asText()).isEqualTo("pcap");
        assertThat(j.get("outputType").asText()).isEqualTo("nvcr");
        assertThat(j.get("interfaces").isArray()).isTrue();
        assertThat(j.get("megabytesPerSecond").isNumber()).isTrue();
    }

    @Test
    void salvagedAppearsLastWhenADamagedInputWasKept() throws Exception {
        Path sample =
                Path.of(System.getProperty("netvcr.project.root", "..")).resolve("samples/traces/netvcr-sample.pcap");
        byte[] bytes = java.nio.file.Files.readAllBytes(sample);
        Path cut = dir.resolve("cut.pcap");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 10)); // last record cut off
        ConvertCli run = ConvertCli.of(
                "--json", "--salvage", cut.toString(), dir.resolve("s.nvcr").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        List<String> expected = new ArrayList<>(KEYS);
        expected.add("salvaged");
        assertThat(keys).containsExactlyElementsOf(expected);
        assertThat(j.get("packets").asLong()).isEqualTo(123);
        assertThat(j.get("salvaged").asText()).isNotBlank();
    }
}
