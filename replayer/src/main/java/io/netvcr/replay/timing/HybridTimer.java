package io.netvcr.replay.timing;

/**
 * Sleeps until deadline - margin, then spins the rest: spin accuracy with sleep's CPU cost for long gaps.
 * The margin is the measured wake-up lateness (see {@link TimerCalibration}), so the sleep nearly always ends
 * before the deadline; gaps shorter than the margin are spun entirely.
 */
public final class HybridTimer implements DeadlineTimer {
    public static final String ALIAS = "hybrid";
    private final Sleeper sleeper;
    private final long marginNs;

    public HybridTimer(Sleeper sleeper, long marginNs) {
        this.sleeper = sleeper;
        this.marginNs = marginNs;
    }

    public long marginNs() {
        return marginNs;
    }

    @Override
    public long awaitUntil(long deadlineNs) {
        long wakeAt = deadlineNs - marginNs;
        long now = System.nanoTime();
        while (now - wakeAt < 0) {
            sleeper.sleepUntil(wakeAt);
            now = System.nanoTime();
        }
        while (now - deadlineNs < 0) {
            Thread.onSpinWait();
            now = System.nanoTime();
        }
        return now;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "hybrid (%s until deadline - %.1f us, then spin)",
            sleeper.describe(), marginNs / 1e3);
    }
}
