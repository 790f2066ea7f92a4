package io.netvcr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.analyze.EpsilonFigure;
import io.netvcr.analyze.EpsilonLog;
import io.netvcr.analyze.EpsilonSample;
import io.netvcr.cli.ToolMain;
import io.netvcr.replay.PreparedTraces;
import io.netvcr.replay.ReplayCommand;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** bench/paper's figures end to end: ε logs written by the replayer itself, drawn by netvcr-analyze plot. */
class PaperPlotTest {
    @TempDir
    Path dir;

    private Path replay(Path trace, String timer, long loops) throws Exception {
        Path log = dir.resolve(timer + "-" + loops + ".eps");
        int code = ToolMain.run("netvcr-replay", new ReplayCommand(), new String[] {
            "-q",
            "--sink",
            "null",
            "--timer",
            timer,
            "--loop",
            Long.toString(loops),
            "--epsilon-log",
            log.toString(),
            trace.toString()
        });
        assertThat(code).as("replay --timer %s", timer).isZero();
        return log;
    }

    private static long samples(Path log) throws Exception {
        long n = 0;
        try (EpsilonLog.Reader r = EpsilonLog.Reader.open(log)) {
            EpsilonSample s = new EpsilonSample();
            while (r.next(s)) {
                n++;
            }
        }
        return n;
    }

    private static String svgDescription(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        assertThat(d.getDocumentElement().getNodeName()).endsWith("svg");
        return d.getElementsByTagName("desc").item(0).getTextContent();
    }

    @Test
    void shouldDrawTheReplayersOwnEpsilonLogsAsOneTwoPanelFigure() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("p.nvcr"), 400, 70_000, 18);
        Path spin = replay(trace, "spin", 1);
        Path hybrid = replay(trace, "hybrid", 1);
        Path sleep = replay(trace, "sleep", 2);
        assertThat(samples(sleep)).as("two passes logged").isEqualTo(800);

        Path out = dir.resolve("figs");
        int code = ToolMain.run("netvcr-analyze", new AnalyzeCommand(), new String[] {
            "plot",
            "-q",
            "--out",
            out.toString(),
            "--name",
            "fig04",
            "--title",
            "δ = 70 µs",
            "--panel",
            "a=polling",
            "--panel",
            "b=sleeping",
            "a:spin=" + spin,
            "b:sleep (2 passes)=" + sleep,
            "b:hybrid=" + hybrid
        });
        assertThat(code).isZero();

        for (String base : new String[] {"fig04", "fig04-cdf"}) {
            BufferedImage img = ImageIO.read(out.resolve(base + ".png").toFile());
            assertThat(img).as(base + ".png decodes").isNotNull();
            assertThat(img.getWidth()).isEqualTo(2 * EpsilonFigure.PANEL_WIDTH);
            assertThat(img.getHeight()).isEqualTo(EpsilonFigure.TITLE_BAND + EpsilonFigure.PANEL_HEIGHT);
            String desc = svgDescription(out.resolve(base + ".svg"));
            String[] panels = desc.split(" \\| ");
            assertThat(panels).hasSize(2);
            assertThat(panels[0]).startsWith("panel (a) polling:").endsWith("series: spin");
            assertThat(panels[1]).startsWith("panel (b) sleeping:").endsWith("series: sleep (2 passes), hybrid");
        }
        assertThat(svgDescription(out.resolve("fig04.svg"))).contains("x axis: packet number", "y axis: ε (µs)");
        assertThat(Files.readString(out.resolve("fig04-cdf.svg"))).contains("<title>δ = 70 µs (CDF)</title>");
    }
}
