package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.testing.ReferenceCheck;
import io.netvcr.formats.testing.SharedTraces;
import io.netvcr.formats.testing.SharedTraces.RefPacket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ERF, legacy DAG and TSH trace of the corpus converts to NetVCR, and the export of that NetVCR file back
 * to pcap agrees packet by packet with tshark's dump of the original (reference/*.tsv), under the documented
 * conventions of ReferenceCheck.expectationFor.
 */
class ErfDagTshReferenceTest {
    @TempDir
    Path tmp;

    @Test
    void shouldConvertEveryErfFileAndExportItAsTsharkSawIt() throws IOException {
        for (Path f : SharedTraces.files("erf")) {
            roundTrip("erf/" + f.getFileName(), f.toString());
        }
    }

    @Test
    void shouldConvertEveryLegacyDagFileWithItsFormatNamed() throws IOException {
        for (Path f : SharedTraces.files("legacy-dag")) {
            String name = f.getFileName().toString();
            String format = name.contains("atm") ? "legacy-atm" : name.contains("eth") ? "legacy-eth" : "legacy-pos";
            roundTrip("legacy-dag/" + name, format + ":" + f);
        }
    }

    @Test
    void shouldConvertEveryTshFile() throws IOException {
        for (Path f : SharedTraces.files("tsh")) {
            roundTrip("tsh/" + f.getFileName(), "tsh:" + f);
        }
    }

    @Test
    void shouldFailCleanlyWhereTheToolsReportDamage() {
        Path f = SharedTraces.require().resolve("malformed/trunc_mid_record.erf");
        Path out = tmp.resolve("cut.nvcr");
        assertThatThrownBy(() -> ConvertRun.convert(f.toString(), out, o -> {}))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("record 65 at byte offset 4960");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldTurnAMetaOnlyErfFileIntoAnEmptyTrace() throws IOException {
        Path f = SharedTraces.require().resolve("erf/libtrace_provenance.erf");
        ConvertResult r = ConvertRun.convert(f.toString(), tmp.resolve("p.nvcr"), o -> {});
        assertThat(r.packets).isZero();
        assertThat(r.inputFormat).isEqualTo("erf");
    }

    /** input → .nvcr (snap large enough for every packet, raw IP kept raw) → .pcap, compared with the reference. */
    private void roundTrip(String corpusPath, String input) throws IOException {
        ReferenceCheck.Expectation e = ReferenceCheck.expectationFor(corpusPath);
        if (e == null) {
            return; // no packets to compare (ERF META only: covered above)
        }
        int snap = Math.max(
                64, e.want().stream().mapToInt(RefPacket::capLength).max().orElse(64));
        String base = corpusPath.replace('/', '_');
        Path nvcr = tmp.resolve(base + ".nvcr");
        Path pcap = tmp.resolve(base + ".pcap");
        ConvertResult r = ConvertRun.convert(input, nvcr, o -> {
            o.snap = snap;
            o.linkEthernet = false;
        });
        assertThat(r.packets).as(corpusPath).isEqualTo(e.want().size());
        ConvertRun.convert(nvcr.toString(), pcap, o -> {});
        ReferenceCheck.assertMatchesCorpus(corpusPath, ReferenceCheck.read(pcap, null, ReaderOptions.DEFAULTS));
        try (Stream<Path> s = Files.list(tmp)) {
            s.forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void shouldNameTheFormatInTheNvcrHeader() throws IOException {
        Path f = SharedTraces.require().resolve("tsh/libtrace_10_packets.tsh");
        Path nvcr = tmp.resolve("t.nvcr");
        ConvertRun.convert(List.of("tsh:" + f), nvcr, o -> {});
        try (io.netvcr.formats.TraceInput in =
                io.netvcr.formats.TraceInput.open(nvcr.toString(), null, ReaderOptions.DEFAULTS)) {
            io.netvcr.formats.nvcr.NvcrStreamReader r = (io.netvcr.formats.nvcr.NvcrStreamReader) in.reader();
            assertThat(r.header().sourceFormat).isEqualTo(io.netvcr.formats.TraceFormats.sourceFormatId("tsh"));
            assertThat(r.header().sourceName).isEqualTo("libtrace_10_packets.tsh");
        }
    }
}
