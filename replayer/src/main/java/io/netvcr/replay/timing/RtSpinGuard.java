package io.netvcr.replay.timing;

/**
 * Keeps a SCHED_FIFO sending thread clear of RT throttling. The kernel lets real-time tasks run at most
 * sched_rt_runtime_us (0.95 s) of every sched_rt_period_us (1 s); a thread that spins through that budget is
 * stopped for the rest of the period (16-50 ms stalls measured here, FIELD-NOTES). So under --rt-priority the
 * timers account the time they spend asleep, and if a 0.5 s window ends with less than {@link #REST_NS} slept,
 * they take the rest of it as one sleep before the next spin: a planned, counted pause instead of a stall at a
 * moment the kernel picks. A single spin never exceeds the send loop's long-wait threshold (100 ms; longer gaps
 * are slept in steps), so the thread gives up the CPU at least every ~0.5 s.
 */
public final class RtSpinGuard {
    public static final long WINDOW_NS = 500_000_000L;
    /** 6% of the window: above the 5% the default rt_runtime/rt_period leave to other tasks. */
    public static final long REST_NS = 30_000_000L;
    private final Sleeper sleeper;
    private long windowStart = Long.MIN_VALUE;
    private long restedNs;
    private long forcedRests;

    public RtSpinGuard(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** The timer slept this long. */
    public void rested(long ns) {
        restedNs += ns;
    }

    /** Called before a spin; returns the clock after any forced rest. */
    public long beforeSpin(long now) {
        if (windowStart == Long.MIN_VALUE) {
            windowStart = now;
            return now;
        }
        if (now - windowStart < WINDOW_NS) {
            return now;
        }
        long t = now;
        if (restedNs < REST_NS) {
            sleeper.sleepUntil(now + (REST_NS - restedNs));
            forcedRests++;
            t = System.nanoTime();
        }
        windowStart = t;
        restedNs = 0;
        return t;
    }

    public long forcedRests() {
        return forcedRests;
    }
}
