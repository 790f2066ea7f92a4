package io.netvcr.replay.timing;

import java.util.Arrays;

/**
 * Measures how late this thread wakes from a short absolute sleep (run on the sending thread after its timer
 * slack and scheduler are set, since both change the answer). The hybrid timer's margin is the 99th
 * percentile of that lateness plus a little, bounded to [10 us, 2 ms].
 */
public final class TimerCalibration {
    public static final long MIN_MARGIN_NS = 10_000;
    public static final long MAX_MARGIN_NS = 2_000_000;
    private final long p50Ns;
    private final long p99Ns;
    private final long marginNs;
    private final int samples;

    private TimerCalibration(long p50Ns, long p99Ns, long marginNs, int samples) {
        this.p50Ns = p50Ns;
        this.p99Ns = p99Ns;
        this.marginNs = marginNs;
        this.samples = samples;
    }

    public static TimerCalibration measure(Sleeper sleeper, int samples, long sleepNs) {
        long[] late = new long[samples];
        for (int i = 0; i < samples; i++) {
            long deadline = System.nanoTime() + sleepNs;
            sleeper.sleepUntil(deadline);
            late[i] = Math.max(0, System.nanoTime() - deadline);
        }
        Arrays.sort(late);
        long p50 = late[samples / 2];
        long p99 = late[Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)];
        long margin = Math.max(MIN_MARGIN_NS, Math.min(MAX_MARGIN_NS, p99 + 5_000));
        return new TimerCalibration(p50, p99, margin, samples);
    }

    public long p50Ns() {
        return p50Ns;
    }

    public long p99Ns() {
        return p99Ns;
    }

    public long marginNs() {
        return marginNs;
    }

    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "wake-up lateness over %d sleeps: p50 %.1f us, p99 %.1f us",
                samples,
                p50Ns / 1e3,
                p99Ns / 1e3);
    }
}
