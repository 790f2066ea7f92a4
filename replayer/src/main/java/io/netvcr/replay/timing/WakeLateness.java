package io.netvcr.replay.timing;

/**
 * How late this thread wakes from a sleep, by the sleep's length, and from that the margin to leave before a
 * deadline. On a VM the lateness depends on the length: a vCPU that halts only briefly is resumed at once (the
 * host polls a halted vCPU for a while before it schedules it out), one that halts for milliseconds waits for
 * the host's scheduler, tens to hundreds of microseconds, with a long tail (docs/LINUX-NOTES.md#timers). A
 * single margin calibrated on short sleeps is then too small for long gaps, and one sized for long sleeps
 * spins for nothing after short ones. So lateness is kept per length class (class 0: under 65.5 us, class c:
 * [65.5 us x 2^(c-1), 65.5 us x 2^c), the last one open), each class's margin is a high percentile of its own
 * recent lateness (for the first sleep of a 1-4 ms wait: as high as a spin budget allows), and the timer plans
 * each sleep as the longest one whose class's margin still fits before the deadline; a long wait becomes one long
 * sleep that ends early by the long-sleep margin, then short sleeps (each woken promptly), then the spin.
 * Preallocated arrays, single thread: no allocation, no lock.
 */
final class WakeLateness {
    static final int CLASSES = 8;
    private static final int CLASS_SHIFT = 16;
    /** Lateness buckets of 2.048 us up to ~1 ms; the last bucket holds everything later. */
    private static final int BUCKET_SHIFT = 11;

    static final int BUCKETS = 512;
    /** A class's counts are halved when it holds this many samples: old samples fade, the margin follows drift. */
    static final int DECAY_AT = 4096;
    /** Samples a class needs before its own percentile replaces the prior. */
    static final int MIN_SAMPLES = 64;
    /** Margins are recomputed every this many samples of a class (a scan of its buckets). */
    private static final int UPDATE_EVERY = 16;
    /** 1 - the percentile: a sleep of a class overshoots its margin in about one of this many. */
    private static final int TAIL = 1000;
    /** Added to the percentile: the bucket's width and a little more. */
    static final long SAFETY_NS = 5_000;
    /** Sleeps shorter than this are not worth their wake-up (a few us of CPU): spun instead. */
    static final long MIN_SLEEP_NS = 20_000;
    /**
     * Margin floor for sleeps of 131 us and more (class 2 up): such sleeps outlast a host's halt polling and wake
     * as the C timed sender's do, which leaves 50 us; never less than that.
     */
    static final long LONG_FLOOR_NS = 50_000;
    /**
     * Margin cap of the short classes (under 131 us): their margin is what the timer spins after the last sleep of
     * a wait, so it is the CPU budget: 30 us of every 2.5 ms gap is 1.2 %. Measured here, such sleeps wake p99.9
     * 23-38 us late on a quiet machine; when they wake later (a loaded machine: milliseconds), spinning longer
     * would not help, since the spinning thread loses its CPU just the same.
     */
    static final long SPIN_CAP_NS = 30_000;
    /**
     * Short sleeps that wake later than SPIN_CAP_NS but within this are a VM that resumes a briefly halted vCPU
     * slowly, not a loaded machine: their margin is kept as learnt, so gaps shorter than it are spun rather than
     * slept late. On a 2-vCPU VM whose short sleeps woke 60-115 us late (start-up calibration 114.9 us), the
     * 30 us cap left every 70 us gap a sleep that woke 11 us late at the median (own ε p50 11.0 us, p99 59 us,
     * null sink); a spin there is on time.
     */
    static final long SHORT_LATE_LIMIT_NS = 150_000;
    /**
     * Waits of 1.05-4.2 ms (classes 5 and 6) are planned on a spin budget: their first sleep ends a margin before the
     * deadline that the class's recent wake-ups would have spun after, on average, at most the class's shortest sleep
     * >> this (1/128: 8 us for class 5, 16 us for class 6), even if the tail wants more. With the wake-up and the send
     * (about 1 % of a 2.5 ms gap) that keeps the sending thread near 2 % of a CPU at periodic millisecond gaps. On a VM
     * whose 2.4 ms sleeps woke p50 74 us, p90 119 us, p99.9 2.5 ms late, the tail's margin (clamped to half the class,
     * 524 us) made every 2.5 ms wait two sleeps and a ~60 us spin, 3.5-3.7 % of a CPU; within the budget the margin
     * lies near the lateness's p65: one sleep and a short spin. A sleep that wakes past it leaves its packet late by
     * the excess, less than the C timed sender's lateness from the same wake-up (its fixed 50 us margin lies below
     * the median lateness there). Shorter waits keep the tail's margin (1/128 of them buys less than the spread of
     * their lateness: the plan would be that sender's), and so do longer ones (their accurate plan, a long sleep, a
     * shorter one and a spin, already costs under 2 % of 4.2 ms, less the longer the wait; and class 7 holds every
     * sleep from 4.2 ms to the 50 ms steps, whose lateness grows with length: one budgeted margin fits none of them).
     * bench/RESULTS-stop17.md has the measurements.
     */
    static final int SPIN_SHARE_SHIFT = 7;

