package io.netvcr.replay.timing;

import java.util.function.BooleanSupplier;

/**
 * The shared start of several shards in one process when no {@code --start-at} was given: every shard's sending
 * thread arrives here once it is ready (sink open, timer calibrated, JIT warm-up done, first window resident), and
 * the last one to arrive fixes the schedule's start on the monotonic clock, a short lead ahead. Every shard gets
 * that same point, so they start together however long their set-ups took.
 *
 * <p>A fixed wall-clock instant fixed before the set-ups (the first design, 3 s ahead) was missed whenever the
 * warm-ups ran long on a busy 2-vCPU machine: both shards' sending threads and the JIT compiler then share two
 * CPUs, and a shard that reached the instant late sent everything due so far in one burst (ε of tens of ms).
 * Waiting for the slowest shard costs nothing at the start: nothing is due before it.
 */
public final class StartGate {
    /** How often a waiting thread looks at the stop flag (a shard that failed before arriving never arrives). */
    private static final long POLL_MS = 20;

    private final int parties;
    private int arrived;
    private long leadNs;
    private boolean open;
    private long startNs;
    private long startRealtimeNs;

    public StartGate(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a start gate needs at least one party");
        }
        this.parties = parties;
    }

    public int parties() {
        return parties;
    }

    /**
     * Arrives and waits for every other party. The start is the last arrival's System.nanoTime() plus the longest
     * lead any party asked for (each asks for its own timer's wake-up margin and more).
     *
     * @return the start, on System.nanoTime()'s time line; {@code Long.MIN_VALUE} if {@code stopped} turned true
     *     before every party had arrived
     */
    public synchronized long arrive(long leadNs, BooleanSupplier stopped) throws InterruptedException {
        arrived++;
        this.leadNs = Math.max(this.leadNs, leadNs);
        if (arrived == parties) {
            startNs = System.nanoTime() + this.leadNs;
            startRealtimeNs = WallClock.realtimeOf(startNs); // once, so every shard reports the same start
            open = true;
            notifyAll();
        }
        while (!open) {
            if (stopped.getAsBoolean()) {
                return Long.MIN_VALUE;
            }
            wait(POLL_MS);
        }
        return startNs;
    }

    /** The start on CLOCK_REALTIME, once the gate has opened (0 before). */
    public synchronized long startRealtimeNs() {
        return startRealtimeNs;
    }
}
