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

    /** Sleeps taken so far (sleeping timers). */
    default long sleeps() {
        return 0;
    }

    /** Waits whose sleep ended past the deadline, so the packet left late (sleeping timers). */
    default long oversleeps() {
        return 0;
    }

    /** Hybrid's spin margin, 0 for the others. */
    default long marginNsOrZero() {
        return 0;
    }

    /**
     * Runs, on throwaway state, the code a replay reaches more often than the warm-up's waits do, so that it is
     * compiled before the start; the timer's own state is untouched.
     */
    default void warmUp() {
        // nothing beyond awaitUntil
    }

    /** Name and parameters for the report. */
    String describe();

    /**
     * realtime: the thread runs SCHED_FIFO, so spinning timers get an {@link RtSpinGuard} - unless the kernel
     * does not throttle RT tasks.
     */
    static DeadlineTimer create(TimerKind kind, Sleeper sleeper, long marginNs, boolean realtime) {
        return create(kind, sleeper, marginNs, realtime, RtSpinGuard.RtThrottling.read());
    }

    static DeadlineTimer create(
            TimerKind kind, Sleeper sleeper, long marginNs, boolean realtime, RtSpinGuard.RtThrottling throttling) {
        RtSpinGuard guard = realtime && kind.spins() && throttling.guardNeeded()
                ? RtSpinGuard.forKernel(sleeper, throttling, marginNs)
                : null;
        return kind.factory().create(sleeper, marginNs, guard);
    }
}