    static final int FIRST_BUDGETED = 5;
    static final int LAST_BUDGETED = 6;

    private final int[] counts = new int[CLASSES * BUCKETS];
    private final int[] total = new int[CLASSES];
    private final int[] sinceUpdate = new int[CLASSES];
    private final long[] margin = new long[CLASSES];
    /** The first sleep's margin for a wait of class c: margin[c], or less for the budgeted classes. */
    private final long[] budgeted = new long[CLASSES];

    private final long minMarginNs;
    private final long maxMarginNs;
    /** Class of the sleep {@link #plan} chose last. */
    private int planned = -1;

    /**
     * @param calibratedMarginNs the start-up calibration's margin (short sleeps): the prior of the short classes;
     *                           longer classes start at a quarter of their shortest sleep, at least that
     */
    WakeLateness(long calibratedMarginNs, long minMarginNs, long maxMarginNs) {
        this.minMarginNs = minMarginNs;
        this.maxMarginNs = maxMarginNs;
        for (int c = 0; c < CLASSES; c++) {
            margin[c] = prior(c, calibratedMarginNs);
            budgeted[c] = margin[c];
        }
    }

    private long prior(int c, long calibratedMarginNs) {
        return clamp(c, Math.max(calibratedMarginNs, lowestOf(c) / 4));
    }

    static int classOf(long sleepNs) {
        return Math.min(CLASSES - 1, 64 - Long.numberOfLeadingZeros(Math.max(0, sleepNs) >>> CLASS_SHIFT));
    }

    /** The shortest sleep of class c. */
    static long lowestOf(int c) {
        return c == 0 ? 0 : (1L << CLASS_SHIFT) << (c - 1);
    }

    /** The longest sleep of class c (the last class: unbounded). */
    static long longestOf(int c) {
        return c == CLASSES - 1 ? Long.MAX_VALUE : ((1L << CLASS_SHIFT) << c) - 1;
    }

    /**
     * The sleep to take now, remNs before the deadline: the longest whose class's margin still fits, or 0 to
     * spin the rest. {@link #record} then takes its lateness.
     */
    long plan(long remNs) {
        for (int c = classOf(remNs); c >= 0; c--) {
            long len = Math.min(remNs - margin[c], longestOf(c));
            if (len >= lowestOf(c) && len >= MIN_SLEEP_NS) {
                planned = c;
                return len;
            }
        }
        planned = -1;
        return 0;
    }

    /**
     * The first sleep of a wait remNs long. A wait of a budgeted class (1.05-4.2 ms) is one sleep ending the class's
     * budgeted margin before the deadline, its lateness counted in the wait's class (so a 2.5 ms wait teaches class 6
     * even while class 6's prior, a quarter of the class, makes the sleep itself shorter than 2.1 ms); any other wait
     * is planned by {@link #plan}. What is left after the first sleep is planned by {@link #plan}.
     */
    long planWait(long remNs) {
        int c = classOf(remNs);
        long len = remNs - budgeted[c];
        if (c >= FIRST_BUDGETED && c <= LAST_BUDGETED && len >= MIN_SLEEP_NS) {
            planned = c;
            return len;
        }
        return plan(remNs);
    }

    /** How late the sleep {@link #plan} chose woke (negative: it ended early, e.g. a signal; not counted). */
    void record(long lateNs) {
        if (planned >= 0 && lateNs >= 0) {
            record(planned, lateNs);
        }
    }

    /** A sleep of class c woke lateNs late (at least 0). */
    void record(int c, long lateNs) {
        int b = (int) Math.min(BUCKETS - 1, lateNs >>> BUCKET_SHIFT);
        int base = c * BUCKETS;
        counts[base + b]++;
        int n = ++total[c];
        if (++sinceUpdate[c] >= UPDATE_EVERY && n >= MIN_SAMPLES) {
            sinceUpdate[c] = 0;
            long tail = percentile(base, n) + SAFETY_NS;
            margin[c] = clamp(c, tail);
            budgeted[c] = c < FIRST_BUDGETED || c > LAST_BUDGETED
                    ? margin[c]
                    : clamp(c, Math.min(tail, affordable(base, n, lowestOf(c) >>> SPIN_SHARE_SHIFT)));
        }
        if (n >= DECAY_AT) {
            int kept = 0;
            for (int i = base; i < base + BUCKETS; i++) {
                counts[i] >>>= 1;
                kept += counts[i];
            }
            total[c] = kept;
        }
    }

