package io.netvcr.bench;

import io.netvcr.replay.timing.StartInstant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one read of each clock the start can spin on costs (issue 14): System.nanoTime() (an intrinsic over the
 * vDSO's CLOCK_MONOTONIC), the wall clock a --start-at instant is given on read through jnr-ffi's clock_gettime
 * (what StartInstant spun on at first), and the conversion of the instant to the monotonic line that replaced
 * that spin (8 bracketed wall-clock reads). Score = ns per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StartClockBenchmark {
    private StartInstant realtime;
    private StartInstant tai;

    @Setup
    public void instants() {
        long hour = 3_600_000_000_000L;
        realtime = StartInstant.at(StartInstant.Clock.REALTIME, System.currentTimeMillis() * 1_000_000L + hour);
        // TAI is ahead of realtime by 0 or 37 s here: an hour ahead either way.
        tai = StartInstant.at(StartInstant.Clock.TAI, System.currentTimeMillis() * 1_000_000L + hour);
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long realtimeThroughJnr() {
        return realtime.clockNs();
    }

    @Benchmark
    public long taiThroughJnr() {
        return tai.clockNs();
    }

    @Benchmark
    public long instantToMonotonic() {
        return realtime.monotonicNs();
    }
}
