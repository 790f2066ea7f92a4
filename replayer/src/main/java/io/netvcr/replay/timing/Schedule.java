package io.netvcr.replay.timing;

/**
 * Deadline of packet i in loop pass k: start + (k * loopPeriod + sendOffset_i) / multiplier. Every deadline is
 * computed from the fixed start, never from the previous send, so lateness never accumulates into drift.
 */
public final class Schedule {
    private final long startNs;
    private final long loopPeriodNs;
    private final double scale;
    private final boolean scaled;

    public Schedule(long startNs, long loopPeriodNs, double multiplier) {
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a positive number, got " + multiplier);
        }
        this.startNs = startNs;
        this.loopPeriodNs = loopPeriodNs;
        this.scale = 1.0 / multiplier;
        this.scaled = multiplier != 1.0;
    }

    public long startNs() {
        return startNs;
    }

    public long loopPeriodNs() {
        return loopPeriodNs;
    }

    public long deadlineNs(long loop, long sendOffsetNs) {
        long t = loop * loopPeriodNs + sendOffsetNs;
        return startNs + (scaled ? (long) (t * scale) : t);
    }

    /**
     * Loop period when the header gives none: schedule duration plus one mean gap, so the pass after the last
     * packet starts about where a next packet would have been.
     */
    public static long defaultLoopPeriod(long headerLoopPeriodNs, long scheduleDurationNs, long count) {
        if (headerLoopPeriodNs > 0) {
            return headerLoopPeriodNs;
        }
        long meanGap = count > 1 ? scheduleDurationNs / (count - 1) : 1_000_000L;
        return Math.max(1, scheduleDurationNs + meanGap);
    }
}
