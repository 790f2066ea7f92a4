package io.netvcr.replay.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * --profile: where the send loop's time goes, per phase (the paper's Table III). Each phase is bracketed by two
 * clock reads and recorded into a fixed-range histogram made here, before the replay, so recording never
 * allocates. Phases: obtaining the record (read), building the frame with its padding and stored checksum
 * (build), waiting for the deadline (wait), the send call (send) and the whole batch from its first record to
 * the end of its accounting (iteration; one packet per batch unless frames are due together).
 *
 * <p>The profile costs what it measures with: {@link #probeCostNs()} is one bracket (two clock reads and one
 * recording), measured on this thread when the profile is made; a packet pays about five of them.
 */
public final class LoopProfile {
    public static final String[] PHASES = {"read", "build", "wait", "send", "iteration"};
    public static final int READ = 0;
    public static final int BUILD = 1;
    public static final int WAIT = 2;
    public static final int SEND = 3;
    public static final int ITERATION = 4;

    private final Histogram[] phases = new Histogram[PHASES.length];
    private final long probeCostNs;

    public LoopProfile() {
        for (int i = 0; i < phases.length; i++) {
            phases[i] = new Histogram(ReplayStats.HIGHEST_NS, 3);
        }
        probeCostNs = measureProbe();
    }

    /** Sending thread: one measurement of phase p (ns), clamped into the histogram's range. */
    public void record(int p, long ns) {
        phases[p].recordValue(ns < 0 ? 0 : Math.min(ns, ReplayStats.HIGHEST_NS));
    }

    public Histogram phase(int p) {
        return phases[p];
    }

    /** Forgets the warm-up's samples. */
    public void reset() {
        for (Histogram h : phases) {
            h.reset();
        }
    }

    /** Median cost of one bracket (clock read, clock read, recording) on the thread that made the profile. */
    public long probeCostNs() {
        return probeCostNs;
    }

    private static long measureProbe() {
        Histogram scratch = new Histogram(ReplayStats.HIGHEST_NS, 3);
        long[] rounds = new long[21];
        for (int r = 0; r < rounds.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                long a = System.nanoTime();
                scratch.recordValue(System.nanoTime() - a);
            }
            rounds[r] = (System.nanoTime() - t0) / 1000;
        }
        java.util.Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    /** Per phase: count, mean, p50, p99, max (ns); then the probe cost. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < PHASES.length; i++) {
            Histogram h = phases[i];
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("count", h.getTotalCount());
            p.put("meanNs", h.getTotalCount() == 0 ? 0 : Math.round(h.getMean()));
            p.put("p50Ns", h.getValueAtPercentile(50));
            p.put("p99Ns", h.getValueAtPercentile(99));
            p.put("maxNs", h.getMaxValue());
            m.put(PHASES[i], p);
        }
        m.put("probeCostNs", probeCostNs);
        return m;
    }

    /** The text summary's table. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT, "Loop profile (--profile; each measurement costs about %d ns itself):%n", probeCostNs));
        b.append(String.format(
                Locale.ROOT,
                "\t%-10s %12s %12s %12s %12s %14s%n",
                "phase",
                "count",
                "mean ns",
                "p50 ns",
                "p99 ns",
                "max ns"));
        for (int i = 0; i < PHASES.length; i++) {
            Histogram h = phases[i];
            b.append(String.format(
                    Locale.ROOT,
                    "\t%-10s %12d %12.0f %12d %12d %14d%n",
                    PHASES[i],
                    h.getTotalCount(),
                    h.getTotalCount() == 0 ? 0.0 : h.getMean(),
                    h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99),
                    h.getMaxValue()));
        }
        return b.toString();
    }
}
