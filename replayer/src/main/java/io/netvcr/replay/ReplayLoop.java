package io.netvcr.replay;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.report.EpsilonLogWriter;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.sink.BatchSink;
import io.netvcr.replay.sink.PacketSink;
import io.netvcr.replay.timing.DeadlineTimer;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.trace.TraceWindows;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The send loop: for each record, build its frame (during the wait), wait for its deadline, hand it to the
 * sink, measure. Allocates nothing per packet. Behind schedule, a packet goes at once and counts as late; the
 * next deadline is still start + offset, so there is no drift.
 */
public final class ReplayLoop {
    /** Gaps longer than this are slept in {@link #LONG_WAIT_STEP_NS} steps, whatever the timer, so a stop is seen. */
    static final long LONG_WAIT_NS = 100_000_000L;
    static final long LONG_WAIT_STEP_NS = 50_000_000L;
    private static final int MAX_RETRIES_PER_PACKET = 10_000_000;
    private static final int PUBLISH_EVERY = 1024;

    private final TraceWindows windows;
    private final FrameBuilder frames;
    private final PacketSink sink;
    private final DeadlineTimer timer;
    private final Sleeper sleeper;
    private final ReplayStats stats;
    private final EpsilonLogWriter epsilonLog;
    private final StopSignal stop;
    private final NvcrRecord record = new NvcrRecord();
    /** Non-null when the sink batches: the loop then assembles batches of frames already due. */
    private final BatchSink batchSink;
    private final long[] batchDeadline;
    private final long[] batchIndex;
    private final int[] batchLength;
    /** A record read and scheduled (by {@link #peek}) but not yet part of a batch. */
    private boolean pending;
    private boolean finished;
    private long pendingDeadline;

    public ReplayLoop(TraceWindows windows, FrameBuilder frames, PacketSink sink, DeadlineTimer timer, Sleeper sleeper,
                      ReplayStats stats, EpsilonLogWriter epsilonLog, StopSignal stop) {
        this.windows = windows;
        this.frames = frames;
        this.sink = sink;
        this.timer = timer;
        this.sleeper = sleeper;
        this.stats = stats;
        this.epsilonLog = epsilonLog;
        this.stop = stop;
        this.batchSink = sink instanceof BatchSink ? (BatchSink) sink : null;
        int n = batchSink == null ? 0 : batchSink.maxBatch();
        this.batchDeadline = new long[n];
        this.batchIndex = new long[n];
        this.batchLength = new int[n];
    }

    private Schedule schedule;
    private long loops;
    private long limit;
    private long durationNs;
    private boolean topspeed;
    private long count;
    private long startNs;
    private long address;
    private BytesStore<?, ?> frame;
    private long recordIndex;
    private long loop;
    private long packetIndex;
    private boolean first;
    /** --epsilon-at return: ε from the clock read after the send call returned. */
    private boolean epsilonAtReturn;

    public void epsilonAtReturn(boolean atReturn) {
        this.epsilonAtReturn = atReturn;
    }

    StopSignal stopSignal() {
        return stop;
    }

    /**
     * Replays.
     *
     * @param loops      passes over the trace, 0 = until stopped
     * @param limit      packets in total, 0 = no limit
     * @param durationNs stop before the first packet due (or, at top speed, sent) this long after start, 0 = none
     * @param topspeed   ignore the schedule
     */
    public void run(Schedule schedule, long loops, long limit, long durationNs, boolean topspeed) throws IOException {
        this.schedule = schedule;
        this.loops = loops;
        this.limit = limit;
        this.durationNs = durationNs;
        this.topspeed = topspeed;
        this.count = windows.count();
        this.startNs = schedule.startNs();
        this.frame = frames.frame();
        this.address = frames.address();
        this.recordIndex = 0;
        this.loop = 0;
        this.packetIndex = 0;
        this.first = true;
        this.pending = false;
        this.finished = false;
        if (count != 0) {
            // The per-packet work is its own method so that code compiled during warm-up serves the first packet
            // of a new run (an OSR-compiled loop body would only be re-entered after ~1000 interpreted passes).
            if (batchSink != null) {
                while (sendBatch()) {
                    // next batch
                }
            } else {
                while (sendNext()) {
                    // next packet
                }
            }
        }
        stats.publish();
    }

