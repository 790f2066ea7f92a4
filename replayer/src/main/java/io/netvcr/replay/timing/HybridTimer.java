package io.netvcr.replay.timing;

/**
 * Sleeps until deadline - margin, then spins the rest ({@link Thread#onSpinWait()}): spin accuracy with sleep's CPU
 * cost for long gaps. The margin is the measured wake-up lateness (see {@link TimerCalibration}), so the sleep nearly
 * always ends before the deadline; gaps shorter than the margin are spun entirely. Counts the time spun (the CPU the
 * accuracy costs). Under SCHED_FIFO an {@link RtSpinGuard} keeps the spinning inside the RT budget.
 */
public final class HybridTimer implements DeadlineTimer {
    public static final TimerKind KIND =
            new TimerKind("hybrid", "sleeps to deadline - calibrated margin, then spins", true, true, HybridTimer::new);
    private final Sleeper sleeper;
    private final long marginNs;
    private final RtSpinGuard rtGuard;
    /** The last stretch before each deadline is a plain spin: one implementation of it. */
    private final SpinTimer spin;

    public HybridTimer(Sleeper sleeper, long marginNs, RtSpinGuard rtGuard) {
        this.sleeper = sleeper;
        this.marginNs = marginNs;
        this.rtGuard = rtGuard;
        this.spin = new SpinTimer(rtGuard);
    }

    public long marginNs() {
        return marginNs;
    }

    @Override
    public long awaitUntil(long deadlineNs) {
        long wakeAt = deadlineNs - marginNs;
        long now = System.nanoTime();
        if (now - wakeAt < 0) {
            long before = now;
            do {
                sleeper.sleepUntil(wakeAt);
                now = System.nanoTime();
            } while (now - wakeAt < 0);
            if (rtGuard != null) {
                rtGuard.rested(now - before);
            }
        }
        return spin.awaitUntil(deadlineNs);
    }

    @Override
    public long spinNs() {
        return spin.spinNs();
    }

    @Override
    public long forcedRests() {
        return spin.forcedRests();
    }

    @Override
    public long rtExposedWindows() {
        return spin.rtExposedWindows();
    }

    @Override
    public long marginNsOrZero() {
        return marginNs;
    }

    @Override
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "hybrid (%s until deadline - %.1f us, then spin%s)",
                sleeper.describe(),
                marginNs / 1e3,
                rtGuard == null ? "" : "; " + rtGuard.describe());
    }
}
