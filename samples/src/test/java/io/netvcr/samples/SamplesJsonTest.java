package io.netvcr.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.cli.ToolMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples commands' --json comes from typed records; these are the keys (and order) scripts see. */
class SamplesJsonTest {
    @TempDir
    Path dir;

    private static synchronized JsonNode json(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = ToolMain.run("netvcr-samples", new SamplesCommand(), args);
        } finally {
            System.setOut(old);
        }
        assertThat(code).as(buf.toString(StandardCharsets.UTF_8)).isZero();
        return new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
    }

    private static List<String> keys(JsonNode j) {
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void listNamesEachBundledSampleWithItsSize() throws Exception {
        JsonNode j = json("list", "--json");
        assertThat(keys(j)).containsExactly("samples");
        JsonNode first = j.get("samples").get(0);
        assertThat(keys(first)).containsExactly("name", "bytes", "description");
        assertThat(first.get("name").asText()).isEqualTo("netvcr-sample.pcap");
        assertThat(first.get("bytes").asLong()).isEqualTo(52_493); // samples/traces/README.md
    }

    @Test
    void extractReportsTheBytesItWrote() throws Exception {
        Path out = dir.resolve("s.pcap");
        JsonNode j = json("extract", "--json", "netvcr-sample.pcap", out.toString());
        assertThat(keys(j)).containsExactly("sample", "output", "bytes");
        assertThat(j.get("bytes").asLong()).isEqualTo(Files.size(out)).isEqualTo(52_493);
    }

    @Test
    void periodicKeepsEveryKeyWithSeedNullUnlessPoisson() throws Exception {
        JsonNode j = json(
                "periodic",
                "--json",
                "--delta",
                "1ms",
                "--count",
                "5",
                "--size",
                "64",
                dir.resolve("p.pcap").toString());
        assertThat(keys(j))
                .containsExactly(
                        "output",
                        "outputType",
                        "arrivals",
                        "deltaNs",
                        "seed",
                        "packets",
                        "frameSize",
                        "wireBytes",
                        "firstTimestampNs",
                        "spanNs",
                        "elapsedNs",
                        "packetsPerSecond");
        assertThat(j.get("seed").isNull()).isTrue();
        assertThat(j.get("wireBytes").asLong()).isEqualTo(5 * 64);
        assertThat(j.get("spanNs").asLong()).isEqualTo(4_000_000);
        JsonNode p = json(
                "periodic",
                "--json",
                "--poisson",
                "--delta",
                "1ms",
                "--count",
                "5",
                "--size",
                "64",
                dir.resolve("q.pcap").toString());
        assertThat(p.get("arrivals").asText()).isEqualTo("poisson");
        assertThat(p.get("seed").isNumber()).isTrue();
    }
}
