package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare with several --epsilon-log (ε logs and read logs): each one's distribution, and one figure of all. */
class CompareLogsTest {
    @TempDir
    Path dir;

    /** An ε log whose n samples are base, base + 1 µs, ..., so its p50 is known. */
    Path epsLog(String name, int n, long base) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p);
                EpsilonLog.Writer w = new EpsilonLog.Writer(os, n)) {
            for (int i = 0; i < n; i++) {
                w.write(i, 1_000_000L * i, 1_000_000L * i + base + 1_000L * i, base + 1_000L * i);
            }
        }
        return p;
    }

    /** A read log (replayer --read-log, FORMAT.md): every record took readNs to obtain. */
    Path readLog(String name, int n, long readNs) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16 + 24 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("NVCRRDL1".getBytes(StandardCharsets.US_ASCII)).putLong(n);
        for (int i = 0; i < n; i++) {
            b.putLong(i).putLong(5_000L * i).putLong(readNs);
        }
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    @Test
    void shouldReportEveryLogAndDrawThemAsOneFigureWithPanels() throws Exception {
        Path a = epsLog("a.eps", 1001, 0);
        Path b = epsLog("b.eps", 1001, 100_000);
        Path r = readLog("r.log", 300, 7_000);
        Path out = dir.resolve("figs");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run(
                "compare",
                "--json",
                "--plot",
                out.toString(),
                "--name",
                "fig",
                "--panel",
                "a=timers",
                "--panel",
                "b=reads",
                "--epsilon-log",
                "a:spin=" + a,
                "--epsilon-log",
                "a:hybrid=" + b,
                "--epsilon-log",
                "b:read()=" + r);
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode j = run.json();
        assertThat(j.at("/logs")).hasSize(3);
        assertThat(j.at("/logs/0/label").asText()).isEqualTo("spin");
        assertThat(j.at("/logs/0/epsilonNs/p50").asLong()).isBetween(499_000L, 501_000L);
        assertThat(j.at("/logs/1/epsilonNs/p50").asLong()).isBetween(599_000L, 601_000L);
        assertThat(j.at("/logs/2/panel").asText()).isEqualTo("b");
        assertThat(j.at("/logs/2/epsilonNs/count").asLong()).isEqualTo(300);
        assertThat(j.at("/logs/2/epsilonNs/p50").asLong()).isBetween(6_990L, 7_010L);
        for (String f : new String[] {"fig.png", "fig.svg", "fig-cdf.png", "fig-cdf.svg"}) {
            assertThat(out.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(PlotCommandTest.svgPanels(out.resolve("fig.svg")))
                .containsExactly("(a) timers: spin, hybrid", "(b) reads: read()");
        assertThat(PlotCommandTest.png(out.resolve("fig.png")).getWidth()).isGreaterThan(400);
    }

    /** A log given as KEY:FILE (no label) is an input too: a figure file of that name would replace it. */
    @Test
    void shouldRefuseAFigureThatWouldReplaceALogNamedWithItsPanelKey() throws Exception {
        Path out = Files.createDirectory(dir.resolve("figs"));
        Path a = epsLog("figs/fig.svg", 100, 0);
        Path b = epsLog("b.eps", 100, 0);
        byte[] before = Files.readAllBytes(a);
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run(
                "compare",
                "--plot",
                out.toString(),
                "--name",
                "fig",
                "--panel",
                "a=timers",
                "--epsilon-log",
                "a:" + a,
                "--epsilon-log",
                "a:" + b);
        assertThat(run.code()).as(run.err()).isEqualTo(64);
        assertThat(run.err()).contains("is an input of this run");
        assertThat(Files.readAllBytes(a)).isEqualTo(before);
    }

    @Test
    void shouldRefuseSeveralLogsWithACaptureOrCsv() throws Exception {
        Path a = epsLog("a.eps", 10, 0);
        Path b = epsLog("b.eps", 10, 0);
        assertThat(AnalyzeCommandTest.run(
                                "compare",
                                "--epsilon-log",
                                a.toString(),
                                "--epsilon-log",
                                b.toString(),
                                "--csv",
                                dir.toString())
                        .code())
                .isEqualTo(64);
        assertThat(AnalyzeCommandTest.run(
                                "compare",
                                "--epsilon-log",
                                a.toString(),
                                "--epsilon-log",
                                b.toString(),
                                a.toString(),
                                b.toString())
                        .code())
                .isEqualTo(64);
    }
}
