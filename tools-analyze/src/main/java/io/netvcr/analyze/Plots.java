package io.netvcr.analyze;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code --plot DIR}: charts as PNG and SVG (XChart; SVG through VectorGraphics2D, which XChart brings
 * along). Axes switch to logarithmic where the plotted values span at least two decades; a log axis cannot
 * show 0, so zero gaps and empty bins are left out of log-scaled series (they are in the CSV and JSON).
 */
public final class Plots {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;
    /** Span (max / min positive) from which an axis is drawn logarithmic. */
    static final double LOG_SPAN = 100;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {}

    /** Inter-arrival CDF and histogram, rate over time, packet-size histogram. */
    public static List<Path> traffic(TrafficStats s, Path dir, String name) throws IOException {
        ReportFiles.directory(dir.toString());
        List<Path> out = new ArrayList<>();
        Distribution gaps = s.interArrival().gaps();
        if (gaps.count() > 0) {
            List<double[]> cdf = gaps.cdf();
            boolean logX = spansDecades(cdf, 0);
            XYChart c =
                    chart("Inter-arrival time CDF: " + name, "inter-arrival time (ns)", "cumulative fraction of gaps");
            c.getStyler().setXAxisLogarithmic(logX);
            addSeries(c, "inter-arrival CDF", thinCdf(cdf, logX), logX, false, XYSeries.XYSeriesRenderStyle.Step);
            out.addAll(save(c, dir, "interarrival-cdf"));

            List<double[]> bins = new ArrayList<>();
            List<long[]> raw = gaps.logBins(1, 2);
            for (long[] b : raw) {
                bins.add(new double[] {b[0], b[2]});
            }
            closeSteps(bins, raw);
            XYChart h = chart(
                    "Inter-arrival time histogram (log2 bins): " + name,
                    "inter-arrival time, bin lower edge (ns)",
                    "gaps per bin (count)");
            boolean hx = spansDecades(bins, 0);
            boolean hy = spansDecades(bins, 1);
            h.getStyler().setXAxisLogarithmic(hx);
            h.getStyler().setYAxisLogarithmic(hy);
            addSeries(h, "inter-arrival histogram", bins, hx, hy, XYSeries.XYSeriesRenderStyle.Step);
            out.addAll(save(h, dir, "interarrival-histogram"));
        }
        RateSeries r = s.rate();
        if (r.intervals() > 0) {
            List<double[]> pps = new ArrayList<>();
            List<double[]> mbps = new ArrayList<>();
            for (int i = 0; i < r.intervals(); i++) {
                double t = i * (double) r.intervalNs() / 1e9;
                pps.add(new double[] {t, r.pps(i)});
                mbps.add(new double[] {t, r.bps(i) / 1e6});
            }
            XYChart c = chart(
                    "Rate over time (" + Burstiness.label(r.intervalNs()) + " intervals): " + name,
                    "time since first packet (s)",
                    "packets/s");
            addSeries(c, "packets/s", pps, false, false, XYSeries.XYSeriesRenderStyle.Step);
            XYSeries bps = addSeries(c, "Mbit/s", mbps, false, false, XYSeries.XYSeriesRenderStyle.Step);
            bps.setYAxisGroup(1);
            c.setYAxisGroupTitle(0, "packets/s");
            c.setYAxisGroupTitle(1, "Mbit/s");
            c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            out.addAll(save(c, dir, "rate"));
        }
        if (s.sizes().count() > 0) {
            List<double[]> bins = new ArrayList<>();
            List<long[]> raw = s.sizes().bins(64);
            for (long[] b : raw) {
                bins.add(new double[] {b[0], b[2]});
            }
            closeSteps(bins, raw);
            boolean hy = spansDecades(bins, 1);
            XYChart c = chart(
                    "Packet size histogram (64-byte bins): " + name,
                    "wire length, bin start (bytes)",
                    "packets per bin (count)");
            c.getStyler().setYAxisLogarithmic(hy);
            addSeries(c, "packet sizes", bins, false, hy, XYSeries.XYSeriesRenderStyle.Step);
            out.addAll(save(c, dir, "size-histogram"));
        }
        return out;
    }

