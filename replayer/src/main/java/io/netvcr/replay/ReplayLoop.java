package io.netvcr.replay;

import static io.netvcr.formats.nvcr.NvcrLayout.NONE16;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.report.EpsilonAt;
import io.netvcr.replay.report.EpsilonLogWriter;
import io.netvcr.replay.report.LoopProfile;
import io.netvcr.replay.report.ReadLogWriter;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.sink.BatchSink;
import io.netvcr.replay.sink.PacketSink;
import io.netvcr.replay.sink.SingleFrameBatch;
import io.netvcr.replay.timing.DeadlineTimer;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.timing.SpinTimer;
import io.netvcr.replay.trace.RecordSource;
import io.netvcr.replay.trace.TraceWindows;
import java.io.IOException;

/**
 * The send loop, one for every sink: a sink that takes one frame per call is driven as batches of one
 * ({@link SingleFrameBatch}), so waiting, retrying and accounting exist once. For each batch: stage the first
 * record (build its frame, or point at it in the mapped window when the record already is the frame), wait for
 * its deadline, let every following record that is already due join (at top speed: every record), up to the
 * sink's batch size, and hand them over with one call. Allocates nothing per packet. Behind schedule, a packet
 * goes at once and counts as late; the next deadline is still start + offset, so there is no drift.
 */
public final class ReplayLoop {
    /** Gaps longer than this are slept in {@link #LONG_WAIT_STEP_NS} steps, whatever the timer, so a stop is seen. */
    static final long LONG_WAIT_NS = 100_000_000L;

    static final long LONG_WAIT_STEP_NS = 50_000_000L;
    /**
     * How long one batch may be refused with ENOBUFS/EAGAIN before it counts as failed: a full queue drains at
     * wire speed in micro- to milliseconds; seconds of refusal mean a link that is down (a veth whose peer is
     * down refuses a TX ring forever), and waiting for hours helps nobody.
     */
    static final long RETRY_LIMIT_NS = 5_000_000_000L;

    private static final int PUBLISH_EVERY = 1024;

    private final TraceWindows windows;
    private final BatchSink sink;
    private final DeadlineTimer timer;
    private final Sleeper sleeper;
    private final ReplayStats stats;
    private final EpsilonLogWriter epsilonLog;
    private final StopSignal stop;
    private final NvcrRecord record = new NvcrRecord();
    /**
     * Records per mapped window: a frame sent from the mapping must be flushed before the loop leaves its window.
     * Smaller only in the warm-up ({@link #batchWindowRecords}).
     */
    private long recordsPerWindow;

    private final int recordRoom;
    private final long[] batchDeadline;
    private final long[] batchIndex;
    private final int[] batchLength;
    private final Run run = new Run();
    private boolean stopOnError;
    private boolean epsilonAtReturn;
    /** --trace-io read: records come from here instead of the mapped windows (null: the windows). */
    private RecordSource reader;
    /** --read-log and --profile (issue 13): both null unless asked for, so the default loop reads no extra clock. */
    private ReadLogWriter readLog;

    private LoopProfile profile;
    /** Records per pass: the whole trace, or fewer for the warm-up's short passes ({@link #passLength}). */
    private long passLength = Long.MAX_VALUE;
    /** {@link #LONG_WAIT_NS} and {@link #LONG_WAIT_STEP_NS}, or the warm-up's shorter ones ({@link #longWaits}). */
    private long longWaitNs = LONG_WAIT_NS;

    private long longWaitStepNs = LONG_WAIT_STEP_NS;
    /** A run's first wait shorter than this is spun whatever the timer ({@link #entrySpin}); 0: never. */
    private long entrySpinUnderNs;

    private final SpinTimer entrySpinner = new SpinTimer();

    /** Per-run state: what to replay and where the replay is. Reset by every {@link #run}. */
    private static final class Run {
        Schedule schedule;
        long loops;
        long limit;
        long durationNs;
        boolean topspeed;
        long count;
        long startNs;
        long recordIndex;
        long loop;
        long packetIndex;
        /**
         * -1 until the first frame is handed over, then 0. A mask, not a flag: the warm-up's profile holds almost
         * no first packets, so a branch on it trapped (deoptimised) at the first packet of the replay.
         */
        long firstMask;
        /** A record read and scheduled (by {@link #peek}) but not yet part of a batch. */
        boolean pending;

