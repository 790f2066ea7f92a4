package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PlotCommandTest {
    @TempDir
    Path dir;

    /** An ε log with n samples: eps(i) = base + (i % 10) * 100 ns, a 2 ms spike at spikeAt. */
    Path log(String name, int n, long base, int spikeAt) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(p);
                EpsilonLog.Writer w = new EpsilonLog.Writer(os, n)) {
            for (int i = 0; i < n; i++) {
                long eps = i == spikeAt ? 2_000_000 : base + (i % 10) * 100;
                w.write(i % 1000, 1_000_000L * i, 1_000_000L * i + eps, eps);
            }
        }
        return p;
    }

    /** The panels the SVG's description lists, each as "caption: series, series". */
    static List<String> svgPanels(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        assertThat(d.getDocumentElement().getNodeName()).endsWith("svg");
        String desc = d.getElementsByTagName("desc").item(0).getTextContent();
        List<String> out = new ArrayList<>();
        for (String panel : desc.split(" \\| ")) {
            String caption = panel.substring("panel ".length(), panel.indexOf(": x axis"));
            out.add(caption + ": " + panel.substring(panel.indexOf("series: ") + "series: ".length()));
        }
        return out;
    }

    static BufferedImage png(Path p) throws Exception {
        BufferedImage img = ImageIO.read(p.toFile());
        assertThat(img).as("%s decodes as an image", p).isNotNull();
        return img;
    }

    @Test
    void shouldDrawTwoPanelsWithOverlaysAsPngAndSvg() throws Exception {
        Path a1 = log("cold-none.eps", 20_000, 5_000, 7_777);
        Path a2 = log("cold-inline.eps", 20_000, 1_000, -1);
        Path b1 = log("warm-none.eps", 20_000, 2_000, -1);
        Path b2 = log("warm-inline.eps", 20_000, 500, -1);
        Path b3 = log("warm-thread.eps", 20_000, 300, 10);
        Path out = dir.resolve("figs");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(
                "plot",
                "--json",
                "--out",
                out.toString(),
                "--name",
                "fig03",
                "--title",
                "δ = 20 µs, spin",
                "--panel",
                "a=cold",
                "--panel",
                "b=warm",
                "a:baseline=" + a1,
                "a:inline=" + a2,
                "b:baseline=" + b1,
                "b:inline=" + b2,
                "b:thread=" + b3);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.at("/series")).hasSize(5);
        assertThat(j.at("/series/0/label").asText()).isEqualTo("baseline");
        assertThat(j.at("/series/0/panel").asText()).isEqualTo("a");
        assertThat(j.at("/series/0/epsilonNs/count").asLong()).isEqualTo(20_000);
        assertThat(j.at("/series/0/epsilonNs/max").asLong()).isEqualTo(2_000_000);
        assertThat(j.at("/series/1/epsilonNs/min").asLong()).isEqualTo(1_000);
        assertThat(j.at("/plotFiles")).hasSize(4);

        for (String base : List.of("fig03", "fig03-cdf")) {
            BufferedImage img = png(out.resolve(base + ".png"));
            assertThat(img.getWidth()).isEqualTo(2 * EpsilonFigure.PANEL_WIDTH);
            assertThat(img.getHeight()).isEqualTo(EpsilonFigure.TITLE_BAND + EpsilonFigure.PANEL_HEIGHT);
            assertThat(svgPanels(out.resolve(base + ".svg")))
                    .containsExactly("(a) cold: baseline, inline", "(b) warm: baseline, inline, thread");
        }
        assertThat(Files.readString(out.resolve("fig03.svg"))).contains("<title>δ = 20 µs, spin</title>");
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                .as("four files, no temporary left")
                .containsExactlyInAnyOrder("fig03.png", "fig03.svg", "fig03-cdf.png", "fig03-cdf.svg");
    }

    @Test
    void shouldOverlayEverySeriesInOnePanelWithoutPanelsAndLabelByFileName() throws Exception {
        Path x = log("spin.eps", 3000, 100, -1);
        Path y = log("sleep.eps", 3000, 60_000, -1);
        Path z = log("hybrid.eps", 3000, 200, -1);
        Path out = dir.resolve("one");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(
                "plot", "--out", out.toString(), "--kind", "cdf", x.toString(), "usleep (δ=70us)=" + y, "hybrid=" + z);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("epsilon.png")).doesNotExist();
        BufferedImage img = png(out.resolve("epsilon-cdf.png"));
        assertThat(img.getWidth()).isEqualTo(EpsilonFigure.PANEL_WIDTH);
        List<String> panels = svgPanels(out.resolve("epsilon-cdf.svg"));
        assertThat(panels).hasSize(1);
        // the label may hold '=': the file follows the last one
        assertThat(panels.get(0)).endsWith(": spin.eps, usleep (δ=70us), hybrid");
    }

    @Test
    void shouldLayOutFourPanelsInRowsOfThree() throws Exception {
        List<String> args =
                new ArrayList<>(Arrays.asList("plot", "--out", dir.resolve("g").toString(), "--kind", "index"));
        for (String k : List.of("a", "b", "c", "d")) {
            args.add("--panel");
            args.add(k + "=case " + k);
            args.add(k + ":s=" + log(k + ".eps", 500, 100, -1));
        }
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage img = png(dir.resolve("g/epsilon.png"));
        assertThat(img.getWidth()).isEqualTo(3 * EpsilonFigure.PANEL_WIDTH);
        assertThat(img.getHeight()).isEqualTo(EpsilonFigure.TITLE_BAND + 2 * EpsilonFigure.PANEL_HEIGHT);
        assertThat(svgPanels(dir.resolve("g/epsilon.svg")))
                .containsExactly("(a) case a: s", "(b) case b: s", "(c) case c: s", "(d) case d: s");
    }

    @Test
    void shouldRefuseBadSeriesWithTheRightExitCode() throws Exception {
        Path ok = log("ok.eps", 100, 100, -1);
        Path empty = log("empty.eps", 0, 0, -1);
        Path notLog = Files.writeString(dir.resolve("x.txt"), "hello, this is not an epsilon log");
        String o = dir.resolve("o").toString();
        assertThat(AnalyzeCommandTest.run("plot", "--out", o, "--panel", "a=x", "z:s=" + ok)
                        .err())
                .contains("names no --panel");
        assertThat(AnalyzeCommandTest.run("plot", "--out", o, "--panel", "a=x", "z:s=" + ok)
                        .code())
                .isEqualTo(64);
        assertThat(AnalyzeCommandTest.run("plot", "--out", o, "s=" + ok, "s=" + ok)
                        .code())
                .isEqualTo(64);
        assertThat(AnalyzeCommandTest.run("plot", "--out", o, "--kind", "pie", ok.toString())
                        .code())
                .isEqualTo(64);
        AnalyzeCommandTest.Run e = AnalyzeCommandTest.run("plot", "--out", o, empty.toString());
        assertThat(e.code()).isEqualTo(65);
        assertThat(e.err()).contains("empty.eps").contains("no ε samples");
        assertThat(AnalyzeCommandTest.run("plot", "--out", o, notLog.toString()).code())
                .isEqualTo(65);
        assertThat(AnalyzeCommandTest.run(
                                "plot", "--out", o, dir.resolve("missing.eps").toString())
                        .code())
                .isEqualTo(66);
        assertThat(dir.resolve("o"))
                .satisfiesAnyOf(
                        p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    /** --kind: each word draws its figures (any case), a wrong one is refused while parsing, help lists them. */
    @Test
    void shouldDrawWhatEachKindNamesAndRefuseOtherWords() throws Exception {
        Path ok = log("ok.eps", 100, 100, -1);
        String[][] kinds = {
            {"index", "epsilon.svg"},
            {"cdf", "epsilon-cdf.svg"},
            {"both", "epsilon.svg,epsilon-cdf.svg"},
            {"CDF", "epsilon-cdf.svg"}
        };
        for (String[] k : kinds) {
            Path out = dir.resolve("k-" + k[0]);
            AnalyzeCommandTest.Run r =
                    AnalyzeCommandTest.run("plot", "--json", "--out", out.toString(), "--kind", k[0], ok.toString());
            assertThat(r.code()).as(r.err()).isZero();
            List<String> svgs = new ArrayList<>();
            r.json().get("plotFiles").forEach(f -> {
                if (f.asText().endsWith(".svg")) {
                    svgs.add(Path.of(f.asText()).getFileName().toString());
                }
            });
            assertThat(svgs).as(k[0]).containsExactly(k[1].split(","));
        }
        AnalyzeCommandTest.Run bad =
                AnalyzeCommandTest.run("plot", "--out", dir.resolve("o").toString(), "--kind", "pie", ok.toString());
        assertThat(bad.code()).isEqualTo(64);
        assertThat(bad.err().lines().findFirst().orElseThrow())
                .isEqualTo("plot: Invalid value for option '--kind': expected index, cdf or both, not 'pie'");
        assertThat(AnalyzeCommandTest.run("plot", "--help").out().replaceAll("\\s+", " "))
                .contains("--kind=KIND index, cdf, both (default both).");
    }
}
