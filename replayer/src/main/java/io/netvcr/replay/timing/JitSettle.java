package io.netvcr.replay.timing;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waits, after the warm-up and before the clock starts, until the JIT compiler has gone quiet. The warm-up is
 * bounded by time, and when every CPU runs a warming-up sender (2 shards on 2 vCPUs) the C2 compiler threads get
 * a fraction of a CPU: the compilations the warm-up queued then finished during the replay (seen: C2 versions of
 * ReplayLoop.flush, SpinTimer.awaitUntil and the HdrHistogram recording installed 0-400 ms after the start, each
 * taking its CPU from a spinning sender, with a 15 ms time-to-safepoint among them). Sleeping here instead
 * leaves the compiler every CPU.
 *
 * <p>Quiet means the accumulated compilation time has not grown for {@link #QUIET_NS}; the wait ends anyway after
 * the maximum, or at a stop request.
 */
public final class JitSettle {
    /** Longer than one C2 compilation of the loop's methods takes on a quiet machine (5-50 ms). */
    public static final long QUIET_NS = 100_000_000L;

    public static final long MAX_NS = 3_000_000_000L;
    private static final long POLL_NS = 10_000_000L;

    private JitSettle() {}

    /** Compilation time so far (ms, all compiler threads), or null when the JVM does not count it. */
    public static LongSupplier compileMs() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c::getTotalCompilationTime : null;
    }

    /** Sleeps until the compile time stood still for quietNs (at most maxNs); returns the time waited. */
    public static long await(LongSupplier compileMs, Sleeper sleeper, long quietNs, long maxNs, BooleanSupplier stop) {
        long t0 = System.nanoTime();
        if (compileMs == null) {
            return 0;
        }
        long last = compileMs.getAsLong();
        long quietSince = t0;
        long now = t0;
        while (now - quietSince < quietNs && now - t0 < maxNs && !stop.getAsBoolean()) {
            sleeper.sleepUntil(now + POLL_NS);
            now = System.nanoTime();
            long c = compileMs.getAsLong();
            if (c != last) {
                last = c;
                quietSince = now;
            }
        }
        return now - t0;
    }
}