    /** ε against the packet index (as in the paper's figures) and the ε CDF, ε in microseconds. */
    public static List<Path> epsilon(EpsilonSeries series, Distribution eps, Path dir, String name) throws IOException {
        ReportFiles.directory(dir.toString());
        List<Path> out = new ArrayList<>();
        if (eps.count() == 0) {
            return out;
        }
        List<double[]> pts = new ArrayList<>();
        for (long[] p : series.samples()) {
            pts.add(new double[] {p[0], p[1] / 1e3});
        }
        String sampled = series.stride() == 1 ? "" : " (1 in " + series.stride() + " packets)";
        XYChart c = chart("Send-time error ε by packet: " + name, "packet index", "ε (µs)");
        XYSeries sc = addSeries(
                c, "epsilon" + sampled, perColumn(pts, WIDTH), false, false, XYSeries.XYSeriesRenderStyle.Scatter);
        sc.setMarker(SeriesMarkers.CIRCLE);
        c.getStyler().setMarkerSize(2);
        // spikes between the samples: bucket extremes beyond the 0.1th/99.9th percentile
        long lo = eps.percentile(0.1);
        long hi = eps.percentile(99.9);
        List<double[]> outliers = new ArrayList<>();
        for (long[] p : series.extremes()) {
            if (p[1] < lo || p[1] > hi) {
                outliers.add(new double[] {p[0], p[1] / 1e3});
            }
        }
        if (!outliers.isEmpty() && series.stride() > 1) {
            XYSeries os = addSeries(
                    c,
                    "epsilon beyond p0.1/p99.9",
                    perColumn(outliers, WIDTH),
                    false,
                    false,
                    XYSeries.XYSeriesRenderStyle.Scatter);
            os.setMarker(SeriesMarkers.DIAMOND);
        }
        out.addAll(save(c, dir, "epsilon-vs-index"));

        List<double[]> cdf = new ArrayList<>();
        for (double[] p : eps.cdf()) {
            cdf.add(new double[] {p[0] / 1e3, p[1]});
        }
        XYChart d = chart("Send-time error ε CDF: " + name, "ε (µs)", "cumulative fraction of packets");
        addSeries(d, "epsilon CDF", thinCdf(cdf, false), false, false, XYSeries.XYSeriesRenderStyle.Step);
        out.addAll(save(d, dir, "epsilon-cdf"));
        return out;
    }

