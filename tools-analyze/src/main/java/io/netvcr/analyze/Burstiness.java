package io.netvcr.analyze;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How bursty a trace is: the peak-to-mean ratio of the rate series, and the index of dispersion of counts
 * (variance / mean of the packet count per window; 1 for a Poisson process, 0 for perfectly periodic traffic)
 * at several time scales. Windows start at the first packet; the last, partial window is left out; windows
 * with no packets count as 0. Memory per scale is constant. An out-of-order packet counts in the current
 * window.
 */
public final class Burstiness {
    public static final long[] DEFAULT_SCALES_NS = {1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L};

    private final Scale[] scales;

    public Burstiness(long[] scalesNs) {
        scales = new Scale[scalesNs.length];
        for (int i = 0; i < scalesNs.length; i++) {
            scales[i] = new Scale(scalesNs[i]);
        }
    }

    public void accept(long timestampNs) {
        for (Scale s : scales) {
            s.accept(timestampNs);
        }
    }

    /** Index of dispersion at the given scale, NaN when fewer than two complete windows exist. */
    public double indexOfDispersion(long scaleNs) {
        for (Scale s : scales) {
            if (s.widthNs == scaleNs) {
                return s.idc();
            }
        }
        throw new IllegalArgumentException("scale " + scaleNs + " ns not tracked");
    }

    public Map<String, Object> toMap(RateSeries rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (rate.intervals() > 0) {
            long pkts = 0;
            long bytes = 0;
            for (int i = 0; i < rate.intervals(); i++) {
                pkts += rate.packets(i);
                bytes += rate.bytes(i);
            }
            double meanPkts = (double) pkts / rate.intervals();
            double meanBytes = (double) bytes / rate.intervals();
            m.put("peakToMeanPackets", Distribution.round6(rate.packets(rate.peakPacketInterval()) / meanPkts));
            m.put("peakToMeanBytes", Distribution.round6(meanBytes == 0 ? 0 : rate.bytes(rate.peakByteInterval()) / meanBytes));
            m.put("intervalNs", rate.intervalNs());
        }
        Map<String, Object> idc = new LinkedHashMap<>();
        for (Scale s : scales) {
            double v = s.idc();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("windowNs", s.widthNs);
            e.put("windows", s.n);
            e.put("meanCount", Distribution.round6(s.mean));
            e.put("indexOfDispersion", Double.isNaN(v) ? null : Distribution.round6(v));
            idc.put(label(s.widthNs), e);
        }
        m.put("indexOfDispersion", idc);
        return m;
    }

    static String label(long ns) {
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + "s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + "ms";
        }
        if (ns % 1_000L == 0) {
            return ns / 1_000L + "us";
        }
        return ns + "ns";
    }

    /** Running mean/variance (Welford) of complete-window counts at one width. */
    private static final class Scale {
        final long widthNs;
        long origin;
        boolean started;
        long window;
        long current;
        long n;
        double mean;
        double m2;

        Scale(long widthNs) {
            this.widthNs = widthNs;
        }

        void accept(long ts) {
            if (!started) {
                origin = ts;
                started = true;
            }
            long w = Math.max(0, ts - origin) / widthNs;
            if (w > window) {
                add(current);
                long empty = w - window - 1;
                if (empty > 0) {
                    addZeros(empty);
                }
                window = w;
                current = 0;
            }
            current++;
        }

        void add(long x) {
            n++;
            double d = x - mean;
            mean += d / n;
            m2 += d * (x - mean);
        }

        /** Merges k windows of count 0 at once (Chan's parallel combination), so long idle gaps cost O(1). */
        void addZeros(long k) {
            long total = n + k;
            double d = -mean;
            m2 += d * d * n * (double) k / total;
            mean += d * k / total;
            n = total;
        }

        double idc() {
            if (n < 2 || mean == 0) {
                return Double.NaN;
            }
            return (m2 / n) / mean;
        }
    }
}