        long pendingDeadline;
        /** The end is final: a later peek must not start the next pass. */
        boolean finished;
        /** Whether a frame of this batch is sent straight from the mapping (it then holds the batch to one window). */
        boolean direct;
        /** First record of the batch's window ({@link #recordsPerWindow} units): one division a batch, not two a packet. */
        long windowFirst;
        /**
         * -1 until the run's first wait (which may be the start's, {@link #entrySpin}), then 0. A mask, not a
         * flag: the warm-up's profile holds a handful of first waits among thousands, so a branch on it trapped
         * (unstable_if) at the replay's first wait.
         */
        long entryMask;
    }

    /**
     * @param frames builder for single-frame sinks (a batching sink builds in its own slots)
     */
    public ReplayLoop(
            TraceWindows windows,
            FrameBuilder frames,
            PacketSink sink,
            DeadlineTimer timer,
            Sleeper sleeper,
            ReplayStats stats,
            EpsilonLogWriter epsilonLog,
            StopSignal stop) {
        this.windows = windows;
        this.sink = sink instanceof BatchSink ? (BatchSink) sink : new SingleFrameBatch(sink, frames, record);
        this.timer = timer;
        this.sleeper = sleeper;
        this.stats = stats;
        this.epsilonLog = epsilonLog;
        this.stop = stop;
        int n = this.sink.maxBatch();
        this.batchDeadline = new long[n];
        this.batchIndex = new long[n];
        this.batchLength = new int[n];
        int recordLength = windows.header().recordLength;
        this.recordsPerWindow = Math.max(1, windows.windowBytes() / recordLength);
        this.recordRoom = recordLength - io.netvcr.formats.nvcr.NvcrLayout.RECORD_HEADER_LENGTH;
    }

    /**
     * Whether a frame the sink refuses for itself alone (the UDP sink's ECONNREFUSED) stops the replay; by
     * default it counts as failed and the replay goes on.
     */
    public ReplayLoop stopOnError(boolean v) {
        this.stopOnError = v;
        return this;
    }

    /** --epsilon-at: which clock read ε is measured from; a boolean in the loop, which reads it per packet. */
    public ReplayLoop epsilonAt(EpsilonAt at) {
        this.epsilonAtReturn = at == EpsilonAt.RETURN;
        return this;
    }

    /** --trace-io read: obtain records from this source (read() into a buffer) instead of the mapped windows. */
    public ReplayLoop readThrough(RecordSource source) {
        this.reader = source;
        return this;
    }

    /** --read-log: log the time taken to obtain every record. */
    public ReplayLoop readLog(ReadLogWriter log) {
        this.readLog = log;
        return this;
    }

    /** --profile: time every phase of the loop. */
    public ReplayLoop profile(LoopProfile p) {
        this.profile = p;
        return this;
    }

    /**
     * Warm-up only: treat the trace as its first n records, so a warm-up run wraps to the next pass and ends by
     * its pass count. Otherwise the end-of-trace branches are first taken at the replay's last packet, before
     * its send: an unstable_if trap there made the last frame leave ~0.4 ms late.
     */
    ReplayLoop passLength(long n) {
        this.passLength = Math.max(1, n);
        return this;
    }

    /**
     * The start enters the loop this far ahead of send offset 0 and the run's first wait spins the rest, whatever
     * the timer: the entry costs 20-80 us of cold code and data on this VM (the first call into the loop, the first
     * record's read and staging), so with the first frame already staged when the wait ends, only the send is left
     * after offset 0. A first wait this long or longer (a trace that does not start at offset 0) takes the timer.
     * Every warm-up stage's loop is set the same way, so its first wait too is spun.
     */
    ReplayLoop entrySpin(long underNs) {
        this.entrySpinUnderNs = underNs;
        return this;
    }

    /**
     * Warm-up only: gaps over waitNs are slept in stepNs steps. The replay's first gap over {@link #LONG_WAIT_NS}
     * otherwise takes that loop for the first time and traps (unstable_if in sendBatch, seen with JFR on the
     * bundled sample, whose gaps reach 0.58 s): the loop then ran deoptimised, and packets left up to 1.4 ms late.
     */
    ReplayLoop longWaits(long waitNs, long stepNs) {
        this.longWaitNs = waitNs;
        this.longWaitStepNs = stepNs;
        return this;
    }

