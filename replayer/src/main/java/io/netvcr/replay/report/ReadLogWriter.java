package io.netvcr.replay.report;

import io.netvcr.cli.Output;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-packet trace read log (--read-log): how long the sending thread took to obtain each record, mapped
 * windows or read() alike (formats/FORMAT.md, "Read log"; all little-endian):
 * <pre>
 * header (16 bytes):  0  "NVCRRDL1"   8  int64 record count (-1 while writing; filled in on close when seekable)
 * record (24 bytes):  0  int64 index   record number in the replayed .nvcr (it repeats across --loop passes)
 *                     8  int64 startNs clock read just before obtaining the record (CLOCK_MONOTONIC, ns)
 *                    16  int64 readNs  time to obtain it (ns): a buffer hit, a read() call, a window switch or a page fault
 * </pre>
 * Same path as the ε log: the sending thread stores three longs into a preallocated single-producer ring and
 * publishes them with an ordered write; a {@link DrainThread} writes them out. A full ring drops the record and
 * counts it; the sender never blocks, never makes a system call, never allocates here.
 */
public final class ReadLogWriter implements Closeable {
    public static final byte[] MAGIC = io.netvcr.formats.epsilon.EpsilonLogFormat.MAGIC_READ_LOG;
    public static final int HEADER_LENGTH = 16;
    public static final int RECORD_LENGTH = io.netvcr.formats.epsilon.EpsilonLogFormat.RECORD_LENGTH_READ_LOG;
    static final int DEFAULT_RING_RECORDS = 1 << 16;
    private static final int LONGS = 3;
    private static final int RECORDS_PER_WRITE = 43_690; // 1 MiB
    private static final long IDLE_MIN_NS = 500_000;
    private static final long IDLE_MAX_NS = 4_000_000;

    private final Output output;
    private final WritableByteChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(RECORD_LENGTH * RECORDS_PER_WRITE).order(ByteOrder.LITTLE_ENDIAN);
    private final long[] ring;
    private final int capacity;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private final DrainThread writer;
    // Sender-owned.
    private long produced;
    private long headSeen;
    private long dropped;
    // Writer-owned.
    private long written;

    public ReadLogWriter(String path) throws IOException {
        this(path, DEFAULT_RING_RECORDS);
    }

    ReadLogWriter(String path, int ringRecords) throws IOException {
        if (Integer.bitCount(ringRecords) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringRecords);
        }
        this.output = path == null ? null : Output.open(path);
        this.channel = output == null ? null : output.channel();
        this.capacity = ringRecords;
        this.mask = ringRecords - 1;
        this.ring = new long[ringRecords * LONGS];
        buf.put(MAGIC).putLong(-1L);
        writer = new DrainThread("netvcr-read-log", this::drain, IDLE_MIN_NS, IDLE_MAX_NS);
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
        long t = produced;
        if (t - headSeen >= capacity) {
            headSeen = head.getAcquire();
            if (t - headSeen >= capacity) {
                dropped++;
                return;
            }
        }
        int o = (int) (t & mask) * LONGS;
        ring[o] = index;
        ring[o + 1] = startNs;
        ring[o + 2] = readNs;
        produced = t + 1;
        tail.setRelease(t + 1);
    }

    public long dropped() {
        return dropped;
    }

    /** Records in the file (valid after close). */
    public long written() {
        return written;
    }

    private boolean drain() throws IOException {
        long h = head.get();
        long t = tail.getAcquire();
        if (h == t) {
            return false;
        }
        while (h < t) {
            if (buf.remaining() < RECORD_LENGTH) {
                head.setRelease(h);
                flush();
            }
            int o = (int) (h & mask) * LONGS;
            buf.putLong(ring[o]).putLong(ring[o + 1]).putLong(ring[o + 2]);
            written++;
            h++;
        }
        head.setRelease(h);
        return true;
    }

    private void flush() throws IOException {
        if (channel == null) {
            buf.clear();
            return;
        }
        buf.flip();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        buf.clear();
    }

    /** Ends the log without publishing it (the replay failed): the partial file is removed. */
    public void discard() throws IOException {
        if (writer.stopping()) {
            return;
        }
        writer.stop();
        if (output != null) {
            output.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (writer.stopping()) {
            return;
        }
        try {
            writer.stop();
            Throwable failed = writer.failure();
            if (failed != null) {
                throw new IOException("writing the read log failed: " + failed.getMessage(), failed);
            }
            flush();
            if (output == null) {
                return;
            }
            if (channel instanceof FileChannel) {
                ByteBuffer c = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, written);
                ((FileChannel) channel).write(c, MAGIC.length);
            }
            output.commit();
        } finally {
            if (output != null) {
                output.close();
            }
        }
    }
}
