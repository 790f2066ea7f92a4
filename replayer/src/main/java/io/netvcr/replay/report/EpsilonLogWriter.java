package io.netvcr.replay.report;

import io.netvcr.cli.Output;
import io.netvcr.formats.epsilon.EpsilonLogFormat;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.locks.LockSupport;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;

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
 * The sending thread only claims a slot in a preallocated single-producer/single-consumer ring (Agrona's
 * {@link OneToOneRingBuffer}, see {@link Rings}), stores four longs and commits them; a writer thread drains the ring into a 1 MiB direct buffer and writes
 * it out. The sender never blocks, never makes a system call and allocates nothing here: when the ring is full
 * (the disk is slower than the replay) the record is dropped and counted ({@link #dropped()}), the replay goes on.
 * The file appears on {@link #close()} (temporary name + rename) with the records written.
 */
public final class EpsilonLogWriter implements Closeable {
    public static final int HEADER_LENGTH = EpsilonLogFormat.HEADER_LENGTH;
    public static final int RECORD_LENGTH = EpsilonLogFormat.RECORD_LENGTH_V2;
    /** Records the ring holds at least (4 MiB: ~104,000 records; at 1.5 M packets/s about 70 ms of slack for the writer). */
    static final int DEFAULT_RING_RECORDS = 1 << 16;
    private static final int PAYLOAD = 32;
    /** Ring bytes one record takes: Agrona's 8-byte record header and the four longs. */
    private static final int SLOT = RecordDescriptor.HEADER_LENGTH + PAYLOAD;
    /** The writer polls (no wake-up call from the sender: that would be a system call): 0.5 ms doubling to 4 ms. */
    private static final long IDLE_MIN_NS = 500_000;
    private static final long IDLE_MAX_NS = 4_000_000;

    private final Output output;
    private final WritableByteChannel channel;
    private final boolean epsilonAtReturn;
    /** Records per write() of the writer thread (1 MiB). */
    public static final int RECORDS_PER_WRITE = 26_214;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(RECORD_LENGTH * RECORDS_PER_WRITE).order(ByteOrder.LITTLE_ENDIAN);
    private final OneToOneRingBuffer ring;
    private final AtomicBuffer slots;
    /** The writer's side of a read: preallocated, so draining allocates nothing either. */
    private final MessageHandler toBuffer = this::toBuffer;
    private final DrainThread writer;
    private volatile long writerDelayNs;
    // Sender-owned (the ring's own positions are padded away from these and from each other).
    private long dropped;
    // Writer-owned.
    private long written;

    public EpsilonLogWriter(String path) throws IOException {
        this(path, false);
    }

    public EpsilonLogWriter(String path, boolean epsilonAtReturn) throws IOException {
        this(path, epsilonAtReturn, DEFAULT_RING_RECORDS);
    }

    EpsilonLogWriter(String path, boolean epsilonAtReturn, int ringRecords) throws IOException {
        if (Integer.bitCount(ringRecords) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringRecords);
        }
        this.output = path == null ? null : Output.open(path);
        this.channel = output == null ? null : output.channel();
        this.epsilonAtReturn = epsilonAtReturn;
        this.ring = Rings.oneToOne(Integer.highestOneBit(ringRecords * SLOT - 1) << 1);
        this.slots = ring.buffer();
        EpsilonLogFormat.putHeader(buf, 2, EpsilonLogFormat.COUNT_UNKNOWN);
        writer = new DrainThread("netvcr-epsilon-log", () -> {
            long delay = writerDelayNs;
            if (delay > 0) {
                LockSupport.parkNanos(delay);
            }
            return drain();
        }, IDLE_MIN_NS, IDLE_MAX_NS);
    }

    /**
     * A log that drains its ring and writes nothing: the JIT warm-up runs the send loop with it, so the loop's
     * logging branch is compiled before the real run instead of trapping (and deoptimising) at its first packet.
     */
    public static EpsilonLogWriter discarding(boolean epsilonAtReturn) {
        try {
            return new EpsilonLogWriter(null, epsilonAtReturn, DEFAULT_RING_RECORDS);
        } catch (IOException e) {
            throw new IllegalStateException(e); // no file: cannot happen
        }
    }

    /** Tests: the writer sleeps this long between drains, to make the ring fill up. */
    void slowWriterForTest(long ns) {
        writerDelayNs = ns;
    }

    /** Sending thread: queue one record, or drop it (counted) if the ring is full. Never blocks. */
    public void append(long index, long deadlineNs, long callNs, long returnNs) {
        int at = ring.tryClaim(Rings.MESSAGE, PAYLOAD);
        if (at < 0) {
            dropped++;
            return;
        }
        AtomicBuffer b = slots;
        b.putLong(at, index);
        b.putLong(at + 8, deadlineNs);
        b.putLong(at + 16, callNs);
        b.putLong(at + 24, returnNs);
        ring.commit(at);
    }

    /** Records published but not yet taken by the writer thread. */
    long pending() {
        return ring.size() / SLOT;
    }

    /** Records dropped because the ring was full (read by the sending thread, or after close). */
    public long dropped() {
        return dropped;
    }

    /** Records in the file (valid after close). */
    public long written() {
        return written;
    }

    /** Moves what the ring holds into the buffer, writing the buffer out whenever it fills; true if there was any. */
    private boolean drain() throws IOException {
        boolean any = false;
        while (true) {
            if (buf.remaining() < RECORD_LENGTH) {
                flush();
            }
            // No more than the buffer holds: the ring frees the records read only when read() returns. Progress is
            // the consumer position: a read that only steps over the padding at the buffer's end counts 0 messages.
            long head = ring.consumerPosition();
            ring.read(toBuffer, buf.remaining() / RECORD_LENGTH);
            if (ring.consumerPosition() == head) {
                return any;
            }
            any = true;
        }
    }

    private void toBuffer(int type, MutableDirectBuffer b, int at, int length) {
        long deadline = b.getLong(at + 8);
        long call = b.getLong(at + 16);
        long ret = b.getLong(at + 24);
        EpsilonLogFormat.putRecordV2(buf, b.getLong(at), deadline, call, ret, (epsilonAtReturn ? ret : call) - deadline);
        written++;
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

    /** Ends the log without publishing it: the writer thread stops and the partial file is removed (the replay failed). */
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
                throw new IOException("writing the epsilon log failed: " + failed.getMessage(), failed);
            }
            flush();
            if (output == null) {
                return;
            }
            if (channel instanceof FileChannel) {
                ByteBuffer c = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, written);
                ((FileChannel) channel).write(c, EpsilonLogFormat.COUNT_OFFSET);
            }
            output.commit();
        } finally {
            if (output != null) {
                output.close();
            }
        }
    }
}