    /**
     * Warm-up only: batches sent from the mapping end every n records, as if windows were that small, so that
     * ending one at a window's edge or a pass's end is in the profile C2 compiles from. Otherwise it is first
     * taken at the replay's first window switch and at its last packet, each an unstable_if trap between the
     * wait and the send call (the last frame of a two-window trace left 0.1 ms late; JFR jdk.Deoptimization in
     * sameWindowAsBatch). Ending a batch early is always safe: the frames go in two calls.
     */
    ReplayLoop batchWindowRecords(long n) {
        this.recordsPerWindow = Math.max(1, Math.min(recordsPerWindow, n));
        return this;
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
        Run s = run;
        s.schedule = schedule;
        s.loops = loops;
        s.limit = limit;
        s.durationNs = durationNs;
        s.topspeed = topspeed;
        s.count = Math.min(windows.count(), passLength);
        s.startNs = schedule.startNs();
        s.recordIndex = 0;
        s.loop = 0;
        s.packetIndex = 0;
        s.firstMask = -1L;
        s.pending = false;
        s.finished = false;
        s.direct = false;
        s.entryMask = -1L;
        if (s.count != 0) {
            // The per-batch work is its own method so that code compiled during warm-up serves the first packet
            // of a new run (an OSR-compiled loop body would only be re-entered after ~1000 interpreted passes).
            while (sendBatch()) {
                // next batch
            }
        }
        stats.publish();
    }

    /** The record being sent (or next to be sent): where a fault in the mapped trace happened. */
    public long recordIndex() {
        return run.recordIndex;
    }

    /**
     * Wraps to the next pass at the end of the trace and checks the stop conditions that do not depend on
     * time (a stop request, --loop, --limit); false when the replay is over.
     */
    private boolean advanceToNextRecord() {
        Run s = run;
        if (stop.requested()) {
            return false;
        }
        if (s.recordIndex == s.count) {
            s.recordIndex = 0;
            s.loop++;
            stats.loopsCompleted = s.loop;
            if (s.loops != 0 && s.loop >= s.loops) {
                return false;
            }
        }
        return s.limit == 0 || s.packetIndex < s.limit;
    }

    /**
     * Reads the next record into {@link #record} and schedules it (once: a record peeked but not yet due stays
     * pending for the next batch). False when the replay is over (end, limit, duration, stop).
     */
    private boolean peek(long now) throws IOException {
        Run s = run;
        if (s.pending) {
            return true;
        }
        if (s.finished) {
            return false;
        }
        if (!advanceToNextRecord()) {
            s.finished = true;
            return false;
        }
        NvcrRecord r;
        if (readLog == null && profile == null) {
            r = reader == null ? windows.record(s.recordIndex, record) : reader.record(s.recordIndex, record);
        } else {
            long t0 = System.nanoTime();
            r = reader == null ? windows.record(s.recordIndex, record) : reader.record(s.recordIndex, record);
            long ns = System.nanoTime() - t0;
            if (readLog != null) {
                readLog.append(s.recordIndex, t0, ns);
            }
            if (profile != null) {
                profile.record(LoopProfile.READ, ns);
            }
        }
        if (s.topspeed) {
            s.pendingDeadline = now;
            if (s.durationNs != 0 && now - s.startNs >= s.durationNs) {
                s.finished = true;
                return false;
            }
        } else {
            s.pendingDeadline = s.schedule.deadlineNs(s.loop, r.sendOffsetNs());
            if (s.durationNs != 0 && s.pendingDeadline - s.startNs >= s.durationNs) {
                s.finished = true;
                return false;
            }
        }
        s.pending = true;
        return true;
    }

    /**
     * Whether the next record may join a batch holding frames sent straight from the mapped window: only while
     * it lies in the same window, since reading a record of the next window may unmap this one.
     */
    private boolean sameWindowAsBatch() {
        Run s = run;
        if (!s.direct || s.pending) {
            return true;
        }
        // The next record wraps to 0 at the end of a pass (recordIndex <= count): masked, not branched, since the
        // end of the last pass comes once, after the wait of the replay's last packet, where a never-taken branch
        // trapped (unstable_if, JFR) and the last frame left 0.1 ms late.
        long next = s.recordIndex & ((s.recordIndex - s.count) >> 63);
        return Long.compareUnsigned(next - s.windowFirst, recordsPerWindow) < 0;
    }

