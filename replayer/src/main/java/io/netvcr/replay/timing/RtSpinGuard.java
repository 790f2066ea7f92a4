package io.netvcr.replay.timing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a SCHED_FIFO sending thread clear of RT throttling without delaying a packet. The kernel lets real-time
 * tasks run at most sched_rt_runtime_us (0.95 s) of every sched_rt_period_us (1 s); a thread that spins through
 * that budget is stopped for the rest of the period (16-50 ms stalls measured here, docs/LINUX-NOTES.md#real-time-priority), at a moment the
 * kernel picks. So under --rt-priority the timers account the time they spend asleep, and in each 0.5 s window
 * the guard makes sure of {@link #restNs()} asleep (the share the kernel keeps back, plus 20%) - but only inside
 * gaps of the schedule: before a spin towards deadline D it may sleep, at most until D - wake margin, and only
 * when that gap is at least {@link #MIN_REST_NS} long. A packet is never held back for a rest. A window that ends
 * short of its rest (the schedule had no gaps long enough) is counted as exposed: throttling could hit there,
 * and the report says how to turn it off. When the kernel does not throttle (sched_rt_runtime_us = -1, or
 * runtime = period) there is no guard at all ({@link RtThrottling#guardNeeded()}).
 */
public final class RtSpinGuard {
    public static final long WINDOW_NS = 500_000_000L;
    /** Default rest per window: 6% of it, above the 5% the default rt_runtime/rt_period leave to other tasks. */
    public static final long REST_NS = 30_000_000L;
    /** A shorter rest is not worth a sleep. */
    public static final long MIN_REST_NS = 100_000L;
    /** Wake-up margin when no calibrated one is known (the spin timer): sleeps end this long before the deadline. */
    public static final long DEFAULT_WAKE_MARGIN_NS = 200_000L;

    private final Sleeper sleeper;
    private final long restNs;
    private final long wakeMarginNs;
    private long windowStart = Long.MIN_VALUE;
    private long restedNs;
    private long forcedRests;
    private long windows;
    private long exposedWindows;

    public RtSpinGuard(Sleeper sleeper) {
        this(sleeper, REST_NS, DEFAULT_WAKE_MARGIN_NS);
    }

    /**
     * @param restNs       sleep wanted per {@link #WINDOW_NS}
     * @param wakeMarginNs how early before a deadline a rest must end (the sleeper's wake-up lateness, p99 + safety)
     */
    public RtSpinGuard(Sleeper sleeper, long restNs, long wakeMarginNs) {
        this.sleeper = sleeper;
        this.restNs = restNs;
        this.wakeMarginNs = wakeMarginNs;
    }

    /** For the throttling the kernel applies: rest per window, from sched_rt_runtime_us/sched_rt_period_us. */
    public static RtSpinGuard forKernel(Sleeper sleeper, RtThrottling t, long wakeMarginNs) {
        return new RtSpinGuard(sleeper, t.restPerWindowNs(WINDOW_NS), Math.max(wakeMarginNs, DEFAULT_WAKE_MARGIN_NS));
    }

    /** The timer slept this long. */
    public void rested(long ns) {
        restedNs += ns;
    }

    /**
     * The decision, free of side effects other than window accounting: the instant to sleep until before spinning
     * towards deadlineNs, or 0 for no rest (none needed in this window, or the gap is too short).
     */
    public long restUntil(long now, long deadlineNs) {
        if (windowStart == Long.MIN_VALUE) {
            windowStart = now;
        } else if (now - windowStart >= WINDOW_NS) {
            windows++;
            if (restedNs < restNs) {
                exposedWindows++;
            }
            windowStart = now;
            restedNs = 0;
        }
        long deficit = restNs - restedNs;
        if (deficit <= 0) {
            return 0;
        }
        long latestWake = deadlineNs - wakeMarginNs;
        if (latestWake - now < MIN_REST_NS) {
            return 0;
        }
        return Math.min(now + deficit, latestWake);
    }

    /** Called before a spin towards deadlineNs; rests if {@link #restUntil} says so; returns the clock after. */
    public long beforeSpin(long now, long deadlineNs) {
        long until = restUntil(now, deadlineNs);
        if (until == 0) {
            return now;
        }
        sleeper.sleepUntil(until);
        long t = System.nanoTime();
        restedNs += t - now;
        forcedRests++;
        return t;
    }

    public long forcedRests() {
        return forcedRests;
    }

    /** Whole windows that ended with less than the rest: RT throttling could have stopped the thread in them. */
    public long exposedWindows() {
        return exposedWindows;
    }

    public long restNs() {
        return restNs;
    }

    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "RT guard: >= %.0f ms asleep per 0.5 s, only in schedule gaps >= %.0f us",
                restNs / 1e6,
                (MIN_REST_NS + wakeMarginNs) / 1e3);
    }

    /** The kernel's RT throttling settings (/proc/sys/kernel/sched_rt_{runtime,period}_us). */
    public static final class RtThrottling {
        public final long runtimeUs;
        public final long periodUs;

        public RtThrottling(long runtimeUs, long periodUs) {
            this.runtimeUs = runtimeUs;
            this.periodUs = periodUs;
        }

        /** The running kernel's settings; runtime -1 (off) when they cannot be read. */
        public static RtThrottling read() {
            try {
                return new RtThrottling(
                        Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/sched_rt_runtime_us"))
                                .trim()),
                        Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/sched_rt_period_us"))
                                .trim()));
            } catch (IOException | NumberFormatException e) {
                return new RtThrottling(-1, 1_000_000);
            }
        }

        /** True when the kernel throttles RT tasks, so a spinning RT thread needs the guard. */
        public boolean guardNeeded() {
            return runtimeUs >= 0 && periodUs > 0 && runtimeUs < periodUs;
        }

        /** Sleep per window of windowNs that keeps under the budget: the share held back, plus 20%. */
        public long restPerWindowNs(long windowNs) {
            if (!guardNeeded()) {
                return 0;
            }
            double share = (double) (periodUs - runtimeUs) / periodUs;
            return Math.min(windowNs / 2, (long) (windowNs * share * 1.2));
        }

        public String describe() {
            return guardNeeded()
                    ? String.format(
                            java.util.Locale.ROOT,
                            "kernel RT throttling on (sched_rt_runtime_us %d of sched_rt_period_us %d): "
                                    + "a spinning SCHED_FIFO thread is stopped when it exceeds that; turn it off with "
                                    + "'sysctl -w kernel.sched_rt_runtime_us=-1'",
                            runtimeUs,
                            periodUs)
                    : "kernel RT throttling off (sched_rt_runtime_us " + runtimeUs + "): no RT guard needed";
        }
    }
}
