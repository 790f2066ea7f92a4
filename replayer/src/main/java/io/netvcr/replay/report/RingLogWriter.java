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
 * A per-packet log of the ε-log family (formats' {@link EpsilonLogFormat}: the ε log and the read log) written
 * off the sending thread. The sender claims a slot in a preallocated single-producer/single-consumer ring
 * (Agrona's {@link OneToOneRingBuffer}, see {@link Rings}), stores its longs and commits; a {@link DrainThread}
 * turns the slots into file records in a 256 KiB direct buffer and writes it out. The sender never blocks, never
 * makes a system call and allocates nothing here: when the ring is full (the disk is slower than the replay) the
 * record is dropped and counted ({@link #dropped()}), the replay goes on. The file appears on {@link #close()}
 * (temporary name + rename) with the records written and their count patched into the header.
 */
abstract class RingLogWriter implements Closeable {
    /** Records the ring holds at least (64 Ki; at 1.5 M packets/s tens of ms of slack for the writer). */
    static final int DEFAULT_RING_RECORDS = 1 << 16;
    /** The writer polls (no wake-up call from the sender: that would be a system call): 0.5 ms doubling to 4 ms. */
    private static final long IDLE_MIN_NS = 500_000;

    private static final long IDLE_MAX_NS = 4_000_000;
    /**
     * Bytes per write() of the writer thread: 256 KiB, not 1 MiB. The kernel here does not preempt (PREEMPT_DYNAMIC
     * booted as none), so a write() holds whichever CPU runs it for its whole length, 0.3-0.7 ms for 1 MiB; an
     * unpinned sender (the default: no --cpu) whose CPU the writer happens to run on waits that long. A quarter of
     * it bounds that wait, for 3 write() calls more per MiB (~1.5 us each, on the writer). Benchmarks:
     * {@code -Dnetvcr.replay.logWriteBytes=N} (bench/tail-epsilon compares sizes; JSON epsilonLog.recordsPerWrite).
     */
    static final int WRITE_BYTES = Integer.getInteger("netvcr.replay.logWriteBytes", 1 << 18);

    private final String what;
    private final int recordLength;
    private final Output output;
    private final WritableByteChannel channel;
    private final ByteBuffer buf;
    private final OneToOneRingBuffer ring;
    private final AtomicBuffer slots;
    private final int payloadBytes;

    private final int slotBytes;
    /** The writer's side of a read: preallocated, so draining allocates nothing either. */
    private final MessageHandler toBuffer = this::drained;

    private final DrainThread writer;
    private volatile long writerDelayNs;
    // Sender-owned (the ring's own positions are padded away from these and from each other).
    private long dropped;
    // Writer-owned, counted per read of the ring, not per record: this object's fields are what the sender reads
    // for every record (ring, slots), so a store per record here would pull the line away from it every time.
    private long written;

    /**
     * @param path         the file, or null for a log that drains and writes nothing (the JIT warm-up's)
     * @param version      the EpsilonLogFormat version written (its magic and record length)
     * @param payloadBytes what the sender stores per record in the ring: 24 or 32 (three or four longs)
     */
    RingLogWriter(String what, String threadName, String path, int version, int payloadBytes, int ringRecords)
            throws IOException {
        if (Integer.bitCount(ringRecords) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two: " + ringRecords);
        }
        this.what = what;
        this.recordLength = EpsilonLogFormat.recordLength(version);
        this.payloadBytes = payloadBytes;
        this.slotBytes = RecordDescriptor.HEADER_LENGTH + payloadBytes;
        this.buf = ByteBuffer.allocateDirect(WRITE_BYTES / recordLength * recordLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        this.output = path == null ? null : Output.open(path);
        this.channel = output == null ? null : output.channel();
        this.ring = Rings.oneToOne(Integer.highestOneBit(ringRecords * slotBytes - 1) << 1);
        this.slots = ring.buffer();
        EpsilonLogFormat.putHeader(buf, version, EpsilonLogFormat.COUNT_UNKNOWN);
        writer = new DrainThread(
                threadName,
                () -> {
                    long delay = writerDelayNs;
                    if (delay > 0) {
                        LockSupport.parkNanos(delay);
                    }
                    return drain();
                },
                IDLE_MIN_NS,
                IDLE_MAX_NS);
    }

    /**
     * Sending thread: queues one record, the first payloadBytes / 8 of these longs (the rest are ignored), or
     * drops it (counted) if the ring is full. Never blocks, never allocates.
     */
    protected final void put(long v0, long v1, long v2, long v3) {
        int at = ring.tryClaim(Rings.MESSAGE, payloadBytes);
        if (at < 0) {
            dropped++;
            return;
        }
        AtomicBuffer b = slots;
        b.putLong(at, v0);
        b.putLong(at + 8, v1);
        b.putLong(at + 16, v2);
        if (payloadBytes > 24) {
            b.putLong(at + 24, v3);
        }
        ring.commit(at);
    }

    /** Writer thread: one slot's payload at b[at..] becomes one file record in out. */
    protected abstract void toRecord(MutableDirectBuffer b, int at, ByteBuffer out);

    /** Tests: the writer sleeps this long between drains, to make the ring fill up. */
    void slowWriterForTest(long ns) {
        writerDelayNs = ns;
    }

    /** Records published but not yet taken by the writer thread. */
    long pending() {
        return ring.size() / slotBytes;
    }

    /** Records dropped because the ring was full (read by the sending thread, or after close). */
    public final long dropped() {
        return dropped;
    }

    /** Records in the file (valid after close). */
    public final long written() {
        return written;
    }

    /** Moves what the ring holds into the buffer, writing the buffer out whenever it fills; true if there was any. */
    private boolean drain() throws IOException {
        boolean any = false;
        while (true) {
            if (buf.remaining() < recordLength) {
                flush();
            }
            // No more than the buffer holds: the ring frees the records read only when read() returns. Progress is
            // the consumer position: a read that only steps over the padding at the buffer's end counts 0 messages.
            long head = ring.consumerPosition();
            written += ring.read(toBuffer, buf.remaining() / recordLength);
            if (ring.consumerPosition() == head) {
                return any;
            }
            any = true;
        }
    }

    private void drained(int type, MutableDirectBuffer b, int at, int length) {
        toRecord(b, at, buf);
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
    public final void discard() throws IOException {
        if (writer.stopping()) {
            return;
        }
        writer.stop();
        if (output != null) {
            output.close();
        }
    }

    @Override
    public final void close() throws IOException {
        if (writer.stopping()) {
            return;
        }
        try {
            writer.stop();
            Throwable failed = writer.failure();
            if (failed != null) {
                throw new IOException("writing the " + what + " failed: " + failed.getMessage(), failed);
            }
            flush();
            if (output == null) {
                return;
            }
            if (channel instanceof FileChannel) {
                ByteBuffer c =
                        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, written);
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
