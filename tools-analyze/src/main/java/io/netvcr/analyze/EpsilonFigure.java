package io.netvcr.analyze;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several ε logs as one figure in the style of the paper's evaluation: ε (µs) against packet number, one panel
 * per condition ("(a) cold", "(b) warm") with the compared variants overlaid in each, and the same layout for
 * the ε CDFs. XChart draws one chart per panel; the panels are painted side by side onto one canvas (a
 * BufferedImage for PNG, VectorGraphics2D for SVG, XChart's own SVG back end), under a figure title.
 */
public final class EpsilonFigure {
    /** One panel's size; a figure of n panels is laid out in rows of at most {@link #COLUMNS}. */
    public static final int PANEL_WIDTH = 800;

    public static final int PANEL_HEIGHT = 560;
    public static final int COLUMNS = 3;
    /** Band above the panels for the figure title. */
    public static final int TITLE_BAND = 40;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One plotted ε series: its legend label and what was read from its log. */
    public static final class Series {
        public final String label;
        public final String file;
        final Fidelity fidelity;

        Series(String label, String file, Fidelity fidelity) {
            this.label = label;
            this.file = file;
            this.fidelity = fidelity;
        }

        public Distribution epsilon() {
            return fidelity.epsilon();
        }

        /**
         * Reads a log, numbering packets by their position in the log: the record index repeats across
         * --loop passes, the send order does not.
         */
        public static Series read(String label, Path log) throws IOException {
            Fidelity f = new Fidelity();
            try (EpsilonLog.Reader r = EpsilonLog.Reader.open(log)) {
                EpsilonSample s = new EpsilonSample();
                long n = 0;
                while (r.next(s)) {
                    f.acceptEpsilon(n++, s.epsilonNs);
                }
            }
            return new Series(label, log.toString(), f);
        }
    }

    /** A panel: its key (the paper's "a", "b"), its caption, and the series overlaid in it. */
    public static final class Panel {
        public final String key;
        public final String caption;
        public final List<Series> series = new ArrayList<>();

        public Panel(String key, String caption) {
            this.key = key;
            this.caption = caption;
        }

        String title(boolean lettered) {
            String c = caption == null ? "" : caption;
            return lettered ? ("(" + key + ")" + (c.isEmpty() ? "" : " " + c)) : c;
        }
    }

    private EpsilonFigure() {}

    /** ε against packet number: BASE.png and BASE.svg. */
    public static List<Path> byIndex(List<Panel> panels, String title, String yTitle, Path dir, String base)
            throws IOException {
        List<XYChart> charts = new ArrayList<>();
        boolean lettered = panels.size() > 1;
        for (Panel p : panels) {
            XYChart c = Plots.chart(p.title(lettered), "packet number", yTitle);
            c.getStyler().setMarkerSize(3);
            // plain µs with thousands separators, never XChart's 4E5 for large ε
            c.getStyler().setYAxisDecimalPattern("#,##0.###");
            for (Series s : p.series) {
                XYSeries xs = Plots.addSeries(
                        c,
                        s.label,
                        indexPoints(s.fidelity.series()),
                        false,
                        false,
                        XYSeries.XYSeriesRenderStyle.Scatter);
                xs.setMarker(SeriesMarkers.CIRCLE);
            }
            charts.add(c);
        }
        return save(charts, title, dir, base);
    }

    /** The ε CDF of every series, panel by panel: BASE.png and BASE.svg. */
    public static List<Path> cdf(List<Panel> panels, String title, String xTitle, Path dir, String base)
            throws IOException {
        List<XYChart> charts = new ArrayList<>();
        boolean lettered = panels.size() > 1;
        for (Panel p : panels) {
            XYChart c = Plots.chart(p.title(lettered), xTitle, "cumulative fraction of packets");
            c.getStyler().setXAxisDecimalPattern("#,##0.###");
            for (Series s : p.series) {
                List<double[]> pts = new ArrayList<>();
                for (double[] q : s.epsilon().cdf()) {
                    pts.add(new double[] {q[0] / 1e3, q[1]});
                }
                Plots.addSeries(c, s.label, Plots.thinCdf(pts, false), false, false, XYSeries.XYSeriesRenderStyle.Step);
            }
            charts.add(c);
        }
        return save(charts, title, dir, base);
    }

    /** Evenly spaced samples plus every bucket's extremes, so no spike is lost, in µs, thinned to pixel columns. */
    static List<double[]> indexPoints(EpsilonSeries series) {
        List<double[]> pts = new ArrayList<>();
        for (long[] p : series.samples()) {
            pts.add(new double[] {p[0], p[1] / 1e3});
        }
        if (series.stride() > 1) {
            for (long[] p : series.extremes()) {
                pts.add(new double[] {p[0], p[1] / 1e3});
            }
            pts.sort(Comparator.comparingDouble(p -> p[0]));
        }
        return Plots.perColumn(pts, PANEL_WIDTH);
    }

    static int columns(int panels) {
        return Math.min(panels, COLUMNS);
    }

    static int width(int panels) {
        return columns(panels) * PANEL_WIDTH;
    }

    static int height(int panels) {
        int cols = columns(panels);
        return TITLE_BAND + (panels + cols - 1) / cols * PANEL_HEIGHT;
    }

    private static void paint(Graphics2D g, List<XYChart> charts, String title) {
        int w = width(charts.size());
        int h = height(charts.size());
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        int tw = g.getFontMetrics().stringWidth(title);
        g.drawString(title, Math.max(8, (w - tw) / 2), TITLE_BAND - 12);
        int cols = columns(charts.size());
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D p = (Graphics2D) g.create(
                    (i % cols) * PANEL_WIDTH, TITLE_BAND + (i / cols) * PANEL_HEIGHT, PANEL_WIDTH, PANEL_HEIGHT);
            charts.get(i).paint(p, PANEL_WIDTH, PANEL_HEIGHT);
            p.dispose();
        }
    }

    private static List<Path> save(List<XYChart> charts, String title, Path dir, String base) throws IOException {
        ReportFiles.directory(dir.toString());
        int w = width(charts.size());
        int h = height(charts.size());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        paint(g, charts, title);
        g.dispose();
        Path png = ReportFiles.write(dir.resolve(base + ".png"), os -> {
            if (!ImageIO.write(img, "png", os)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
        VectorGraphics2D vg = new VectorGraphics2D();
        paint(vg, charts, title);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new SVGProcessor()
                .getDocument(vg.getCommands(), new PageSize(0, 0, w, h))
                .writeTo(buf);
        byte[] svg = Plots.withTitle(Plots.compactSvg(buf.toString(StandardCharsets.UTF_8)), title, describe(charts))
                .getBytes(StandardCharsets.UTF_8);
        Path out = ReportFiles.write(dir.resolve(base + ".svg"), os -> os.write(svg));
        return List.of(png, out);
    }

    /** What a script or a screen reader needs: per panel, its axes and its series in order. */
    static String describe(List<XYChart> charts) {
        StringBuilder b = new StringBuilder();
        for (XYChart c : charts) {
            if (b.length() > 0) {
                b.append(" | ");
            }
            b.append(String.format(
                    Locale.ROOT,
                    "panel %s: x axis: %s; y axis: %s; series: %s",
                    c.getTitle(),
                    c.getXAxisTitle(),
                    c.getYAxisTitle(),
                    String.join(", ", c.getSeriesMap().keySet())));
        }
        return b.toString();
    }
}
