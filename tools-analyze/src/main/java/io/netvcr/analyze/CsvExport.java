package io.netvcr.analyze;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code --csv DIR}: the time series and histograms of a trace as CSV files with a header line. */
public final class CsvExport {
    private CsvExport() {}

    public static List<Path> write(TrafficStats s, Path dir) throws IOException {
        ReportFiles.directory(dir.toString());
        List<Path> out = new ArrayList<>();
        RateSeries r = s.rate();
        out.add(ReportFiles.csv(dir.resolve("rate.csv"), w -> {
            w.println("interval,start_ns,start_s,packets,bytes,pps,bps");
            for (int i = 0; i < r.intervals(); i++) {
                long startRel = i * r.intervalNs();
                w.printf(
                        Locale.ROOT,
                        "%d,%d,%.9f,%d,%d,%.3f,%.3f%n",
                        i,
                        r.originNs() + startRel,
                        startRel / 1e9,
                        r.packets(i),
                        r.bytes(i),
                        r.pps(i),
                        r.bps(i));
            }
        }));
        out.add(ReportFiles.csv(dir.resolve("interarrival-histogram.csv"), w -> {
            w.println("low_ns,high_ns,count");
            for (long[] b : s.interArrival().gaps().logBins(1, 2)) {
                w.printf(Locale.ROOT, "%d,%d,%d%n", b[0], b[1], b[2]);
            }
        }));
        out.add(ReportFiles.csv(dir.resolve("interarrival-cdf.csv"), w -> {
            w.println("gap_ns,cumulative_fraction");
            for (double[] p : s.interArrival().gaps().cdf()) {
                w.printf(Locale.ROOT, "%.0f,%.9f%n", p[0], p[1]);
            }
        }));
        out.add(ReportFiles.csv(dir.resolve("size-histogram.csv"), w -> {
            w.println("low_bytes,high_bytes,count");
            for (long[] b : s.sizes().bins(64)) {
                w.printf(Locale.ROOT, "%d,%d,%d%n", b[0], b[1], b[2]);
            }
        }));
        out.add(ReportFiles.csv(dir.resolve("flows.csv"), w -> {
            w.println("src,src_port,dst,dst_port,protocol,packets,bytes");
            for (Map.Entry<FlowKey, long[]> e : s.flows().flows().top(Integer.MAX_VALUE, true)) {
                FlowKey k = e.getKey();
                w.printf(
                        Locale.ROOT,
                        "%s,%d,%s,%d,%s,%d,%d%n",
                        k.src(),
                        k.srcPort(),
                        k.dst(),
                        k.dstPort(),
                        FlowKey.protocolName(k.protocol()),
                        e.getValue()[0],
                        e.getValue()[1]);
            }
        }));
        return out;
    }
}
