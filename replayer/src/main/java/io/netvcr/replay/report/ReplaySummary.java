package io.netvcr.replay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * The replay report as scripts read it ({@code --json}): Jackson writes the components under their names, in this
 * order, nested records as nested objects; a component left null is left out (it did not apply to this run).
 * The keys are a published interface: ReplayJsonKeysTest compares them against the ones printed before this
 * record existed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplaySummary(
        String target,
        Packets packets,
        long bytes,
        long durationNs,
        long loopsCompleted,
        Rate rate,
        Epsilon epsilonNs,
        Late late,
        SendCall sendCallNs,
        Cpu cpu,
        String timer,
        long startRealtimeNs,
        String epsilonAt,
        Start start,
        Windows windows,
        String traceIo,
        Long traceReads,
        ReadLog readLog,
        Map<String, Object> profile,
        EpsilonLog epsilonLog,
        String sendMode,
        long sendCalls,
        Batches batches,
        Timing timing,
        List<String> mechanisms,
        List<String> notInForce,
        String outcome,
        int exitCode,
        List<String> warnings,
        String stopReason) {

    /** notAttempted is null when nothing was planned (an endless loop). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Packets(
            long sent,
            long failed,
            long truncated,
            long retried,
            long retries,
            long skipped,
            long attempted,
            long planned,
            Long notAttempted) {}

    public record Rate(double bps, double mbps, double pps) {}

    public record Epsilon(long count, long p50, long p90, long p99, long p999, long max, double mean) {}

    public record Late(long over1us, long over10us, long over100us) {}

    public record SendCall(long p50, long p99, long max) {}

    /**
     * sendingThread: the sending thread's own CPU time over the replay loop's wall time (no JVM start-up);
     * senderPreemptions: involuntary context switches of the sending thread(s) during the replay; JIT time and GC
     * collections while the clock ran.
     */
    public record Cpu(
            double utilization,
            long processNs,
            long senderThreadNs,
            long wallNs,
            double sendingThread,
            long senderPreemptions,
            long jitMsDuringReplay,
            long gcDuringReplay) {}

    /**
     * --start-at: the instant asked for, on which clock, how late the first frame was handed over (the clock read
     * before its send call, minus the instant), and the longest the sending thread did not run while spinning to
     * the instant (a late start with a long stall was preempted or stopped by the JVM).
     */
    public record Start(String at, long atNs, String clock, long lateNs, long spinStallNs) {}

    public record Windows(String prefetch, long recordsPerWindow, long switches, long stalls, long stallNs) {}

    /** recordsPerWrite: the writer thread's write() size in records (bench/tail-epsilon looks after each). */
    public record EpsilonLog(long records, long dropped, long recordsPerWrite) {}

    /** --read-log: records written and dropped (a full ring). */
    public record ReadLog(long records, long dropped) {}

    public record Batches(long count, long max, long multiFrameCalls) {}

    public record Timing(
            long marginNs,
            long spinNs,
            double spinFraction,
            long forcedRests,
            long rtExposedWindows,
            long wakeP50NanosleepNs,
            long wakeP99NanosleepNs,
            long wakeP50ParkNs,
            long wakeP99ParkNs,
            long sleeps,
            long oversleeps) {}

    /** One shard of a sharded replay: its index and file, then its own full summary at the same level. */
    public record Shard(
            int shard, String file, @JsonUnwrapped ReplaySummary summary) {}

    /** A sharded replay: the merged figures, then {@code shards[i]}. */
    public record Sharded(@JsonUnwrapped ReplaySummary merged, List<Shard> shards) {}
}
