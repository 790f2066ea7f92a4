package io.netvcr.replay.timing;

/**
 * Sleeps the whole gap: cheap on CPU, but every packet is late by the system's wake-up latency (about 60 us
 * on the reference VM even with 1 ns timer slack).
 */
public final class SleepTimer implements DeadlineTimer {
    public static final TimerKind KIND = new TimerKind(
            "sleep",
            "sleeps the whole gap: cheap on CPU, late by the wake-up latency",
            false,
            true,
            (sleeper, marginNs, rtGuard) -> new SleepTimer(sleeper));
    private final Sleeper sleeper;

    public SleepTimer(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public long awaitUntil(long deadlineNs) {
        long now;
        while ((now = System.nanoTime()) - deadlineNs < 0) {
            sleeper.sleepUntil(deadlineNs);
        }
        return now;
    }

    @Override
    public String describe() {
        return "sleep (" + sleeper.describe() + ")";
    }
}
