package io.netvcr.replay;

import io.netvcr.replay.report.ReplayStats;
import java.util.List;

/** Everything the report needs once the loop has ended. */
public final class ReplayResult {
    public final ReplayStats stats;
    public final String target;
    public final String timer;
    public final List<String> mechanismsInForce;
    public final List<String> mechanismsRefused;
    public final long wallNs;
    public final long processCpuNs;
    public final long senderCpuNs;
    /** 0 finished, 130/143 stopped by a signal, 74 stopped by a send error. */
    public final int exitCode;
    public final String stopReason;

    public ReplayResult(ReplayStats stats, String target, String timer, List<String> inForce, List<String> refused,
                        long wallNs, long processCpuNs, long senderCpuNs, int exitCode, String stopReason) {
        this.stats = stats;
        this.target = target;
        this.timer = timer;
        this.mechanismsInForce = inForce;
        this.mechanismsRefused = refused;
        this.wallNs = wallNs;
        this.processCpuNs = processCpuNs;
        this.senderCpuNs = senderCpuNs;
        this.exitCode = exitCode;
        this.stopReason = stopReason;
    }

    /** Time from the first send to the end of the last one (the "sent in S seconds" of the report). */
    public long durationNs() {
        return stats.sent + stats.skipped == 0 ? 0 : Math.max(0, stats.lastSendEndNs - stats.firstSendNs);
    }

    public double cpuUtilization() {
        return wallNs <= 0 ? 0 : (double) processCpuNs / wallNs;
    }
}
