package io.netvcr.replay.timing;

/**
 * Waits until an absolute deadline on the monotonic clock ({@link System#nanoTime()}, CLOCK_MONOTONIC on
 * Linux). Unlike agrona's IdleStrategy ("there was no work"), this answers "not yet time". Implementations
 * never return before the deadline and allocate nothing.
 */
public interface DeadlineTimer {
    /** Waits until the clock reaches deadlineNs and returns the clock value read when the wait ended. */
    long awaitUntil(long deadlineNs);

    /** Name and parameters for the report. */
    String describe();

    /** Creates a timer by its --timer name (spin, sleep, hybrid). */
    static DeadlineTimer create(String name, Sleeper sleeper, long hybridMarginNs) {
        switch (name) {
            case SpinTimer.ALIAS: return new SpinTimer();
            case SleepTimer.ALIAS: return new SleepTimer(sleeper);
            case HybridTimer.ALIAS: return new HybridTimer(sleeper, hybridMarginNs);
            default: throw new IllegalArgumentException("unknown timer '" + name + "' (spin, sleep, hybrid)");
        }
    }
}
