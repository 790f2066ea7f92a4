package io.netvcr.replay.timing;

/** Polls the clock until the deadline: the most accurate wait, at the cost of a whole CPU. */
public final class SpinTimer implements DeadlineTimer {
    public static final String ALIAS = "spin";

    @Override
    public long awaitUntil(long deadlineNs) {
        long now;
        while ((now = System.nanoTime()) - deadlineNs < 0) {
            Thread.onSpinWait();
        }
        return now;
    }

    @Override
    public String describe() {
        return "spin (busy-polls CLOCK_MONOTONIC)";
    }
}
