package io.netvcr.replay;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.report.EpsilonLogWriter;
import io.netvcr.replay.report.ReplayStats;
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
        if (count != 0) {
            // The per-packet work is its own method so that code compiled during warm-up serves the first packet
            // of a new run (an OSR-compiled loop body would only be re-entered after ~1000 interpreted passes).
            while (sendNext()) {
                // next packet
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
        if (limit != 0 && packetIndex >= limit) {
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
            stats.recordEpsilon(now - deadline);
        }
        if (result == PacketSink.SKIPPED) {
            stats.skipped++;
        } else {
            stats.sent++;
            stats.bytes += length;
        }
        if (epsilonLog != null) {
            epsilonLog.append(recordIndex, deadline, now);
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
            Thread.onSpinWait();
            res = sink.send(r, frame, address, length, now);
        }
        return res;
    }
}
