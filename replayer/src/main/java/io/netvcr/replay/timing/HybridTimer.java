package io.netvcr.replay.timing;

/**
 * Sleeps until shortly before the deadline, then spins the rest ({@link Thread#onSpinWait()}): spin accuracy with
 * sleep's CPU cost for long gaps. How early a sleep must end depends on its length (a VM wakes a vCPU that halted
 * for milliseconds much later than one that halted briefly), so the margins are learnt per sleep length from the
 * thread's own wake-ups ({@link WakeLateness}; the start-up {@link TimerCalibration} is the prior of short sleeps):
 * a long gap is one long sleep that ends early by the long-sleep margin, then short sleeps, then a short spin, so
 * a long sleep's late wake-up costs a wake-up, not a late packet nor a long spin. Waits of 1-4 ms are one sleep
 * whose margin is held to what a spin budget (1/128 of the wait) buys, so periodic millisecond gaps cost the CPU
 * of a sleep and a short spin; their late wake-ups leave packets late, as any sleeping sender's do. Gaps shorter
 * than the short-sleep margin are spun entirely. Counts the time spun (the CPU the accuracy costs), the sleeps and
 * the waits a sleep overshot (wake-ups past the deadline). Under SCHED_FIFO an {@link RtSpinGuard} keeps the
 * spinning inside the RT budget.
 */
public final class HybridTimer implements DeadlineTimer {
    public static final TimerKind KIND =
            new TimerKind("hybrid", "sleeps to deadline - calibrated margin, then spins", true, true, HybridTimer::new);
    private final Sleeper sleeper;
    private final long marginNs;
    private final RtSpinGuard rtGuard;
    /** The last stretch before each deadline is a plain spin: one implementation of it. */
    private final SpinTimer spin;

    private final WakeLateness lateness;
    private long sleeps;
    private long oversleeps;

    public HybridTimer(Sleeper sleeper, long marginNs, RtSpinGuard rtGuard) {
        this.sleeper = sleeper;
        this.marginNs = marginNs;
        this.rtGuard = rtGuard;
        this.spin = new SpinTimer(rtGuard);
        this.lateness = new WakeLateness(marginNs, TimerCalibration.MIN_MARGIN_NS, TimerCalibration.MAX_MARGIN_NS);
    }

    public long marginNs() {
        return marginNs;
    }

    @Override
    public long awaitUntil(long deadlineNs) {
        long now = System.nanoTime();
        long before = now;
        long slept = 0;
        // One loop test decides the first sleep and every further one, so its profile holds both outcomes whatever
        // the warm-up's waits were: a do-while's repeat, which the warm-up may never take (short sleeps that keep
        // a long margin leave no room for a second sleep there), trapped (unstable_if) at the replay's first
        // repeat (LoopDeoptimizationTest).
        for (long len = lateness.planWait(deadlineNs - now); len > 0; len = lateness.plan(deadlineNs - now)) {
            long wakeAt = now + len;
            sleeper.sleepUntil(wakeAt);
            now = System.nanoTime();
            lateness.record(now - wakeAt);
            sleeps++;
            slept = -1L;
        }
        // Counted without a branch: an oversleep is rare, and a branch the warm-up never took traps when the replay
        // takes it. A wait that did not sleep is not an oversleep, even if its deadline had passed.
        oversleeps += (deadlineNs - now) >>> 63 & slept;
        if (rtGuard != null) {
            rtGuard.rested(now - before);
        }
        return spin.awaitUntil(deadlineNs);
    }

    /** The margins this timer has learnt (tests). */
    WakeLateness lateness() {
        return lateness;
    }

    /** Compiles the margin learning, which the replay runs at every sleep (see {@link WakeLateness#warm}). */
    @Override
    public void warmUp() {
        WakeLateness.warm();
    }

    /** Sleeps taken so far (a long wait takes a few). */
    @Override
    public long sleeps() {
        return sleeps;
    }

    /** Waits whose sleeps ended past the deadline (the packet left late by a late wake-up). */
    @Override
    public long oversleeps() {
        return oversleeps;
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
                "hybrid (%s until a margin before the deadline, then spin; margins learnt per sleep length from "
                        + "the wake-ups, starting at %.1f us for short sleeps, at least %.0f us for sleeps over "
                        + "%.0f us; 1-4 ms waits one sleep whose spin averages at most 1/%d of the wait%s)",
                sleeper.describe(),
                marginNs / 1e3,
                WakeLateness.LONG_FLOOR_NS / 1e3,
                WakeLateness.lowestOf(2) / 1e3,
                1 << WakeLateness.SPIN_SHARE_SHIFT,
                rtGuard == null ? "" : "; " + rtGuard.describe());
    }
}
