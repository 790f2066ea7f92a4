package io.netvcr.replay.report;

import io.netvcr.replay.trace.TraceIo;
import io.netvcr.replay.trace.TraceWindows;
import org.HdrHistogram.Histogram;

/**
 * Counters and histograms filled by the send loop. Histograms have a fixed range (1 ns .. 1 h, 3 digits) so
 * recording never resizes, i.e. never allocates; values are clamped into it. ε is recorded raw: deadlines come
 * from the trace, not from the previous send, so a backlog already shows in every later packet and no
 * coordinated-omission correction applies.
 */
public final class ReplayStats {
    public static final long HIGHEST_NS = 3_600_000_000_000L;
    public final Histogram epsilonNs = new Histogram(HIGHEST_NS, 3);
    public final Histogram sendCallNs = new Histogram(HIGHEST_NS, 3);
    public long sent;
    public long bytes;
    public long failed;
    public long skipped;
    public long retriedPackets;
    public long retries;
    /** System calls that handed frames to the kernel (retries included): packets / sendCalls = mean batch. */
    public long sendCalls;

    public long batches;
    public int maxBatch;
    /** Batches of more than one frame. */
    public long multiFrameCalls;
    /** How frames went out: single, mmsg, ring, auto (or the sink's name for the other sinks). */
    public String sendMode = "single";
    /** Timer figures, filled by the sending thread after the loop. */
    public long timerMarginNs;

    public long timerSpinNs;
    public long timerForcedRests;
    /** Sleeps of a sleeping timer, and waits whose sleep ended past the deadline (a late wake-up, a late packet). */
    public long timerSleeps;

    public long timerOversleeps;
    /** RT-guard half-second windows with no schedule gap to rest in: kernel RT throttling could hit there. */
    public long rtExposedWindows;

    public long wakeP50NanosleepNs = -1;
    public long wakeP99NanosleepNs = -1;
    public long wakeP50ParkNs = -1;
    public long wakeP99ParkNs = -1;
    /** Sending thread's time from the scheduled start to the end of the loop (denominator of the spin fraction). */
    public long loopWallNs;

    public long late1us;
    public long late10us;
    public long late100us;
    public long firstSendNs;
    public long lastSendEndNs;
    public long loopsCompleted;
    /** CLOCK_REALTIME ns at which send offset 0 was due (the planned start as a wall-clock instant). */
    public long startRealtimeNs;
    /** --start-at: the instant (ns on {@link #startClock}; 0 = none), and how late the wait for it ended. */
    public long startAtNs;

    public String startClock = "";
    public long startLateNs;
    /** The longest the sending thread did not run while it spun to the start (a preemption, a safepoint). */
    public long startSpinStallNs;
    /** Which clock read ε is measured from (--epsilon-at). */
    public EpsilonAt epsilonAt = EpsilonAt.CALL;
    /** Trace windows: who mapped them (--prefetch; null without windows), sequential switches, switches that waited for the helper. */
    public TraceWindows.Prefetch prefetch;

    public long windowRecords;
    public long windowSwitches;
    public long windowStalls;
    public long windowStallNs;
    /** ε log: records written, records dropped because the writer thread fell behind (-1: no log). */
    public long epsilonLogRecords = -1;

    public long epsilonLogDropped = -1;
    /** --trace-io, read() calls made with --trace-io read, --read-log records written and dropped (-1: no log). */
    public TraceIo traceIo = TraceIo.MMAP;

    public long traceReads;
    public long readLogRecords = -1;
    public long readLogDropped = -1;
    /** --profile: per-phase histograms of the loop, null when off. */
    public LoopProfile profile;
    /** Copied from the sink when the loop ends. */
    public long truncatedBySink;
    /** errno of the last frame that failed alone while the replay went on (UDP sink: ECONNREFUSED), 0 if none. */
    public int failedErrno;
    /** errno of the error that stopped the replay, 0 if none. */
    public int stopErrno;
    /** The sending thread's involuntary context switches during the replay (-1: unknown). */
    public long senderPreemptions = -1;
    /**
     * Process-wide work that can stop or crowd out a sending thread, counted over the replay: JIT compilation
     * time (ms, all compiler threads) and garbage collections (-1: unknown). Shards share them: merged as the max.
     */
    public long jitMsDuringReplay = -1;

    public long gcDuringReplay = -1;
    /** Published every few packets for the --stats thread. */
    public volatile long publishedSent;

    public volatile long publishedBytes;
    public volatile long publishedLate10us;

    public void recordEpsilon(long eps) {
        long v = eps < 0 ? 0 : Math.min(eps, HIGHEST_NS);
        epsilonNs.recordValue(v);
        // Counted without branches: the JIT warm-up is late throughout, so a branch on lateness compiled from its
        // profile trapped (deoptimised) at the first punctual packet of the replay. v is in [0, HIGHEST_NS].
        late1us += (1_000 - v) >>> 63;
        late10us += (10_000 - v) >>> 63;
        late100us += (100_000 - v) >>> 63;
    }

    /**
     * Gives HdrHistogram's min/max tracking (AbstractHistogram.updateMinAndMax) a profile with every branch taken:
     * the warm-up's values are all late and nonzero and set a new minimum almost never, so the compiled recording
     * trapped (deoptimised) at the replay's first punctual packet (ε clamped to 0) or new minimum (JFR
     * jdk.Deoptimization, bench/first-packet). A new maximum, a new minimum and a zero, in turn.
     */
    public static void warmRecording() {
        Histogram h = new Histogram(HIGHEST_NS, 3);
        for (int i = 0; i < 30_000; i++) {
            h.recordValue(i % 3 == 0 ? 0 : i % 3 == 1 ? 1_000_000 + i : 1_000_000 - i);
        }
    }