    /** Stages the pending record at batch position k; false (and the replay stops) if it cannot be. */
    private boolean stage(int k) {
        Run s = run;
        NvcrRecord r = record;
        int length = FrameBuilder.frameLength(r);
        if (length <= 0) {
            throw damaged(r);
        }
        if (length > sink.slotCapacity()) {
            return fail(LinuxNative.EMSGSIZE);
        }
        long t0 = profile == null ? 0 : System.nanoTime();
        if (sink.sendsFromMemory() && reader == null && isWholeFrame(r, length)) {
            sink.commitAt(k, r.store().addressForRead(r.dataOffset()), length);
            s.direct = true;
        } else {
            FrameBuilder b = sink.acquire(k);
            if (b == null) {
                return fail(LinuxNative.EAGAIN);
            }
            b.build(r);
            sink.commit(k, length);
        }
        if (profile != null) {
            profile.record(LoopProfile.BUILD, System.nanoTime() - t0);
        }
        batchDeadline[k] = s.pendingDeadline;
        batchIndex[k] = s.recordIndex;
        batchLength[k] = length;
        s.pending = false;
        s.recordIndex++;
        s.packetIndex++;
        return true;
    }

    /**
     * The stored bytes already are the frame {@link FrameBuilder#build} would make: nothing to pad, and the
     * transport checksum (if it falls inside the frame) already stored as prep wrote it.
     */
    private boolean isWholeFrame(NvcrRecord r, int length) {
        int stored = r.storedLength();
        if (stored < length || stored > recordRoom) {
            return false;
        }
        int at = r.l4ChecksumOffset();
        return at == NONE16
                || at + 2 > length
                || (r.dataByte(at) << 8 | r.dataByte(at + 1)) == (r.l4Checksum() & 0xffff);
    }

    /** A record no frame can come from (send and wire length both 0 or negative): damage, named by file, record and offset. */
    private ReplayException damaged(NvcrRecord r) {
        long i = run.recordIndex;
        return new ReplayException(
                ReplayException.Kind.BAD_TRACE,
                windows.path() + ": record " + i + " at byte offset "
                        + io.netvcr.formats.nvcr.NvcrLayout.recordOffset(i, windows.header().recordLength)
                        + " is damaged: send length "
                        + r.sendLength() + ", wire length " + r.wireLength() + " (a frame needs at least one byte)");
    }

    private boolean fail(int errno) {
        stats.failed++;
        stats.stopErrno = errno;
        return false;
    }

    /**
     * One batch: the first frame is staged, then waited for like any other; then every following frame that is
     * already due (at top speed: every frame) joins, up to the sink's batch size, and all go out with one call.
     * Each frame's "actual" time is the clock read just before that call, so ε stays per packet: a frame that
     * joined a batch late carries its full lateness.
     */
    private boolean sendBatch() throws IOException {
        Run s = run;
        long now = System.nanoTime();
        long begin = now;
        s.direct = false;
        if (!peek(now)) {
            return false;
        }
        s.windowFirst = s.recordIndex - s.recordIndex % recordsPerWindow;
        if (!stage(0)) {
            return false;
        }
        long deadline = batchDeadline[0];
        if (!s.topspeed) {
            while (deadline - now > longWaitNs && !stop.requested()) {
                sleeper.sleepUntil(now + longWaitStepNs);
                now = System.nanoTime();
            }
            if (stop.requested()) {
                unstage(1);
                return false;
            }
            if (now - deadline < 0) {
                long w0 = now;
                // The run's first wait, if shorter than entrySpinUnderNs, is spun to the deadline by the spinner,
                // after the timer was asked to wait until now (it returns at once: its code is run before the
                // deadline, not after it, where it cost the first frame ~6 us); any other wait is the timer's, and
                // the spinner is asked to wait until now.
                long spinMask = s.entryMask & ((deadline - now - entrySpinUnderNs) >> 63);
                now = timer.awaitUntil(deadline & ~spinMask | now & spinMask);
                now = entrySpinner.awaitUntil(deadline & spinMask | now & ~spinMask);
                if (profile != null) {
                    profile.record(LoopProfile.WAIT, now - w0);
                }
            }
            s.entryMask = 0;
        }
        int n = 1;
        int max = sink.maxBatch();
        while (n < max && sameWindowAsBatch() && peek(now) && (s.topspeed || s.pendingDeadline - now <= 0)) {
            if (!stage(n)) {
                // This frame cannot be sent (counted as failed, the replay stops): those staged before it still go.
                int errno = stats.stopErrno;
                flush(n, System.nanoTime());
                stats.stopErrno = errno;
                return false;
            }
            n++;
        }
        // Read again whatever n: the join's look at the next record (and a trap there) happens after the wait,
        // and ε should hold everything between the deadline and the send call.
        now = System.nanoTime();
        boolean more = flush(n, now);
        if (profile != null) {
            profile.record(LoopProfile.ITERATION, System.nanoTime() - begin);
        }
        return more;
    }