    /** The record being sent (or next to be sent): where a fault in the mapped trace happened. */
    public long recordIndex() {
        return recordIndex;
    }

    /** Sends one packet; false when the replay is over. */
    private boolean sendNext() throws IOException {
        if (!advanceToNextRecord()) {
            return false;
        }
        NvcrRecord r = windows.record(recordIndex, record);
        int length = frames.build(r);
        long deadline;
        long now;
        if (topspeed) {
            now = System.nanoTime();
            deadline = now;
            if (durationNs != 0 && now - startNs >= durationNs) {
                return false;
            }
        } else {
            deadline = schedule.deadlineNs(loop, r.sendOffsetNs());
            if (durationNs != 0 && deadline - startNs >= durationNs) {
                return false;
            }
            now = System.nanoTime();
            while (deadline - now > LONG_WAIT_NS && !stop.requested()) {
                sleeper.sleepUntil(now + LONG_WAIT_STEP_NS);
                now = System.nanoTime();
            }
            if (stop.requested()) {
                return false;
            }
            if (now - deadline < 0) {
                now = timer.awaitUntil(deadline);
            }
        }
        long result = sink.send(r, frame, address, length, now);
        stats.sendCalls++;
        if (result < 0 && result != PacketSink.SKIPPED) {
            result = retry(r, frame, address, length, now, result);
            if (result < 0) {
                stats.failed++;
                stats.stopErrno = (int) -result;
                return false;
            }
        }
        long end = System.nanoTime();
        if (first) {
            stats.firstSendNs = now;
            first = false;
        }
        stats.lastSendEndNs = end;
        stats.recordSendCall(end - now);
        if (!topspeed) {
            stats.recordEpsilon((epsilonAtReturn ? end : now) - deadline);
        }
        if (result == PacketSink.SKIPPED) {
            stats.skipped++;
        } else {
            stats.sent++;
            stats.bytes += length;
        }
        if (epsilonLog != null) {
            epsilonLog.append(recordIndex, deadline, now, end);
        }
        recordIndex++;
        packetIndex++;
        if ((packetIndex & (PUBLISH_EVERY - 1)) == 0) {
            stats.publish();
        }
        return true;
    }

    /** ENOBUFS/EAGAIN: the queue is full, try again; anything else (or endless refusal) is a failure. */
    private long retry(NvcrRecord r, BytesStore<?, ?> frame, long address, int length, long now, long result) {
        long res = result;
        if (res != -LinuxNative.ENOBUFS && res != -LinuxNative.EAGAIN) {
            return res;
        }
        stats.retriedPackets++;
        int n = 0;
        while ((res == -LinuxNative.ENOBUFS || res == -LinuxNative.EAGAIN) && n < MAX_RETRIES_PER_PACKET
            && !stop.requested()) {
            n++;
            stats.retries++;
            backoff(n);
            stats.sendCalls++;
            res = sink.send(r, frame, address, length, now);
        }
        return res;
    }

    /** Spin for the first retries, then sleep 1 us, 2 us, ... up to 1 ms: the queue drains at wire speed. */
    private void backoff(int attempt) {
        if (attempt <= 64) {
            Thread.onSpinWait();
        } else {
            long ns = Math.min(1_000_000L, 1_000L << Math.min(10, (attempt - 64) / 16));
            sleeper.sleepUntil(System.nanoTime() + ns);
        }
    }

    /**
     * Reads the next record into {@link #record} and schedules it (once: a record peeked but not yet due stays
     * pending for the next batch). False when the replay is over (end, limit, duration, stop).
     */
    private boolean peek(long now) throws IOException {
        if (pending) {
            return true;
        }
        if (finished) {
            return false;
        }
        if (!schedulable(now)) {
            finished = true; // the end is final: a later call must not start the next pass
            return false;
        }
        pending = true;
        return true;
    }

    /**
     * Wraps to the next pass at the end of the trace and checks the stop conditions that do not depend on
     * time (a stop request, --loop, --limit); false when the replay is over. Shared by the single and the
     * batched paths.
     */
    private boolean advanceToNextRecord() {
        if (stop.requested()) {
            return false;
        }
        if (recordIndex == count) {
            recordIndex = 0;
            loop++;
            stats.loopsCompleted = loop;
            if (loops != 0 && loop >= loops) {
                return false;
            }
        }
        return limit == 0 || packetIndex < limit;
    }

