package io.netvcr.replay.report;

import io.netvcr.formats.epsilon.EpsilonLogFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The per-packet trace read log (--read-log): how long the sending thread took to obtain each record, mapped
 * windows or read() alike; version 3 of formats' {@link EpsilonLogFormat} (formats/FORMAT.md, "Read log"; all
 * little-endian):
 * <pre>
 * header (16 bytes):  0  "NVCRRDL1"   8  int64 record count (-1 while writing; filled in on close when seekable)
 * record (24 bytes):  0  int64 index   record number in the replayed .nvcr (it repeats across --loop passes)
 *                     8  int64 startNs clock read just before obtaining the record (CLOCK_MONOTONIC, ns)
 *                    16  int64 readNs  time to obtain it (ns): a buffer hit, a read() call, a window switch or a page fault
 * </pre>
 * Same path as the ε log ({@link RingLogWriter}): the sender never blocks, never makes a system call, never
 * allocates here.
 */
public final class ReadLogWriter extends RingLogWriter {
    public static final byte[] MAGIC = EpsilonLogFormat.MAGIC_READ_LOG;
    public static final int HEADER_LENGTH = EpsilonLogFormat.HEADER_LENGTH;
    public static final int RECORD_LENGTH = EpsilonLogFormat.RECORD_LENGTH_READ_LOG;
    private static final int PAYLOAD = 24;

    public ReadLogWriter(String path) throws IOException {
        this(path, DEFAULT_RING_RECORDS);
    }

    ReadLogWriter(String path, int ringRecords) throws IOException {
        super("read log", "netvcr-read-log", path, EpsilonLogFormat.READ_LOG, PAYLOAD, ringRecords);
    }

    /** A log that writes nothing: the JIT warm-up runs the loop's logging branch with it. */
    public static ReadLogWriter discarding() {
        try {
            return new ReadLogWriter(null, DEFAULT_RING_RECORDS);
        } catch (IOException e) {
            throw new IllegalStateException(e); // no file: cannot happen
        }
    }

    /** Sending thread: queue one record, or drop it (counted) if the ring is full. Never blocks. */
    public void append(long index, long startNs, long readNs) {
        put(index, startNs, readNs, 0);
    }

    @Override
    protected void toRecord(MutableDirectBuffer b, int at, ByteBuffer out) {
        out.putLong(b.getLong(at)).putLong(b.getLong(at + 8)).putLong(b.getLong(at + 16));
    }
}
