package io.netvcr.replay.report;

import io.netvcr.cli.Summary;
import io.netvcr.replay.ReplayResult;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The final report: tcpreplay's Actual / Rated / Statistics lines, then the send-time error ε, the send call,
 * CPU use and the mechanisms in force. {@link #summary} is the same content as JSON.
 */
public final class ReplayReport {
    private ReplayReport() {
    }

    public static String text(ReplayResult r) {
        ReplayStats s = r.stats;
        long dur = r.durationNs();
        double secs = dur / 1e9;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Actual: %d packets (%d bytes) sent in %.6f seconds%n", s.sent, s.bytes, secs));
        b.append(String.format(Locale.ROOT, "Rated: %.1f Bps, %.3f Mbps, %.2f pps%n", bps(r), mbps(r), pps(r)));
        if (s.loopsCompleted > 0) {
            b.append(String.format(Locale.ROOT, "Loops completed: %d%n", s.loopsCompleted));
        }
        b.append("Statistics for network device: ").append(r.target).append(System.lineSeparator());
        b.append(String.format(Locale.ROOT, "\tSuccessful packets:        %d%n", s.sent));
        b.append(String.format(Locale.ROOT, "\tFailed packets:            %d%s%n", s.failed,
            s.failedErrno != 0 ? " (refused one by one, last with " + io.netvcr.replay.os.LinuxNative.describe(s.failedErrno) + ")" : ""));
        if (s.notAttempted() > 0) {
            b.append(String.format(Locale.ROOT, "\tNot attempted (stopped):   %d of %d planned%n", s.notAttempted(), s.planned));
        }
        b.append(String.format(Locale.ROOT, "\tTruncated packets:         %d%n", truncated(r)));
        b.append(String.format(Locale.ROOT, "\tRetried packets (ENOBUFS): %d (%d retries)%n", s.retriedPackets, s.retries));
        if (s.skipped > 0) {
            b.append(String.format(Locale.ROOT, "\tSkipped (not sendable):    %d%n", s.skipped));
        }
        Histogram e = s.epsilonNs;
        if (e.getTotalCount() > 0) {
            b.append(String.format(Locale.ROOT, "Send-time error (us): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (mean %.3f, %d packets; clock read at send %s)%n",
                us(e.getValueAtPercentile(50)), us(e.getValueAtPercentile(90)), us(e.getValueAtPercentile(99)),
                us(e.getValueAtPercentile(99.9)), us(e.getMaxValue()), e.getMean() / 1e3, e.getTotalCount(),
                s.epsilonAt.equals("return") ? "return" : "call"));
            b.append(String.format(Locale.ROOT, "Late by more than 1 us: %d, 10 us: %d, 100 us: %d%n", s.late1us, s.late10us, s.late100us));
        } else {
            b.append(r.timer.startsWith("none") ? "Send-time error: not measured (--topspeed has no schedule)"
                : "Send-time error: no packet was sent").append(System.lineSeparator());
        }
        Histogram c = s.sendCallNs;
        if (c.getTotalCount() > 0) {
            b.append(String.format(Locale.ROOT, "Send call (us): p50 %.3f  p99 %.3f  max %.3f%n",
                us(c.getValueAtPercentile(50)), us(c.getValueAtPercentile(99)), us(c.getMaxValue())));
        }
        b.append(String.format(Locale.ROOT, "CPU utilisation: %.1f%% (process CPU %.3f s / wall %.3f s; sending thread %.3f s)%n",
            r.cpuUtilization() * 100, r.processCpuNs / 1e9, r.wallNs / 1e9, r.senderCpuNs / 1e9));
        b.append(String.format(Locale.ROOT, "Send mode: %s, %d send calls (%.2f packets per call, largest batch %d)%n",
            s.sendMode, s.sendCalls, s.sendCalls == 0 ? 0.0 : (double) s.sent / s.sendCalls, Math.max(s.maxBatch, s.sent > 0 ? 1 : 0)));
        b.append("Timer: ").append(r.timer).append(System.lineSeparator());
        if (s.startRealtimeNs != 0) {
            b.append(String.format(Locale.ROOT, "Planned start (send offset 0): %s (CLOCK_REALTIME %d ns)%n",
                java.time.Instant.ofEpochSecond(0, s.startRealtimeNs), s.startRealtimeNs));
        }
        if (s.startAtNs != 0) {
            b.append(String.format(Locale.ROOT, "Start at: %s on CLOCK_%s, reached %.3f us late%n",
                java.time.Instant.ofEpochSecond(0, s.startAtNs), s.startClock.toUpperCase(Locale.ROOT), s.startLateNs / 1e3));
        }
        if (!s.prefetch.isEmpty()) {
            b.append(String.format(Locale.ROOT, "Trace windows: --prefetch %s, %d switches, %d waited for the helper (%.3f ms)%n",
                s.prefetch, s.windowSwitches, s.windowStalls, s.windowStallNs / 1e6));
        }
        if (s.epsilonLogRecords >= 0) {
            b.append(String.format(Locale.ROOT, "Epsilon log: %d records written, %d dropped (writer thread behind)%n",
                s.epsilonLogRecords, s.epsilonLogDropped));
        }
        if (s.timerMarginNs > 0 || s.timerSpinNs > 0) {
            b.append(String.format(Locale.ROOT, "Timer cost: spin margin %.1f us, spun %.3f s = %.1f%% of the replay%s%n",
                s.timerMarginNs / 1e3, s.timerSpinNs / 1e9, spinFraction(s) * 100,
                s.timerForcedRests > 0 ? ", " + s.timerForcedRests + " RT-guard pauses" : ""));
        }
        if (s.rtExposedWindows > 0) {
            b.append(String.format(Locale.ROOT, "RT throttling could hit: %d half-second windows had no schedule gap long enough "
                + "to rest in without delaying a packet; turn throttling off with 'sysctl -w kernel.sched_rt_runtime_us=-1' "
                + "or replay without --rt-priority%n", s.rtExposedWindows));
        }
        b.append("Mechanisms in force:").append(System.lineSeparator());
        for (String m : r.mechanismsInForce) {
            b.append("\t").append(m).append(System.lineSeparator());
        }
        if (!r.mechanismsRefused.isEmpty()) {
            b.append("Not in force:").append(System.lineSeparator());
            for (String m : r.mechanismsRefused) {
                b.append("\t").append(m).append(System.lineSeparator());
            }
        }
        for (String w : r.warnings) {
            b.append("Warning: ").append(w).append(System.lineSeparator());
        }
        if (!r.stopReason.isEmpty()) {
            b.append(r.stopReason).append(System.lineSeparator());
        }
        return b.toString();
    }

    public static Summary summary(ReplayResult r) {
        ReplayStats s = r.stats;
        Summary m = new Summary();
        m.put("target", r.target);
        m.putPath("packets.sent", s.sent).putPath("packets.failed", s.failed).putPath("packets.truncated", truncated(r))
            .putPath("packets.retried", s.retriedPackets).putPath("packets.retries", s.retries).putPath("packets.skipped", s.skipped);
        m.putPath("packets.attempted", s.attempted()).putPath("packets.planned", s.planned);
        if (s.planned >= 0) {
            m.putPath("packets.notAttempted", s.notAttempted());
        }
        m.put("bytes", s.bytes).put("durationNs", r.durationNs()).put("loopsCompleted", s.loopsCompleted);
        m.putPath("rate.bps", round(bps(r))).putPath("rate.mbps", round(mbps(r))).putPath("rate.pps", round(pps(r)));
        Histogram e = s.epsilonNs;
        m.putPath("epsilonNs.count", e.getTotalCount());
        m.putPath("epsilonNs.p50", e.getValueAtPercentile(50)).putPath("epsilonNs.p90", e.getValueAtPercentile(90))
            .putPath("epsilonNs.p99", e.getValueAtPercentile(99)).putPath("epsilonNs.p999", e.getValueAtPercentile(99.9))
            .putPath("epsilonNs.max", e.getMaxValue()).putPath("epsilonNs.mean", round(e.getTotalCount() == 0 ? 0 : e.getMean()));
        m.putPath("late.over1us", s.late1us).putPath("late.over10us", s.late10us).putPath("late.over100us", s.late100us);
        Histogram c = s.sendCallNs;
        m.putPath("sendCallNs.p50", c.getValueAtPercentile(50)).putPath("sendCallNs.p99", c.getValueAtPercentile(99))
            .putPath("sendCallNs.max", c.getMaxValue());
        m.putPath("cpu.utilization", round(r.cpuUtilization())).putPath("cpu.processNs", r.processCpuNs)
            .putPath("cpu.senderThreadNs", r.senderCpuNs).putPath("cpu.wallNs", r.wallNs)
            .putPath("cpu.senderPreemptions", s.senderPreemptions).putPath("cpu.jitMsDuringReplay", s.jitMsDuringReplay)
            .putPath("cpu.gcDuringReplay", s.gcDuringReplay);
        m.put("timer", r.timer);
        m.put("startRealtimeNs", s.startRealtimeNs).put("epsilonAt", s.epsilonAt);
        if (s.startAtNs != 0) {
            m.putPath("start.at", java.time.Instant.ofEpochSecond(0, s.startAtNs).toString()).putPath("start.atNs", s.startAtNs).putPath("start.clock", s.startClock).putPath("start.lateNs", s.startLateNs);
        }
        m.putPath("windows.prefetch", s.prefetch).putPath("windows.recordsPerWindow", s.windowRecords)
            .putPath("windows.switches", s.windowSwitches)
            .putPath("windows.stalls", s.windowStalls).putPath("windows.stallNs", s.windowStallNs);
        if (s.epsilonLogRecords >= 0) {
            m.putPath("epsilonLog.records", s.epsilonLogRecords).putPath("epsilonLog.dropped", s.epsilonLogDropped);
        }
        m.put("sendMode", s.sendMode).put("sendCalls", s.sendCalls);
        m.putPath("batches.count", s.batches).putPath("batches.max", s.maxBatch)
            .putPath("batches.multiFrameCalls", s.multiFrameCalls);
        m.putPath("timing.marginNs", s.timerMarginNs).putPath("timing.spinNs", s.timerSpinNs)
            .putPath("timing.spinFraction", round(spinFraction(s))).putPath("timing.forcedRests", s.timerForcedRests)
            .putPath("timing.rtExposedWindows", s.rtExposedWindows)
            .putPath("timing.wakeP50NanosleepNs", s.wakeP50NanosleepNs).putPath("timing.wakeP99NanosleepNs", s.wakeP99NanosleepNs)
            .putPath("timing.wakeP50ParkNs", s.wakeP50ParkNs).putPath("timing.wakeP99ParkNs", s.wakeP99ParkNs);
        m.put("mechanisms", r.mechanismsInForce);
        m.put("notInForce", r.mechanismsRefused);
        m.put("outcome", r.outcome.name().toLowerCase(Locale.ROOT));
        m.put("exitCode", r.exitCode());
        if (!r.warnings.isEmpty()) {
            m.put("warnings", r.warnings);
        }
        if (!r.stopReason.isEmpty()) {
            m.put("stopReason", r.stopReason);
        }
        return m;
    }

    /** A sharded replay: one line per shard, then the merged report (figures summed, ε histograms added). */
    public static String shardedText(java.util.List<String> inputs, java.util.List<ReplayResult> shards, ReplayResult merged) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shards.size(); i++) {
            ReplayResult r = shards.get(i);
            ReplayStats s = r.stats;
            Histogram e = s.epsilonNs;
            b.append(String.format(Locale.ROOT, "Shard %d (%s on %s): %d packets (%d bytes), %s%s, start %.3f us late, %s%n", i,
                inputs.get(i), r.target, s.sent, s.bytes,
                e.getTotalCount() > 0 ? String.format(Locale.ROOT, "epsilon p50 %.3f p99 %.3f us", us(e.getValueAtPercentile(50)),
                    us(e.getValueAtPercentile(99))) : "epsilon not measured",
                s.failed > 0 ? ", " + s.failed + " failed" : "", s.startLateNs / 1e3,
                r.stopReason.isEmpty() ? r.outcome.name().toLowerCase(Locale.ROOT) : r.stopReason.split("\\R", 2)[0]));
        }
        b.append(String.format(Locale.ROOT, "All %d shards:%n", shards.size()));
        b.append(text(merged));
        return b.toString();
    }

    /** The merged summary with {@code shards[i]}: each shard's own summary and its file. */
    public static Summary shardedSummary(java.util.List<String> inputs, java.util.List<ReplayResult> shards, ReplayResult merged) {
        Summary m = summary(merged);
        java.util.List<Object> list = new java.util.ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            Summary s = summary(shards.get(i));
            java.util.Map<String, Object> f = new java.util.LinkedHashMap<>();
            f.put("shard", i);
            f.put("file", inputs.get(i));
            f.putAll(s.fields());
            list.add(f);
        }
        m.put("shards", list);
        return m;
    }

    /** Share of the sending thread's replay time spent spinning in the timer. */
    private static double spinFraction(ReplayStats s) {
        return s.loopWallNs <= 0 ? 0 : Math.min(1.0, (double) s.timerSpinNs / s.loopWallNs);
    }

    private static long truncated(ReplayResult r) {
        return r.stats.truncatedBySink;
    }

    private static double secs(ReplayResult r) {
        return r.durationNs() / 1e9;
    }

    private static double bps(ReplayResult r) {
        return secs(r) > 0 ? r.stats.bytes / secs(r) : 0;
    }

    private static double mbps(ReplayResult r) {
        return bps(r) * 8 / 1e6;
    }

    private static double pps(ReplayResult r) {
        return secs(r) > 0 ? r.stats.sent / secs(r) : 0;
    }

    private static double us(long ns) {
        return ns / 1e3;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