    /** The upper edge of the bucket holding the (1 - 1/TAIL) percentile of class base's n samples. */
    private long percentile(int base, int n) {
        int beyond = n / TAIL; // samples allowed above the answer
        int seen = 0;
        for (int b = BUCKETS - 1; b > 0; b--) {
            seen += counts[base + b];
            if (seen > beyond) {
                return b == BUCKETS - 1 ? maxMarginNs : (long) (b + 1) << BUCKET_SHIFT;
            }
        }
        return 1L << BUCKET_SHIFT;
    }

    /**
     * The largest bucket edge M whose mean spin over class base's n samples, max(0, M - lateness) with each sample
     * at its bucket's middle, is at most budgetNs.
     */
    private long affordable(int base, int n, long budgetNs) {
        long below = 0; // samples in the buckets under the edge
        long sum = 0; // their lateness
        long allowed = budgetNs * n;
        for (int b = 0; b < BUCKETS - 1; b++) {
            below += counts[base + b];
            sum += counts[base + b] * (((long) b << BUCKET_SHIFT) + (1L << (BUCKET_SHIFT - 1)));
            if (below * ((long) (b + 1) << BUCKET_SHIFT) - sum > allowed) {
                return (long) b << BUCKET_SHIFT;
            }
        }
        return maxMarginNs;
    }

    /**
     * The bounds of class c's margin. A long class's margin is at most half its shortest sleep, so every sleep of a
     * wait covers at least as much as it leaves: a wait takes a handful of sleeps, each a wake-up's CPU, even where
     * sleeps wake milliseconds late (at load 8, 2 ms margins made 13 sleeps per 2.5 ms gap, 7 % CPU).
     */
    private long clamp(int c, long m) {
        if (c < 2) {
            long cap = m <= SHORT_LATE_LIMIT_NS ? SHORT_LATE_LIMIT_NS : SPIN_CAP_NS;
            return Math.max(minMarginNs, Math.min(Math.min(maxMarginNs, cap), m));
        }
        long floor = Math.max(minMarginNs, LONG_FLOOR_NS);
        long cap = Math.max(floor, Math.min(maxMarginNs, lowestOf(c) / 2));
        return Math.max(floor, Math.min(cap, m));
    }

    /**
     * Runs a throwaway instance through planning and learning in every class and bucket, so that this code is
     * compiled before the start. The warm-up's waits sleep too rarely for that: a replay whose gaps are all
     * sleeps had it compiled during the replay (C1, C2, then a deoptimisation and C2 again), and each compilation
     * is a thread that wants a CPU. With a sender on every CPU (bench/shards timed: 2 shards on 2 CPUs) the
     * senders lost their CPUs for milliseconds (JIT 42-56 ms during the replay, ε p99 25 ms against 9 µs for one
     * shard).
     */
    static void warm() {
        WakeLateness w = new WakeLateness(20_000, TimerCalibration.MIN_MARGIN_NS, TimerCalibration.MAX_MARGIN_NS);
        long seed = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 60_000; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            // Waits from 1 us to 16 ms (every class), lateness mostly a few us, 1 in 64 beyond the last bucket,
            // 1 in 128 negative (a sleep cut short): every branch the replay can take, taken here.
            long remNs = (1_000L << (int) ((seed >>> 60) & 15)) + ((seed >>> 32) & 0xFFFF);
            long lateNs =
                    (seed & 63) == 0 ? 2_000_000L + (seed >>> 44) : (seed & 127) == 1 ? -1_000 : (seed >>> 48) & 0x7FFF;
            if ((i & 1) == 0 ? w.plan(remNs) > 0 : w.planWait(remNs) > 0) {
                w.record(lateNs);
            }
        }
    }

    /** The margin class c's sleeps leave now. */
    long marginNs(int c) {
        return margin[c];
    }

    /** The margin the first sleep of a wait of class c leaves now ({@link #planWait}). */
    long budgetedMarginNs(int c) {
        return budgeted[c];
    }

    /** Samples class c holds now (after decay). */
    int samples(int c) {
        return total[c];
    }
}