    static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(x)
                .yAxisTitle(y)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(0);
        c.getStyler().setAntiAlias(true);
        return c;
    }

    static XYSeries addSeries(
            XYChart c,
            String name,
            List<double[]> pts,
            boolean logX,
            boolean logY,
            XYSeries.XYSeriesRenderStyle style) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (double[] p : pts) {
            if ((logX && p[0] <= 0) || (logY && p[1] <= 0)) {
                continue;
            }
            xs.add(p[0]);
            ys.add(p[1]);
        }
        if (xs.isEmpty()) {
            xs.add(logX ? 1.0 : 0.0);
            ys.add(logY ? 1.0 : 0.0);
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(style);
        if (xs.size() < 3) {
            // a line needs two points: show the few there are as dots
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            c.getStyler().setMarkerSize(6);
        } else if (style != XYSeries.XYSeriesRenderStyle.Scatter) {
            s.setMarker(SeriesMarkers.NONE);
        }
        return s;
    }

    /** A step plot draws each bin from its lower edge to the next point: add the last bin's upper edge. */
    private static void closeSteps(List<double[]> pts, List<long[]> raw) {
        if (!raw.isEmpty()) {
            long[] last = raw.get(raw.size() - 1);
            pts.add(new double[] {last[1], last[2]});
        }
    }

    /**
     * A CDF at histogram resolution can have tens of thousands of steps; a 1000-pixel plot needs a point only
     * where the curve moves visibly: 0.1 % in fraction, or 0.1 % of the x range (0.5 % in ratio on a log axis).
     */
    static List<double[]> thinCdf(List<double[]> cdf, boolean logX) {
        if (cdf.size() <= 2000) {
            return cdf;
        }
        double range = cdf.get(cdf.size() - 1)[0] - cdf.get(0)[0];
        List<double[]> out = new ArrayList<>();
        double[] last = null;
        for (int i = 0; i < cdf.size(); i++) {
            double[] p = cdf.get(i);
            boolean keep = last == null
                    || i == cdf.size() - 1
                    || p[1] - last[1] >= 0.001
                    || (logX ? last[0] > 0 && p[0] / last[0] >= 1.005 : p[0] - last[0] >= range / 1000);
            if (keep) {
                out.add(p);
                last = p;
            }
        }
        return out;
    }

    /**
     * A scatter of hundreds of thousands of packets draws no more than a plot's pixel columns can show: per column
     * the first point, the lowest and the highest (so no spike is lost), in x order. Without it an SVG holds a
     * marker per point (tens of MB for the paper's figures) that the eye cannot tell from this.
     */
    static List<double[]> perColumn(List<double[]> pts, int columns) {
        if (pts.size() <= 3L * columns) {
            return pts;
        }
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        for (double[] p : pts) {
            x0 = Math.min(x0, p[0]);
            x1 = Math.max(x1, p[0]);
        }
        double width = x1 > x0 ? (x1 - x0) / columns : 1;
        double[][] first = new double[columns + 1][];
        double[][] low = new double[columns + 1][];
        double[][] high = new double[columns + 1][];
        for (double[] p : pts) {
            int col = (int) Math.min(columns, (p[0] - x0) / width);
            if (first[col] == null || p[0] < first[col][0]) {
                first[col] = p;
            }
            if (low[col] == null || p[1] < low[col][1]) {
                low[col] = p;
            }
            if (high[col] == null || p[1] > high[col][1]) {
                high[col] = p;
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int col = 0; col <= columns; col++) {
            if (first[col] == null) {
                continue;
            }
            out.add(first[col]);
            if (low[col] != first[col]) {
                out.add(low[col]);
            }
            if (high[col] != first[col] && high[col] != low[col]) {
                out.add(high[col]);
            }
        }
        out.sort(java.util.Comparator.comparingDouble(p -> p[0]));
        return out;
    }

    private static final java.util.regex.Pattern LONG_FRACTION = java.util.regex.Pattern.compile("(\\.\\d{2})\\d+");

    /**
     * VectorGraphics2D writes every coordinate with a double's full 15 digits; a hundredth of a pixel is below what
     * any viewer shows, and the figures shrink by a third.
     */
    static String compactSvg(String svg) {
        return LONG_FRACTION.matcher(svg).replaceAll("$1");
    }

    /** Whether the positive values in column col span at least {@link #LOG_SPAN}. */
    static boolean spansDecades(List<double[]> pts, int col) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (double[] p : pts) {
            if (p[col] > 0) {
                lo = Math.min(lo, p[col]);
                hi = Math.max(hi, p[col]);
            }
        }
        return hi > 0 && hi / lo >= LOG_SPAN;
    }

    private static List<Path> save(XYChart c, Path dir, String base) throws IOException {
        Path png = ReportFiles.write(
                dir.resolve(base + ".png"), os -> BitmapEncoder.saveBitmap(c, os, BitmapEncoder.BitmapFormat.PNG));
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(c, buf, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        byte[] svg =
                withTitle(compactSvg(buf.toString(StandardCharsets.UTF_8)), c).getBytes(StandardCharsets.UTF_8);
        return List.of(png, ReportFiles.write(dir.resolve(base + ".svg"), os -> os.write(svg)));
    }

    /**
     * XChart draws every glyph as an outline, so the SVG holds no text; add the standard {@code <title>} and
     * {@code <desc>} elements (chart title, axes, series names) for search, screen readers and scripts.
     */
    static String withTitle(String svg, XYChart c) {
        String desc = "x axis: " + c.getXAxisTitle() + "; y axis: " + c.getYAxisTitle()
                + (c.getYAxisGroupTitle(1) != null ? "; right y axis: " + c.getYAxisGroupTitle(1) : "")
                + "; series: " + String.join(", ", c.getSeriesMap().keySet());
        return withTitle(svg, c.getTitle(), desc);
    }

    static String withTitle(String svg, String title, String desc) {
        int open = svg.indexOf("<svg");
        int end = open < 0 ? -1 : svg.indexOf('>', open);
        if (end < 0) {
            return svg;
        }
        return svg.substring(0, end + 1) + "\n  <title>" + xml(title) + "</title>\n  <desc>" + xml(desc) + "</desc>"
                + svg.substring(end + 1);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
