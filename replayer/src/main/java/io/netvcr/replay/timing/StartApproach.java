package io.netvcr.replay.timing;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The sending thread's approach to send offset 0, however the start was fixed (a {@code --start-at} instant, the
 * shards' {@link StartGate}, or set-up plus a lead), in two steps: {@link #sleepUntilSpin} sleeps until
 * {@link #SPIN_NS} before it, then the caller prepares what the first send needs and {@link #spin}s to it on
 * System.nanoTime(), whatever the timer: to the start itself (top speed), or to 200 us before it, so that the
 * loop's entry, which costs tens of microseconds even compiled, is over when the start comes and the loop's first
 * wait spins the rest with the first frame staged (ReplayLoop.entrySpin), whatever the timer. The spin is a
 * one-off of at most {@link #SPIN_NS}; a sleeping timer's own wait for the first packet would wake as late as any
 * sleep here - measured 0.3 ms late on a loaded VM for a hybrid margin of ~0.1 ms.
 *
 * <p>Nothing slow may run between the spin and the first send: code running there for the first time runs in the
 * interpreter, and each constant-pool entry it uses first is resolved by a call into the JVM (measured 20-30 µs at
 * load for five statements that were harmless before the start). So the caller does its set-up between the two
 * steps, and {@link #spin} is JIT-compiled ({@link #warm()} before the JIT settles): interpreted, its loop would
 * ask for an OSR compilation in the last milliseconds before the start, and a compiler thread waking then takes a
 * CPU that a sender (this one, or another shard's or another process's) needs. It reads System.nanoTime() only: a
 * wall clock read through jnr-ffi costs more per read. A start on a wall clock is converted to the monotonic time
 * line by the caller's supplier, asked again after the last sleep (a slewing or stepped wall clock is followed up
 * to the spin, not during its last {@link #SPIN_NS}).
 */
public final class StartApproach {
    /**
     * Spin this long before the start: above the wake-up lateness of a sleep on this VM (p99 ~0.3 ms at times,
     * more under load), so the spin, not a late wake-up, decides when the start is noticed; and within one
     * scheduler slice (EEVDF base slice 0.75 ms x (1 + log2 CPUs)), so a busy machine does not preempt the spinner
     * for having run too long just before the start.
     */
    public static final long SPIN_NS = 1_000_000L;

    /** Longer sleeps are cut into steps, so a stop request is seen within one. */
    static final long SLEEP_STEP_NS = 50_000_000L;

    private long startNs;
    private long reachedNs;
    private long spunNs;
    private long longestStallNs;

    /**
     * Sleeps until SPIN_NS before the start.
     *
     * @param start   the start on System.nanoTime()'s time line; asked before every sleep and once more after the
     *                last, so a start given on a wall clock follows that clock until then
     * @param stopped checked before every sleep step
     * @return the start (the supplier's last answer), or {@code Long.MIN_VALUE} when stopped first
     */
    public long sleepUntilSpin(LongSupplier start, Sleeper sleeper, BooleanSupplier stopped) {
        while (true) {
            long s = start.getAsLong();
            long now = System.nanoTime();
            long sleep = s - SPIN_NS - now;
            if (sleep <= 0) {
                return s;
            }
            if (stopped.getAsBoolean()) {
                return Long.MIN_VALUE;
            }
            sleeper.sleepUntil(now + Math.min(SLEEP_STEP_NS, sleep));
        }
    }

    /** The same for a start fixed on the monotonic clock (no supplier: nothing new to link at the start). */
    public long sleepUntilSpin(long start, Sleeper sleeper, BooleanSupplier stopped) {
        while (true) {
            long now = System.nanoTime();
            long sleep = start - SPIN_NS - now;
            if (sleep <= 0) {
                return start;
            }
            if (stopped.getAsBoolean()) {
                return Long.MIN_VALUE;
            }
            sleeper.sleepUntil(now + Math.min(SLEEP_STEP_NS, sleep));
        }
    }

    /**
     * Spins until the clock reaches startNs and returns that read. Keeps the longest gap between two reads: a
     * spinning thread reads the clock every few tens of ns, so a gap of microseconds means it did not run then
     * (preempted, a safepoint, a stalled vCPU).
     */
    public long spin(long startNs) {
        long t0 = System.nanoTime();
        long prev = t0;
        long now = t0;
        long gap = 0;
        while (now - startNs < 0) {
            Thread.onSpinWait();
            now = System.nanoTime();
            gap = Math.max(gap, now - prev);
            prev = now;
        }
        this.startNs = startNs;
        this.reachedNs = now;
        this.spunNs = now - t0;
        this.longestStallNs = gap;
        return now;
    }

    /** Both steps with nothing between them. */
    public long await(LongSupplier start, Sleeper sleeper, BooleanSupplier stopped) {
        long s = sleepUntilSpin(start, sleeper, stopped);
        return s == Long.MIN_VALUE ? s : spin(s);
    }

    /** The start the last {@link #spin} spun to. */
    public long startNs() {
        return startNs;
    }

    /** The clock read that ended the last spin (at or after its start). */
    public long reachedNs() {
        return reachedNs;
    }

    /** How long the last spin spun. */
    public long spunNs() {
        return spunNs;
    }

    /** The longest time the last spin did not run (see {@link #spin}). */
    public long longestStallNs() {
        return longestStallNs;
    }

    /** Compiles the spin: 20,000 short spins (~20 ms), before the JIT is waited for. */
    public void warm() {
        for (int i = 0; i < 20_000; i++) {
            spin(System.nanoTime() + 1_000);
        }
        startNs = 0;
        reachedNs = 0;
        spunNs = 0;
        longestStallNs = 0;
    }
}