    private boolean schedulable(long now) throws IOException {
        if (!advanceToNextRecord()) {
            return false;
        }
        NvcrRecord r = windows.record(recordIndex, record);
        if (topspeed) {
            pendingDeadline = now;
            return durationNs == 0 || now - startNs < durationNs;
        }
        pendingDeadline = schedule.deadlineNs(loop, r.sendOffsetNs());
        return durationNs == 0 || pendingDeadline - startNs < durationNs;
    }

    /** Builds the pending record into batch position k; false (and the replay stops) if it cannot be. */
    private boolean stage(int k) {
        int length = FrameBuilder.frameLength(record);
        if (length > batchSink.slotCapacity()) {
            return fail(LinuxNative.EMSGSIZE);
        }
        FrameBuilder b = batchSink.acquire(k);
        if (b == null) {
            return fail(LinuxNative.EAGAIN);
        }
        b.build(record);
        batchSink.commit(k, length);
        batchDeadline[k] = pendingDeadline;
        batchIndex[k] = recordIndex;
        batchLength[k] = length;
        pending = false;
        recordIndex++;
        packetIndex++;
        return true;
    }

    private boolean fail(int errno) {
        stats.failed++;
        stats.stopErrno = errno;
        return false;
    }

    /**
     * One batch: the first frame is built, then waited for like any other; then every following frame that is
     * already due (at top speed: every frame) joins, up to the sink's batch size, and all go out with one call.
     * Each frame's "actual" time is the clock read just before that call, so ε stays per packet: a frame that
     * joined a batch late carries its full lateness.
     */
    private boolean sendBatch() throws IOException {
        long now = System.nanoTime();
        if (!peek(now)) {
            return false;
        }
        if (!stage(0)) {
            return false;
        }
        long deadline = batchDeadline[0];
        if (!topspeed) {
            while (deadline - now > LONG_WAIT_NS && !stop.requested()) {
                sleeper.sleepUntil(now + LONG_WAIT_STEP_NS);
                now = System.nanoTime();
            }
            if (stop.requested()) {
                return false;
            }
            if (now - deadline < 0) {
                now = timer.awaitUntil(deadline);
            }
        }
        int n = 1;
        int max = batchSink.maxBatch();
        while (n < max && peek(now) && (topspeed || pendingDeadline - now <= 0)) {
            if (!stage(n)) {
                return false;
            }
            n++;
        }
        if (n > 1) {
            now = System.nanoTime();
        }
        int from = 0;
        int attempts = 0;
        boolean counted = false;
        while (from < n) {
            long r = batchSink.flush(from, n);
            stats.sendCalls++;
            if (r > 0) {
                from += (int) r;
                continue;
            }
            if ((r != -LinuxNative.ENOBUFS && r != -LinuxNative.EAGAIN) || attempts >= MAX_RETRIES_PER_PACKET || stop.requested()) {
                account(from, now, System.nanoTime());
                stats.failed += n - from;
                stats.stopErrno = (int) -r;
                return false;
            }
            if (!counted) {
                stats.retriedPackets += n - from;
                counted = true;
            }
            stats.retries++;
            attempts++;
            backoff(attempts);
        }
        batchSink.complete(n);
        account(n, now, System.nanoTime());
        stats.batches++;
        if (n > 1) {
            stats.multiFrameCalls++;
        }
        if (n > stats.maxBatch) {
            stats.maxBatch = n;
        }
        return true;
    }

    /** Statistics for the first n frames of the batch, all handed over at time now. */
    private void account(int n, long now, long end) throws IOException {
        if (n == 0) {
            return;
        }
        if (first) {
            stats.firstSendNs = now;
            first = false;
        }
        stats.lastSendEndNs = end;
        stats.recordSendCall(end - now);
        for (int k = 0; k < n; k++) {
            if (!topspeed) {
                stats.recordEpsilon((epsilonAtReturn ? end : now) - batchDeadline[k]);
            }
            stats.sent++;
            stats.bytes += batchLength[k];
            if (epsilonLog != null) {
                epsilonLog.append(batchIndex[k], batchDeadline[k], now, end);
            }
        }
        if ((packetIndex & ~(PUBLISH_EVERY - 1)) != ((packetIndex - n) & ~(PUBLISH_EVERY - 1))) {
            stats.publish();
        }
    }
}