    public void recordSendCall(long ns) {
        sendCallNs.recordValue(ns < 0 ? 0 : Math.min(ns, HIGHEST_NS));
    }

    public void publish() {
        publishedSent = sent;
        publishedBytes = bytes;
        publishedLate10us = late10us;
    }

    /** Packets the replay set out to send ({@link #plannedPackets}); -1 when it runs until stopped. */
    public long planned = -1;

    /** Packets handed to the sink: each ended as sent, failed or skipped. */
    public long attempted() {
        return sent + failed + skipped;
    }

    /** Planned packets never handed to the sink (the replay stopped early), or -1 for an endless replay. */
    public long notAttempted() {
        return planned < 0 ? -1 : Math.max(0, planned - attempted());
    }

    /** count records, passes (0 = endless) and a packet limit (0 = none): the packets a replay will attempt. */
    public static long plannedPackets(long count, long loops, long limit) {
        if (count == 0) {
            return 0;
        }
        long passes = loops == 0 ? -1 : (loops > Long.MAX_VALUE / count ? Long.MAX_VALUE : loops * count);
        if (limit == 0) {
            return passes;
        }
        return passes < 0 ? limit : Math.min(passes, limit);
    }

    /**
     * Adds another shard's figures into these: counters and ε / send-call histograms summed (the histograms share
     * one fixed range, so adding never resizes), the first send the earliest, the last the latest, the start's
     * lateness the worst. Not for the send loop: it runs once the shards have ended.
     */
    public void add(ReplayStats o) {
        epsilonNs.add(o.epsilonNs);
        sendCallNs.add(o.sendCallNs);
        boolean mine = sent + skipped > 0;
        boolean theirs = o.sent + o.skipped > 0;
        if (theirs) {
            firstSendNs = mine ? Math.min(firstSendNs, o.firstSendNs) : o.firstSendNs;
            lastSendEndNs = mine ? Math.max(lastSendEndNs, o.lastSendEndNs) : o.lastSendEndNs;
        }
        sent += o.sent;
        bytes += o.bytes;
        failed += o.failed;
        skipped += o.skipped;
        retriedPackets += o.retriedPackets;
        retries += o.retries;
        sendCalls += o.sendCalls;
        batches += o.batches;
        maxBatch = Math.max(maxBatch, o.maxBatch);
        multiFrameCalls += o.multiFrameCalls;
        timerMarginNs = Math.max(timerMarginNs, o.timerMarginNs);
        timerSpinNs += o.timerSpinNs;
        timerForcedRests += o.timerForcedRests;
        timerSleeps += o.timerSleeps;
        timerOversleeps += o.timerOversleeps;
        rtExposedWindows += o.rtExposedWindows;
        loopWallNs += o.loopWallNs;
        late1us += o.late1us;
        late10us += o.late10us;
        late100us += o.late100us;
        loopsCompleted = Math.min(loopsCompleted, o.loopsCompleted);
        startLateNs = Math.max(startLateNs, o.startLateNs);
        startSpinStallNs = Math.max(startSpinStallNs, o.startSpinStallNs);
        windowSwitches += o.windowSwitches;
        windowStalls += o.windowStalls;
        windowStallNs += o.windowStallNs;
        jitMsDuringReplay = Math.max(jitMsDuringReplay, o.jitMsDuringReplay);
        gcDuringReplay = Math.max(gcDuringReplay, o.gcDuringReplay);
        senderPreemptions = senderPreemptions < 0
                ? o.senderPreemptions
                : o.senderPreemptions < 0 ? senderPreemptions : senderPreemptions + o.senderPreemptions;
        if (o.epsilonLogRecords >= 0) {
            epsilonLogRecords = Math.max(0, epsilonLogRecords) + o.epsilonLogRecords;
            epsilonLogDropped = Math.max(0, epsilonLogDropped) + o.epsilonLogDropped;
        }
        truncatedBySink += o.truncatedBySink;
        failedErrno = failedErrno != 0 ? failedErrno : o.failedErrno;
        stopErrno = stopErrno != 0 ? stopErrno : o.stopErrno;
        planned = planned < 0 || o.planned < 0 ? -1 : planned + o.planned;
    }

    /** One shard's figures copied (then {@link #add}ed to): the merged figures of a sharded replay. */
    public static ReplayStats merge(java.util.List<ReplayStats> shards) {
        ReplayStats m = new ReplayStats();
        ReplayStats first = shards.get(0);
        m.sendMode = first.sendMode;
        m.epsilonAt = first.epsilonAt;
        m.prefetch = first.prefetch;
        m.windowRecords = first.windowRecords;
        m.startAtNs = first.startAtNs;
        m.startClock = first.startClock;
        m.startRealtimeNs = first.startRealtimeNs;
        m.wakeP50NanosleepNs = first.wakeP50NanosleepNs;
        m.wakeP99NanosleepNs = first.wakeP99NanosleepNs;
        m.wakeP50ParkNs = first.wakeP50ParkNs;
        m.wakeP99ParkNs = first.wakeP99ParkNs;
        m.planned = 0;
        m.loopsCompleted = Long.MAX_VALUE;
        for (ReplayStats s : shards) {
            m.add(s);
        }
        return m;
    }
}
