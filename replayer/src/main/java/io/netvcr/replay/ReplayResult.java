package io.netvcr.replay;

import io.netvcr.replay.report.ReplayStats;
import java.util.List;

/** Everything the report needs once the loop has ended, however it ended. */
public final class ReplayResult {
    /** How the replay ended. */
    public enum Outcome {
        /** Every planned packet was attempted (or --limit/--duration ended it). */
        COMPLETED,
        /** A signal (or another stop request) ended it at a packet boundary. */
        STOPPED,
        /** A send, sink, ε-log or trace failure ended it; see {@link #failure}. */
        FAILED
    }

    public final ReplayStats stats;
    public final String target;
    public final String timer;
    public final List<String> mechanismsInForce;
    public final List<String> mechanismsRefused;
    public final long wallNs;
    public final long processCpuNs;
    public final long senderCpuNs;
    public final Outcome outcome;
    /** What kind of failure, for {@link Outcome#FAILED}; null otherwise. */
    public final ReplayException.Kind failure;
    /** For {@link Outcome#STOPPED}: the {@link StopSignal} code of the signal; 0 otherwise. */
    public final int signalCode;

    public final String stopReason;
    /** Things the user should know that did not stop the replay (a trace still being written). */
    public final List<String> warnings;

    public ReplayResult(
            ReplayStats stats,
            String target,
            String timer,
            List<String> inForce,
            List<String> refused,
            long wallNs,
            long processCpuNs,
            long senderCpuNs,
            Outcome outcome,
            ReplayException.Kind failure,
            int signalCode,
            String stopReason,
            List<String> warnings) {
        this.stats = stats;
        this.target = target;
        this.timer = timer;
        this.mechanismsInForce = inForce;
        this.mechanismsRefused = refused;
        this.wallNs = wallNs;
        this.processCpuNs = processCpuNs;
        this.senderCpuNs = senderCpuNs;
        this.outcome = outcome;
        this.failure = failure;
        this.signalCode = signalCode;
        this.stopReason = stopReason;
        this.warnings = warnings;
    }

    /** The process exit code the command layer gives this outcome ({@link ReplayCommand#exitCode(ReplayResult)}). */
    public int exitCode() {
        return ReplayCommand.exitCode(this);
    }

    /** Time from the first send to the end of the last one (the "sent in S seconds" of the report). */
    public long durationNs() {
        return stats.sent + stats.skipped == 0 ? 0 : Math.max(0, stats.lastSendEndNs - stats.firstSendNs);
    }

    public double cpuUtilization() {
        return wallNs <= 0 ? 0 : (double) processCpuNs / wallNs;
    }
}