    /** A stop while waiting: the staged frames were never handed over, so they are not attempted. */
    private void unstage(int n) {
        run.recordIndex -= n;
        run.packetIndex -= n;
    }

    /** Hands frames [0, n) over, retrying a full queue; accounts for each as sent, failed or skipped. */
    private boolean flush(int n, long now) throws IOException {
        int from = 0;
        int attempts = 0;
        long retryStart = 0;
        boolean counted = false;
        while (from < n) {
            long r;
            try {
                if (profile == null) {
                    r = sink.flush(from, n, now);
                } else {
                    long c0 = System.nanoTime();
                    r = sink.flush(from, n, now);
                    profile.record(LoopProfile.SEND, System.nanoTime() - c0);
                }
            } catch (RuntimeException e) {
                stats.failed += n - from; // handed over, not taken: the sink's own failure (a pcap sink's full disk)
                throw e;
            }
            stats.sendCalls++;
            if (r > 0) {
                account(from, from + (int) r, now, System.nanoTime());
                from += (int) r;
                continue;
            }
            if (r == PacketSink.SKIPPED) {
                accountSkipped(from, now);
                from++;
                continue;
            }
            int errno = (int) -r;
            if (errno == LinuxNative.ENOBUFS || errno == LinuxNative.EAGAIN) {
                long t = System.nanoTime();
                if (attempts == 0) {
                    retryStart = t;
                }
                if (stop.requested()) {
                    stats.failed += n - from; // attempted, never taken: the stop ends the retries, not an error
                    return false;
                }
                if (t - retryStart < RETRY_LIMIT_NS) {
                    if (!counted) {
                        stats.retriedPackets += n - from;
                        counted = true;
                    }
                    stats.retries++;
                    attempts++;
                    backoff(attempts);
                    continue;
                }
            } else if (!stopOnError && sink.isFrameError(errno)) {
                stats.failed++;
                stats.failedErrno = errno;
                from++;
                continue;
            }
            stats.failed += n - from;
            stats.stopErrno = errno;
            return false;
        }
        sink.complete(n);
        stats.batches++;
        if (n > 1) {
            stats.multiFrameCalls++;
        }
        if (n > stats.maxBatch) {
            stats.maxBatch = n;
        }
        long before = run.packetIndex - n;
        if ((run.packetIndex & ~(PUBLISH_EVERY - 1)) != (before & ~(PUBLISH_EVERY - 1))) {
            stats.publish();
        }
        return true;
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

    /** Statistics for frames [from, to) of the batch, all handed over at time now. */
    private void account(int from, int to, long now, long end) throws IOException {
        if (to <= from) {
            return;
        }
        Run s = run;
        stats.firstSendNs = now & s.firstMask | stats.firstSendNs & ~s.firstMask;
        s.firstMask = 0;
        stats.lastSendEndNs = end;
        stats.recordSendCall(end - now);
        long actual = epsilonAtReturn ? end : now;
        for (int k = from; k < to; k++) {
            if (!s.topspeed) {
                stats.recordEpsilon(actual - batchDeadline[k]);
            }
            stats.sent++;
            stats.bytes += batchLength[k];
        }
        if (epsilonLog != null) {
            for (int k = from; k < to; k++) {
                epsilonLog.append(batchIndex[k], batchDeadline[k], now, end);
            }
        }
    }

    /** A frame the sink cannot carry (no IP header for the UDP sink): on time, but not sent. */
    private void accountSkipped(int k, long now) throws IOException {
        Run s = run;
        stats.firstSendNs = now & s.firstMask | stats.firstSendNs & ~s.firstMask;
        s.firstMask = 0;
        long end = System.nanoTime();
        stats.lastSendEndNs = end;
        stats.recordSendCall(end - now);
        if (!s.topspeed) {
            stats.recordEpsilon((epsilonAtReturn ? end : now) - batchDeadline[k]);
        }
        stats.skipped++;
        if (epsilonLog != null) {
            epsilonLog.append(batchIndex[k], batchDeadline[k], now, end);
        }
    }
}
