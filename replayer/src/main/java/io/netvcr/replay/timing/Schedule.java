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
    /** -1 when scaled, else 0: selects without a branch (see deadlineNs). */
    private final long scaledMask;

    public Schedule(long startNs, long loopPeriodNs, double multiplier) {
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a positive number, got " + multiplier);
        }
        this.startNs = startNs;
        this.loopPeriodNs = loopPeriodNs;
        this.scale = 1.0 / multiplier;
        this.scaled = multiplier != 1.0;
        this.scaledMask = scaled ? -1L : 0L;
    }

    public long startNs() {
        return startNs;
    }

    public long loopPeriodNs() {
        return loopPeriodNs;
    }

    /**
     * Saturates at Long.MAX_VALUE (never, in practice) instead of wrapping: a wrapped product made every pass
     * after the overflow due at once. Offsets and periods are at most 2^58 (checked at open), so the first 32
     * passes are exact; a double scale saturates on its own when cast.
     */
    public long deadlineNs(long loop, long sendOffsetNs) {
        long t = saturatingAdd(saturatingMultiply(loop, loopPeriodNs), sendOffsetNs);
        // A select, not a branch: the JIT warm-up runs compressed (scaled) schedules, so a branch compiled from
        // its profile trapped (deoptimised) at the first packet of an unscaled replay. Unscaled stays exact.
        return saturatingAdd(startNs, (long) (t * scale) & scaledMask | t & ~scaledMask);
    }

    /** a * b for non-negative a and b, or Long.MAX_VALUE when it does not fit. */
    static long saturatingMultiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    /** a + b for non-negative b, or Long.MAX_VALUE when it does not fit. */
    static long saturatingAdd(long a, long b) {
        long s = a + b;
        return b > 0 && s < a ? Long.MAX_VALUE : s;
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
        return Math.max(1, saturatingAdd(scheduleDurationNs, meanGap));
    }
}
