package io.netvcr.replay;

import io.netvcr.cli.Summary;
import io.netvcr.replay.report.EpsilonLogWriter;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.report.ReplaySummary;
import io.netvcr.replay.trace.TraceIo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The final report: tcpreplay's Actual / Rated / Statistics lines, then the send-time error ε, the send call,
 * CPU use and the mechanisms in force. {@link #summary} is the same content as JSON, a {@link ReplaySummary}.
 * In the engine's package, not in report/, because it reads the engine's {@link ReplayResult}: report/ holds the
 * counters and records the engine fills, and depends on nothing above it.
 */
public final class ReplayReport {
    private ReplayReport() {}

    public static String text(ReplayResult r) {
        ReplayStats s = r.stats;
        long dur = r.durationNs();
        double secs = dur / 1e9;
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT, "Actual: %d packets (%d bytes) sent in %.6f seconds%n", s.sent, s.bytes, secs));
        b.append(String.format(Locale.ROOT, "Rated: %.1f Bps, %.3f Mbps, %.2f pps%n", bps(r), mbps(r), pps(r)));
        if (s.loopsCompleted > 0) {
            b.append(String.format(Locale.ROOT, "Loops completed: %d%n", s.loopsCompleted));
        }
        b.append("Statistics for network device: ").append(r.target).append(System.lineSeparator());
        b.append(String.format(Locale.ROOT, "\tSuccessful packets:        %d%n", s.sent));
        b.append(String.format(
                Locale.ROOT,
                "\tFailed packets:            %d%s%n",
                s.failed,
                s.failedErrno != 0
                        ? " (refused one by one, last with " + io.netvcr.replay.os.LinuxNative.describe(s.failedErrno)
                                + ")"
                        : ""));
        if (s.notAttempted() > 0) {
            b.append(String.format(
                    Locale.ROOT, "\tNot attempted (stopped):   %d of %d planned%n", s.notAttempted(), s.planned));
        }
        b.append(String.format(Locale.ROOT, "\tTruncated packets:         %d%n", truncated(r)));
        b.append(String.format(
                Locale.ROOT, "\tRetried packets (ENOBUFS): %d (%d retries)%n", s.retriedPackets, s.retries));
        if (s.skipped > 0) {
            b.append(String.format(Locale.ROOT, "\tSkipped (not sendable):    %d%n", s.skipped));
        }
        Histogram e = s.epsilonNs;
        if (e.getTotalCount() > 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "Send-time error (us): %s  (mean %.3f, %d packets; clock read at send %s)%n",
                    percentilesUs(e, 50, 90, 99, 99.9),
                    e.getMean() / 1e3,
                    e.getTotalCount(),
                    s.epsilonAt.word()));
            b.append(String.format(
                    Locale.ROOT,
                    "Late by more than 1 us: %d, 10 us: %d, 100 us: %d%n",
                    s.late1us,
                    s.late10us,
                    s.late100us));
        } else {
            b.append(
                            r.timer.startsWith("none")
                                    ? "Send-time error: not measured (--topspeed has no schedule)"
                                    : "Send-time error: no packet was sent")
                    .append(System.lineSeparator());
        }
        Histogram c = s.sendCallNs;
        if (c.getTotalCount() > 0) {
            b.append("Send call (us): ").append(percentilesUs(c, 50, 99)).append(System.lineSeparator());
        }
        b.append(String.format(
                Locale.ROOT,
                "CPU utilisation: %.1f%% (process CPU %.3f s / wall %.3f s; sending thread %.3f s)%n",
                r.cpuUtilization() * 100,
                r.processCpuNs / 1e9,
                r.wallNs / 1e9,
                r.senderCpuNs / 1e9));
        b.append(String.format(
                Locale.ROOT,
                "Send mode: %s, %d send calls (%.2f packets per call, largest batch %d)%n",
                s.sendMode,
                s.sendCalls,
                s.sendCalls == 0 ? 0.0 : (double) s.sent / s.sendCalls,
                Math.max(s.maxBatch, s.sent > 0 ? 1 : 0)));
        b.append("Timer: ").append(r.timer).append(System.lineSeparator());
        if (s.startRealtimeNs != 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "Planned start (send offset 0): %s (CLOCK_REALTIME %d ns)%n",
                    java.time.Instant.ofEpochSecond(0, s.startRealtimeNs),
                    s.startRealtimeNs));
        }
        if (s.startAtNs != 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "Start at: %s on CLOCK_%s, reached %.3f us late (longest stall while spinning to it %.3f us)%n",
                    java.time.Instant.ofEpochSecond(0, s.startAtNs),
                    s.startClock.toUpperCase(Locale.ROOT),
                    s.startLateNs / 1e3,
                    s.startSpinStallNs / 1e3));
        }
        if (s.prefetch != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "Trace windows: --prefetch %s, %d switches, %d waited for the helper (%.3f ms)%n",
                    s.prefetch.word(),
                    s.windowSwitches,
                    s.windowStalls,
                    s.windowStallNs / 1e6));
        }
        if (s.traceIo == TraceIo.READ) {
            b.append(String.format(Locale.ROOT, "Trace read with read(): %d calls (--trace-io read)%n", s.traceReads));
        }
        appendLogCounts(b, "Read log", s.readLogRecords, s.readLogDropped);
        if (s.profile != null) {
            b.append(s.profile.text());
        }
        appendLogCounts(b, "Epsilon log", s.epsilonLogRecords, s.epsilonLogDropped);
        if (s.timerMarginNs > 0 || s.timerSpinNs > 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "Timer cost: spin margin %.1f us, spun %.3f s = %.1f%% of the replay%s%s%n",
                    s.timerMarginNs / 1e3,
                    s.timerSpinNs / 1e9,
                    spinFraction(s) * 100,
                    s.timerSleeps > 0
                            ? String.format(
                                    Locale.ROOT,
                                    ", %d sleeps, %d waits woke past the deadline",
                                    s.timerSleeps,
                                    s.timerOversleeps)
                            : "",
                    s.timerForcedRests > 0 ? ", " + s.timerForcedRests + " RT-guard pauses" : ""));
        }
        if (s.rtExposedWindows > 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "RT throttling could hit: %d half-second windows had no schedule gap long enough "
                            + "to rest in without delaying a packet; turn throttling off with 'sysctl -w kernel.sched_rt_runtime_us=-1' "
                            + "or replay without --rt-priority%n",
                    s.rtExposedWindows));
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
        return Summary.of(record(r));
    }

    static ReplaySummary record(ReplayResult r) {
        ReplayStats s = r.stats;
        Histogram e = s.epsilonNs;
        Histogram c = s.sendCallNs;
        return new ReplaySummary(
                r.target,
                new ReplaySummary.Packets(
                        s.sent,
                        s.failed,
                        truncated(r),
                        s.retriedPackets,
                        s.retries,
                        s.skipped,
                        s.attempted(),
                        s.planned,
                        s.planned >= 0 ? s.notAttempted() : null),
                s.bytes,
                r.durationNs(),
                s.loopsCompleted,
                new ReplaySummary.Rate(round(bps(r)), round(mbps(r)), round(pps(r))),
                new ReplaySummary.Epsilon(
                        e.getTotalCount(),
                        e.getValueAtPercentile(50),
                        e.getValueAtPercentile(90),
                        e.getValueAtPercentile(99),
                        e.getValueAtPercentile(99.9),
                        e.getMaxValue(),
                        round(e.getTotalCount() == 0 ? 0 : e.getMean())),
                new ReplaySummary.Late(s.late1us, s.late10us, s.late100us),
                new ReplaySummary.SendCall(c.getValueAtPercentile(50), c.getValueAtPercentile(99), c.getMaxValue()),
                new ReplaySummary.Cpu(
                        round(r.cpuUtilization()),
                        r.processCpuNs,
                        r.senderCpuNs,
                        r.wallNs,
                        round(s.loopWallNs <= 0 ? 0 : (double) r.senderCpuNs / s.loopWallNs),
                        s.senderPreemptions,
                        s.jitMsDuringReplay,
                        s.gcDuringReplay),
                r.timer,
                s.startRealtimeNs,
                s.epsilonAt.word(),
                s.startAtNs == 0
                        ? null
                        : new ReplaySummary.Start(
                                java.time.Instant.ofEpochSecond(0, s.startAtNs).toString(),
                                s.startAtNs,
                                s.startClock,
                                s.startLateNs,
                                s.startSpinStallNs),
                new ReplaySummary.Windows(
                        s.prefetch == null ? "" : s.prefetch.word(),
                        s.windowRecords,
                        s.windowSwitches,
                        s.windowStalls,
                        s.windowStallNs),
                s.traceIo.word(),
                s.traceIo == TraceIo.READ ? s.traceReads : null,
                s.readLogRecords < 0 ? null : new ReplaySummary.ReadLog(s.readLogRecords, s.readLogDropped),
                s.profile == null ? null : s.profile.toMap(),
                s.epsilonLogRecords < 0
                        ? null
                        : new ReplaySummary.EpsilonLog(
                                s.epsilonLogRecords, s.epsilonLogDropped, EpsilonLogWriter.RECORDS_PER_WRITE),
                s.sendMode,
                s.sendCalls,
                new ReplaySummary.Batches(s.batches, s.maxBatch, s.multiFrameCalls),
                new ReplaySummary.Timing(
                        s.timerMarginNs,
                        s.timerSpinNs,
                        round(spinFraction(s)),
                        s.timerForcedRests,
                        s.rtExposedWindows,
                        s.wakeP50NanosleepNs,
                        s.wakeP99NanosleepNs,
                        s.wakeP50ParkNs,
                        s.wakeP99ParkNs,
                        s.timerSleeps,
                        s.timerOversleeps),
                r.mechanismsInForce,
                r.mechanismsRefused,
                r.outcome.name().toLowerCase(Locale.ROOT),
                r.exitCode(),
                r.warnings.isEmpty() ? null : r.warnings,
                r.stopReason.isEmpty() ? null : r.stopReason);
    }

    /** A sharded replay: one line per shard, then the merged report (figures summed, ε histograms added). */
    public static String shardedText(
            java.util.List<String> inputs, java.util.List<ReplayResult> shards, ReplayResult merged) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shards.size(); i++) {
            ReplayResult r = shards.get(i);
            ReplayStats s = r.stats;
            Histogram e = s.epsilonNs;
            b.append(String.format(
                    Locale.ROOT,
                    "Shard %d (%s on %s): %d packets (%d bytes), %s%s, start %.3f us late, %s%n",
                    i,
                    inputs.get(i),
                    r.target,
                    s.sent,
                    s.bytes,
                    e.getTotalCount() > 0
                            ? String.format(
                                    Locale.ROOT,
                                    "epsilon p50 %.3f p99 %.3f us",
                                    us(e.getValueAtPercentile(50)),
                                    us(e.getValueAtPercentile(99)))
                            : "epsilon not measured",
                    s.failed > 0 ? ", " + s.failed + " failed" : "",
                    s.startLateNs / 1e3,
                    r.stopReason.isEmpty()
                            ? r.outcome.name().toLowerCase(Locale.ROOT)
                            : r.stopReason.split("\\R", 2)[0]));
        }
        b.append(String.format(Locale.ROOT, "All %d shards:%n", shards.size()));
        b.append(text(merged));
        return b.toString();
    }

    /** The merged summary with {@code shards[i]}: each shard's own summary and its file. */
    public static Summary shardedSummary(List<String> inputs, List<ReplayResult> shards, ReplayResult merged) {
        List<ReplaySummary.Shard> list = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            list.add(new ReplaySummary.Shard(i, inputs.get(i), record(shards.get(i))));
        }
        return Summary.of(new ReplaySummary.Sharded(record(merged), list));
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

    /** "Epsilon log: 1000 records written, 0 dropped (writer thread behind)"; nothing when no log was written. */
    private static void appendLogCounts(StringBuilder b, String log, long records, long dropped) {
        if (records >= 0) {
            b.append(String.format(
                    Locale.ROOT, "%s: %d records written, %d dropped (writer thread behind)%n", log, records, dropped));
        }
    }

    /** "p50 1.234  p99 5.678  max 9.012": the given percentiles of h, then its maximum, in µs. */
    private static String percentilesUs(Histogram h, double... percentiles) {
        StringBuilder t = new StringBuilder();
        for (double p : percentiles) {
            String label = p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
            t.append(String.format(Locale.ROOT, "p%s %.3f  ", label, us(h.getValueAtPercentile(p))));
        }
        return t.append(String.format(Locale.ROOT, "max %.3f", us(h.getMaxValue())))
                .toString();
    }

    private static double us(long ns) {
        return ns / 1e3;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
