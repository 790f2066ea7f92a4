package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class PlotsTest {
    @TempDir
    Path dir;

    static void assertPng(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as(png.toString()).isNotNull();
        assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Plots.HEIGHT);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in %s", png).isGreaterThan(5);
    }

    /** Parses the SVG as XML and returns all its text (titles, labels, legend). */
    static String svgText(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        assertThat(
                        d.getDocumentElement().getLocalName() != null
                                ? d.getDocumentElement().getLocalName()
                                : d.getDocumentElement().getNodeName())
                .isEqualTo("svg");
        return d.getDocumentElement().getTextContent();
    }

    @Test
    void shouldWriteTrafficPlotsAsValidPngAndSvgWithTheirSeries() throws Exception {
        Random rnd = new Random(7);
        List<Packet> pk = new ArrayList<>();
        long t = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 5000; i++) {
            t += Math.round(-20_000 * Math.log(1 - rnd.nextDouble())) + 1;
            pk.add(Frames.ipv4(t, Frames.UDP, i, 64 + rnd.nextInt(1400)));
        }
        TrafficStats.Settings s = new TrafficStats.Settings();
        s.intervalNs = 1_000_000;
        TrafficStats st = Frames.analyze(Frames.pcap(dir.resolve("p.pcap"), pk), s);
        List<Path> files = Plots.traffic(st, dir.resolve("plots"), "p.pcap");
        assertThat(files)
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(
                        "interarrival-cdf.png",
                        "interarrival-cdf.svg",
                        "interarrival-histogram.png",
                        "interarrival-histogram.svg",
                        "rate.png",
                        "rate.svg",
                        "size-histogram.png",
                        "size-histogram.svg");
        for (Path f : files) {
            if (f.toString().endsWith(".png")) {
                assertPng(f);
            }
        }
        assertThat(svgText(dir.resolve("plots/interarrival-cdf.svg")))
                .contains("Inter-arrival time CDF: p.pcap", "inter-arrival CDF", "inter-arrival time (ns)");
        assertThat(svgText(dir.resolve("plots/interarrival-histogram.svg"))).contains("inter-arrival histogram");
        assertThat(svgText(dir.resolve("plots/rate.svg"))).contains("Rate over time", "packets/s", "Mbit/s");
        assertThat(svgText(dir.resolve("plots/size-histogram.svg"))).contains("packet sizes", "wire length");
        assertThat(Files.list(dir.resolve("plots")).count())
                .as("no temporary files left")
                .isEqualTo(8);
    }

    @Test
    void shouldWriteEpsilonPlots() throws Exception {
        Fidelity f = new Fidelity();
        for (int i = 0; i < 30_000; i++) {
            f.acceptEpsilon(i, i == 12_345 ? 900_000 : (i % 100) * 50 - 1000);
        }
        List<Path> files = Plots.epsilon(f.series(), f.epsilon(), dir, "replay");
        assertThat(files).hasSize(4);
        assertPng(dir.resolve("epsilon-vs-index.png"));
        assertPng(dir.resolve("epsilon-cdf.png"));
        assertThat(svgText(dir.resolve("epsilon-vs-index.svg")))
                .contains("epsilon (1 in 8 packets)", "epsilon beyond p0.1/p99.9", "packet index", "ε (µs)");
        assertThat(svgText(dir.resolve("epsilon-cdf.svg"))).contains("epsilon CDF");
    }

    @Test
    void shouldKeepEveryExtremeWhenThinningTheEpsilonSeries() {
        EpsilonSeries s = new EpsilonSeries();
        int n = EpsilonSeries.BUCKETS * 10 + 123;
        java.util.Random rnd = new java.util.Random(3);
        long spikeAt = 31_337;
        long dipAt = 12_345;
        for (int i = 0; i < n; i++) {
            long eps = i == spikeAt ? 1_000_000 : i == dipAt ? -500_000 : rnd.nextInt(2000) - 1000;
            s.add(i, eps);
        }
        long[][] samples = s.samples();
        assertThat(s.stride()).isEqualTo(16);
        assertThat(samples.length).isEqualTo(s.size()).isLessThanOrEqualTo(EpsilonSeries.BUCKETS);
        for (int i = 0; i < samples.length; i++) {
            assertThat(samples[i][0]).isEqualTo(i * s.stride()); // evenly spaced
        }
        long[][] pts = s.extremes();
        assertThat(java.util.Arrays.stream(pts).anyMatch(p -> p[0] == spikeAt && p[1] == 1_000_000L))
                .as("spike kept")
                .isTrue();
        assertThat(java.util.Arrays.stream(pts).anyMatch(p -> p[0] == dipAt && p[1] == -500_000L))
                .as("dip kept")
                .isTrue();
        for (int i = 1; i < pts.length; i++) {
            assertThat(pts[i][0]).isGreaterThanOrEqualTo(pts[i - 1][0]);
        }
        assertThat(pts[pts.length - 1][0]).isGreaterThanOrEqualTo(n - 16);
    }

    @Test
    void perColumnKeepsEverySpikeAndDrawsNoMoreThanThePixelsShow() {
        List<double[]> pts = new ArrayList<>();
        Random r = new Random(7);
        for (int i = 0; i < 500_000; i++) {
            pts.add(new double[] {i, r.nextGaussian()});
        }
        pts.get(123_457)[1] = 900; // one late packet
        pts.get(400_001)[1] = -700; // one early one
        List<double[]> thin = Plots.perColumn(pts, 800);
        assertThat(thin.size()).isLessThanOrEqualTo(3 * 801);
        assertThat(thin).anyMatch(p -> p[0] == 123_457 && p[1] == 900);
        assertThat(thin).anyMatch(p -> p[0] == 400_001 && p[1] == -700);
        assertThat(thin.get(0)[0]).isEqualTo(0);
        for (int i = 1; i < thin.size(); i++) {
            assertThat(thin.get(i)[0]).isGreaterThanOrEqualTo(thin.get(i - 1)[0]);
        }
        List<double[]> few = pts.subList(0, 100);
        assertThat(Plots.perColumn(few, 800)).isSameAs(few);
    }

    @Test
    void compactSvgCutsCoordinatesToHundredthsAndStaysXml() throws Exception {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><ellipse cx=\"114.62570312499997\" "
                + "cy=\"-488.8229205493527\" rx=\"1.5\" style=\"fill-opacity:0.705882352941177;\"/></svg>";
        String out = Plots.compactSvg(svg);
        assertThat(out)
                .contains("cx=\"114.62\"", "cy=\"-488.82\"", "rx=\"1.5\"", "fill-opacity:0.70;")
                .hasSizeLessThan(svg.length());
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(out.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
