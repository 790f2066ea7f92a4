package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ExitCodes;
import io.netvcr.formats.Packet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparing unrelated traces is not a perfect replay: no matched packet means no ε and exit 65. */
class CompareNothingMatchedTest {
    @TempDir
    Path dir;

    private Path trace(String name, int protocol, int firstSeq) throws Exception {
        List<Packet> pk = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pk.add(Frames.ipv4(1_700_000_000_000_000_000L + i * 1_000_000L, protocol, firstSeq + i, 100));
        }
        return Frames.pcap(dir.resolve(name), pk);
    }

    @Test
    void shouldExitSixtyFiveSayingNoPacketMatchedForUnrelatedTraces() throws Exception {
        Path a = trace("a.pcap", Frames.UDP, 0);
        Path b = trace("b.pcap", Frames.TCP, 1000);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("compare", a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.out())
                .contains("0 of 20 packets matched")
                .contains("ε no samples")
                .doesNotContain("ε min 0.000");
        assertThat(r.err())
                .contains(
                        "compare: " + b + " vs " + a + ": no captured packet matched the replayed trace (of 20 packets"
                                + " and 20 captured frames)");
    }

    @Test
    void shouldStillPrintTheJsonReportWhenNothingMatched() throws Exception {
        Path a = trace("a.pcap", Frames.UDP, 0);
        Path b = trace("b.pcap", Frames.TCP, 1000);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("compare", "--json", a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.json().toString()).contains("\"matched\":0");
    }

    @Test
    void shouldExitSixtyFiveForAnEpsilonLogWithoutSamples() throws Exception {
        Path log = dir.resolve("empty.log");
        try (java.io.OutputStream os = Files.newOutputStream(log);
                EpsilonLog.Writer w = new EpsilonLog.Writer(os, 0)) {
            // a header and no samples
        }
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("compare", "--epsilon-log", log.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.out()).contains(log + ": 0 ε samples; ε no samples");
        assertThat(r.err()).contains("compare: " + log + ": the ε log holds no samples");
    }

    @Test
    void shouldExitZeroWhenTheSameTraceIsCompared() throws Exception {
        Path a = trace("a.pcap", Frames.UDP, 0);
        Path copy = Files.copy(a, dir.resolve("copy.pcap"));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("compare", a.toString(), copy.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("20 of 20 packets matched");
    }
}
