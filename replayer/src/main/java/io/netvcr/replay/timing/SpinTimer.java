package io.netvcr.replay.timing;

/**
 * Polls the clock until the deadline: the most accurate wait, at the cost of a whole CPU. Under SCHED_FIFO an
 * {@link RtSpinGuard} keeps the spinning inside the RT budget.
 */
public final class SpinTimer implements DeadlineTimer {
    public static final TimerKind KIND = new TimerKind(
            "spin",
            "busy-polls the clock: most accurate, costs a whole CPU",
            true,
            false,
            (sleeper, marginNs, rtGuard) -> new SpinTimer(rtGuard));
    private final RtSpinGuard rtGuard;
    private long spinNs;

    public SpinTimer() {
        this(null);
    }

    public SpinTimer(RtSpinGuard rtGuard) {
        this.rtGuard = rtGuard;
    }

    @Override
    public long awaitUntil(long deadlineNs) {
        long now = System.nanoTime();
        if (rtGuard != null && now - deadlineNs < 0) {
            now = rtGuard.beforeSpin(now, deadlineNs);
        }
        long start = now;
        while (now - deadlineNs < 0) {
            Thread.onSpinWait();
            now = System.nanoTime();
        }
        spinNs += now - start;
        return now;
    }

    @Override
    public long spinNs() {
        return spinNs;
    }

    @Override
    public long forcedRests() {
        return rtGuard == null ? 0 : rtGuard.forcedRests();
    }

    @Override
    public long rtExposedWindows() {
        return rtGuard == null ? 0 : rtGuard.exposedWindows();
    }

    @Override
    public String describe() {
        return "spin (busy-polls CLOCK_MONOTONIC" + (rtGuard == null ? ")" : "; " + rtGuard.describe() + ")");
    }
}
