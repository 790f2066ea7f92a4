package io.netvcr.replay.report;

import io.netvcr.formats.epsilon.EpsilonLogFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the per-packet ε log, version 2 of formats' {@link EpsilonLogFormat} (specified in formats/FORMAT.md;
 * all little-endian):
 * <pre>
 * header (16 bytes):  0  "NVCREPS2"   8  int64 record count (-1 while writing; filled in on close when seekable)
 * record (40 bytes):  0  int64 index      record number in the replayed .nvcr (it repeats across --loop passes)
 *                     8  int64 deadlineNs when the packet was due (CLOCK_MONOTONIC, ns)
 *                    16  int64 callNs     clock read just before the send call (same clock)
 *                    24  int64 returnNs   clock read after the send call returned (a batch: after its one call)
 *                    32  int64 epsilonNs  callNs - deadlineNs, or returnNs - deadlineNs with --epsilon-at return
 * </pre>
 * The sending thread stores four longs per packet into the ring of {@link RingLogWriter}; ε is computed by the
 * writer thread.
 */
public final class EpsilonLogWriter extends RingLogWriter {
    public static final int HEADER_LENGTH = EpsilonLogFormat.HEADER_LENGTH;
    public static final int RECORD_LENGTH = EpsilonLogFormat.RECORD_LENGTH_V2;
    private static final int PAYLOAD = 32;
    /** Records per write() of the writer thread (the first write holds the header too, so one record fewer). */
    public static final int RECORDS_PER_WRITE = WRITE_BYTES / RECORD_LENGTH;

    private final boolean epsilonAtReturn;

    public EpsilonLogWriter(String path) throws IOException {
        this(path, EpsilonAt.CALL);
    }

    public EpsilonLogWriter(String path, EpsilonAt epsilonAt) throws IOException {
        this(path, epsilonAt, DEFAULT_RING_RECORDS);
    }

    EpsilonLogWriter(String path, EpsilonAt epsilonAt, int ringRecords) throws IOException {
        super("epsilon log", "netvcr-epsilon-log", path, 2, PAYLOAD, ringRecords);
        this.epsilonAtReturn = epsilonAt == EpsilonAt.RETURN;
    }

    /**
     * A log that drains its ring and writes nothing: the JIT warm-up runs the send loop with it, so the loop's
     * logging branch is compiled before the real run instead of trapping (and deoptimising) at its first packet.
     */
    public static EpsilonLogWriter discarding(EpsilonAt epsilonAt) {
        try {
            return new EpsilonLogWriter(null, epsilonAt, DEFAULT_RING_RECORDS);
        } catch (IOException e) {
            throw new IllegalStateException(e); // no file: cannot happen
        }
    }

    /** Sending thread: queue one record, or drop it (counted) if the ring is full. Never blocks. */
    public void append(long index, long deadlineNs, long callNs, long returnNs) {
        put(index, deadlineNs, callNs, returnNs);
    }

    @Override
    protected void toRecord(MutableDirectBuffer b, int at, ByteBuffer out) {
        long deadline = b.getLong(at + 8);
        long call = b.getLong(at + 16);
        long ret = b.getLong(at + 24);
        EpsilonLogFormat.putRecordV2(
                out, b.getLong(at), deadline, call, ret, (epsilonAtReturn ? ret : call) - deadline);
    }
}
