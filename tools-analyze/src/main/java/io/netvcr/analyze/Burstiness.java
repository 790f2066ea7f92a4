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
public final class Burstiness implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final long[] DEFAULT_SCALES_NS = {
        1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L
    };

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

    /** Windows start at this time (the first packet of the whole trace) instead of at the first packet seen. */
    public void start(long originNs) {
        for (Scale s : scales) {
            s.start(originNs);
        }
    }

    /** This stretch follows packets whose latest timestamp was maxTimestampBefore (needs {@link #start}). */
    public void after(long maxTimestampBefore) {
        for (Scale s : scales) {
            s.after(maxTimestampBefore);
        }
    }

    /** Whether {@link #merge} gives the one-pass answer (see {@link Scale}). */
    public boolean canMerge(Burstiness next) {
        for (int i = 0; i < scales.length; i++) {
            if (!scales[i].canMerge(next.scales[i])) {
                return false;
            }
        }
        return true;
    }

    /** Appends the stretch that followed; this one must start at the trace's first packet (or be empty). */
    public void merge(Burstiness next) {
        for (int i = 0; i < scales.length; i++) {
            scales[i].merge(next.scales[i]);
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
            m.put(
                    "peakToMeanBytes",
                    Distribution.round6(meanBytes == 0 ? 0 : rate.bytes(rate.peakByteInterval()) / meanBytes));
            m.put("intervalNs", rate.intervalNs());
        }
        Map<String, Object> idc = new LinkedHashMap<>();
        for (Scale s : scales) {
            double v = s.idc();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("windowNs", s.widthNs);
            e.put("windows", s.n());
            e.put("meanCount", Distribution.round6(s.mean()));
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

    /**
     * Window counts at one width, kept as exact sums so that stretches of a trace merge into the one-pass
     * answer. The running window is the latest one reached (an out-of-order packet counts in it), so all
     * windows before it are complete: their number is its index, their packets all but the current count,
     * and only the sum of squared counts needs keeping. A stretch that does not start the trace does not know
     * which window the packets before it reached; it keeps its first {@value #HEAD} windows by index, which
     * {@link #merge} folds into that window when they lie at or before it.
     */
    private static final class Scale implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static final int HEAD = 64;
        final long widthNs;
        long origin;
        boolean started;
        boolean hasWindow;
        long window;
        long current;
        long total;
        /** The first complete windows: index, count pairs. */
        final long[] head = new long[2 * HEAD];

        int heads;
        /** Index of the first complete window after the head, -1 when none. */
        long bodyFirst = -1;
        /** Squared counts of the complete windows after the head. */
        final Int128 squares = new Int128();

        Scale(long widthNs) {
            this.widthNs = widthNs;
        }

        void start(long originNs) {
            origin = originNs;
            started = true;
        }

        /** The latest timestamp before this stretch: its window is where this stretch's early packets count. */
        void after(long maxTimestampBefore) {
            window = Math.max(0, maxTimestampBefore - origin) / widthNs;
            current = 0;
            hasWindow = true;
        }

        void accept(long ts) {
            if (!started) {
                start(ts);
            }
            long w = Math.max(0, ts - origin) / widthNs;
            if (!hasWindow) {
                window = w;
                hasWindow = true;
            } else if (w > window) {
                complete(window, current);
                window = w;
                current = 0;
            }
            current++;
            total++;
        }

        private void complete(long index, long count) {
            if (heads < HEAD) {
                head[2 * heads] = index;
                head[2 * heads + 1] = count;
                heads++;
            } else {
                if (bodyFirst < 0) {
                    bodyFirst = index;
                }
                squares.addSquare(count);
            }
        }

        boolean canMerge(Scale next) {
            return next.bodyFirst < 0 || next.bodyFirst > Math.max(window, lastHeadIndex(next));
        }

        private static long lastHeadIndex(Scale s) {
            return s.heads == 0 ? -1 : s.head[2 * s.heads - 2];
        }

        /** This scale must cover the trace from its start (window 0 reached first). */
        void merge(Scale next) {
            if (!next.hasWindow) {
                return;
            }
            if (!started) {
                start(next.origin);
            }
            for (int i = 0; i < next.heads; i++) {
                feed(next.head[2 * i], next.head[2 * i + 1]);
            }
            if (next.bodyFirst >= 0) {
                complete(window, current);
                squares.add(next.squares);
                window = next.window;
                current = next.current;
                hasWindow = true;
            } else {
                feed(next.window, next.current);
            }
            total += next.total;
        }

        private void feed(long index, long count) {
            if (!hasWindow) {
                window = index;
                current = count;
                hasWindow = true;
            } else if (index <= window) {
                current += count;
            } else {
                complete(window, current);
                window = index;
                current = count;
            }
        }

        /** Complete windows (from the trace's first packet to the latest window reached, that one excluded). */
        long n() {
            return hasWindow ? window : 0;
        }

        double mean() {
            long n = n();
            return n == 0 ? 0 : (double) (total - current) / n;
        }

        double idc() {
            long n = n();
            long s1 = total - current;
            if (n < 2 || s1 == 0) {
                return Double.NaN;
            }
            java.math.BigInteger s2 = squares.value();
            for (int i = 0; i < heads; i++) {
                s2 = s2.add(java.math.BigInteger.valueOf(head[2 * i + 1]).pow(2));
            }
            java.math.BigInteger bn = java.math.BigInteger.valueOf(n);
            java.math.BigInteger bs1 = java.math.BigInteger.valueOf(s1);
            java.math.BigInteger num = bn.multiply(s2).subtract(bs1.multiply(bs1));
            return new java.math.BigDecimal(num)
                    .divide(new java.math.BigDecimal(bn.multiply(bs1)), java.math.MathContext.DECIMAL128)
                    .doubleValue();
        }
    }
}
