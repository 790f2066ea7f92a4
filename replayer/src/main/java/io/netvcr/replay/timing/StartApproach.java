package io.netvcr.replay.timing;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The sending thread's approach to send offset 0, however the start was fixed (a {@code --start-at} instant, the
 * shards' {@link StartGate}, or set-up plus a lead): sleep until {@link #SPIN_NS} before it, then spin on
 * System.nanoTime() to it, so the first frame is staged and handed over at once, whatever the timer. The spin is a
 * one-off of at most {@link #SPIN_NS}: it costs nothing, while the loop's own first wait would sleep (hybrid, sleep)
 * and wake as late as any sleep here - measured 0.3 ms late on a loaded VM for a hybrid margin of ~0.1 ms.
 *
 * <p>The spin runs JIT-compiled code ({@link #warm()} before the JIT settles): interpreted, its loop would ask for an
 * OSR compilation in the last milliseconds before the start, and a compiler thread waking then takes a CPU that a
 * sender (this one, or another shard's or another process's) needs. It reads System.nanoTime() only: a wall clock
 * read through jnr-ffi costs more per read and is not compiled when the approach starts. The start on the wall clock
 * is converted to the monotonic time line by the caller's supplier, asked again after the last sleep (a slewing or
 * stepped wall clock is followed up to the spin, not during its last {@link #SPIN_NS}).
 */
public final class StartApproach {
    /**
     * Spin this long before the start: above the wake-up lateness of a sleep on this VM at load (p99 ~0.3 ms, a
     * millisecond at times), so the spin, not a late wake-up, decides when the start is noticed.
     */
    public static final long SPIN_NS = 2_000_000L;

    /** Longer sleeps are cut into steps, so a stop request is seen within one. */
    static final long SLEEP_STEP_NS = 50_000_000L;

    private long spunNs;
    private long longestStallNs;
    private long startNs;

    /**
     * Sleeps until SPIN_NS before the start, then spins to it.
     *
     * @param start   the start on System.nanoTime()'s time line; asked before every sleep and once more before the
     *                spin, so a start given on a wall clock follows that clock until then
     * @param stopped checked before every sleep step
     * @return the System.nanoTime() read that reached the start (at or after it), or {@code Long.MIN_VALUE} when
     *     stopped first
     */
    public long await(LongSupplier start, Sleeper sleeper, BooleanSupplier stopped) {
        while (true) {
            long s = start.getAsLong();
            long now = System.nanoTime();
            long sleep = s - SPIN_NS - now;
            if (sleep <= 0) {
                break;
            }
            if (stopped.getAsBoolean()) {
                return Long.MIN_VALUE;
            }
            sleeper.sleepUntil(now + Math.min(SLEEP_STEP_NS, sleep));
        }
        long s = start.getAsLong();
        startNs = s;
        long t0 = System.nanoTime();
        long reached = spin(s);
        spunNs = reached - t0;
        return reached;
    }

    /** The same for a start fixed on the monotonic clock. */
    public long await(long startNs, Sleeper sleeper, BooleanSupplier stopped) {
        return await(() -> startNs, sleeper, stopped);
    }

    /**
     * Spins until the clock reaches deadlineNs and returns that read. Keeps the longest gap between two reads: a
     * spinning thread reads the clock every few tens of ns, so a gap of microseconds means it did not run then
     * (preempted, a safepoint, a stalled vCPU).
     */
    long spin(long deadlineNs) {
        long prev = System.nanoTime();
        long now = prev;
        long gap = 0;
        while (now - deadlineNs < 0) {
            Thread.onSpinWait();
            now = System.nanoTime();
            gap = Math.max(gap, now - prev);
            prev = now;
        }
        longestStallNs = gap;
        return now;
    }

    /** The start the last {@link #await} spun to (its final answer from the supplier). */
    public long startNs() {
        return startNs;
    }

    /** How long the last approach spun. */
    public long spunNs() {
        return spunNs;
    }

    /** The longest time the last approach's spin did not run (see {@link #spin}). */
    public long longestStallNs() {
        return longestStallNs;
    }

    /** Compiles the spin: 20,000 short spins (~20 ms), before the JIT is waited for. */
    public void warm() {
        for (int i = 0; i < 20_000; i++) {
            spin(System.nanoTime() + 1_000);
        }
        longestStallNs = 0;
    }
}
