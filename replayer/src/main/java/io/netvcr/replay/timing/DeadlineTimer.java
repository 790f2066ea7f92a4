package io.netvcr.replay.timing;

/**
 * Waits until an absolute deadline on the monotonic clock ({@link System#nanoTime()}, CLOCK_MONOTONIC on
 * Linux). Unlike agrona's IdleStrategy ("there was no work"), this answers "not yet time". Implementations
 * never return before the deadline and allocate nothing.
 */
public interface DeadlineTimer {
    /** Waits until the clock reaches deadlineNs and returns the clock value read when the wait ended. */
    long awaitUntil(long deadlineNs);

    /** Time spent spinning so far (the CPU the accuracy costs). */
    default long spinNs() {
        return 0;
    }

    /** Pauses forced by the RT guard so far. */
    default long forcedRests() {
        return 0;
    }

    /** RT-guard windows that ended short of their rest (throttling could hit there); 0 without a guard. */
    default long rtExposedWindows() {
        return 0;
    }

    /** Hybrid's spin margin, 0 for the others. */
    default long marginNsOrZero() {
        return 0;
    }

    /** Name and parameters for the report. */
    String describe();

    /** Creates a timer by its --timer name (spin, sleep, hybrid). */
    static DeadlineTimer create(String name, Sleeper sleeper, long hybridMarginNs) {
        return create(name, sleeper, hybridMarginNs, false);
    }

    /**
     * realtime: the thread runs SCHED_FIFO, so spinning timers get an {@link RtSpinGuard} - unless the kernel
     * does not throttle RT tasks.
     */
    static DeadlineTimer create(String name, Sleeper sleeper, long hybridMarginNs, boolean realtime) {
        return create(name, sleeper, hybridMarginNs, realtime, RtSpinGuard.RtThrottling.read());
    }

    static DeadlineTimer create(String name, Sleeper sleeper, long hybridMarginNs, boolean realtime,
                                RtSpinGuard.RtThrottling throttling) {
        RtSpinGuard guard = realtime && throttling.guardNeeded()
            ? RtSpinGuard.forKernel(sleeper, throttling, hybridMarginNs) : null;
        switch (name) {
            case SpinTimer.ALIAS: return new SpinTimer(guard);
            case SleepTimer.ALIAS: return new SleepTimer(sleeper);
            case HybridTimer.ALIAS: return new HybridTimer(sleeper, hybridMarginNs, guard);
            default: throw new IllegalArgumentException("unknown timer '" + name + "' (spin, sleep, hybrid)");
        }
    }
}
