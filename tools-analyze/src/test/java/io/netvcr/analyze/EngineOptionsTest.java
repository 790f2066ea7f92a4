package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netvcr.formats.Packet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --engine and --merged as seen from this module, which never has Spark on its class path. */
class EngineOptionsTest {
    @TempDir
    Path dir;

    Path trace(String name, long start, long step, int n, int seq) throws Exception {
        List<Packet> pk = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pk.add(Frames.ipv4(start + i * step, Frames.UDP, (seq + i) << 16, 100 + i));
        }
        return Frames.pcap(dir.resolve(name), pk);
    }

    @Test
    void shouldSayTheSparkEngineIsNotInstalled() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(
                "--engine", "spark", trace("a.pcap", 1_000, 10, 3, 0).toString());
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.err()).contains("spark engine not installed").hasLineCount(1);
        AnalyzeCommandTest.Run gpu = AnalyzeCommandTest.run("--engine", "gpu", "x.pcap");
        assertThat(gpu.code()).isEqualTo(64);
        assertThat(gpu.err().lines().findFirst().orElseThrow())
                .isEqualTo("netvcr-analyze: Invalid value for option '--engine': expected local or spark, not 'gpu'");
        assertThat(AnalyzeCommandTest.run("--engine", "Spark", "x.pcap").code()).isEqualTo(69);
        AnalyzeCommandTest.Run local = AnalyzeCommandTest.run(
                "--engine", "local", trace("l.pcap", 1_000, 10, 3, 0).toString());
        assertThat(local.code()).as(local.err()).isZero();
        assertThat(AnalyzeCommandTest.run("--help").out().replaceAll("\\s+", " "))
                .contains("--engine=ENGINE Where the statistics are computed, local, spark: local (default: this JVM)");
        assertThat(AnalyzeCommandTest.run("--spark-conf", "a=b", "x.pcap").code())
                .isEqualTo(64);
    }

    @Test
    void shouldAnalyseSeveralTracesAsOneMergedByTime() throws Exception {
        long t0 = 1_700_000_000_000_000_000L;
        Path a = trace("a.pcap", t0, 1000, 50, 0);
        Path b = trace("b.pcap", t0 + 500, 1000, 50, 100);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("--json", "--merged", a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("merged").asBoolean()).isTrue();
        assertThat(j.get("inputs")).hasSize(2);
        assertThat(j.get("packets").asLong()).isEqualTo(100);
        assertThat(j.get("durationNs").asLong()).isEqualTo(49 * 1000 + 500);
        // interleaved: every gap is 500 ns, none out of order
        assertThat(j.at("/interArrivalNs/min").asLong()).isEqualTo(500);
        assertThat(j.at("/interArrivalNs/max").asLong()).isEqualTo(500);
        assertThat(j.get("outOfOrder").asLong()).isZero();
        // each input's interface becomes its own
        assertThat(j.get("interfaces")).hasSize(2);
        assertThat(j.at("/interfaces/1/packets").asLong()).isEqualTo(50);
        assertThat(j.at("/flows/flows").asLong()).isEqualTo(100);
    }
}
