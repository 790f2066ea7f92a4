package io.netvcr.replay.sink;

import io.netvcr.cli.Output;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.pcap.PcapWriter;
import io.netvcr.replay.ReplayException;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.report.DrainThread;
import io.netvcr.replay.report.Rings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.OS;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * Writes what would have been sent, each frame stamped with its actual send time (wall clock, nanosecond
 * pcap), through the formats {@link PcapWriter} - from a writer thread, so the sending thread never makes the
 * write() system call. send() claims room in a preallocated 16 MiB single-producer/single-consumer ring (Agrona's
 * {@link OneToOneRingBuffer}, see {@link Rings}; messages {@code int length, int linkType, long timestampNs,
 * bytes}), copies the frame in and commits it; the
 * {@code netvcr-pcap} thread drains the ring into the writer (which buffers 1 MiB per write). A full ring
 * answers EAGAIN, so the loop backs off and retries (counted) rather than lose a frame. Nothing is allocated
 * per packet. The file appears only when the replay completes or is stopped by a signal (temporary name +
 * rename); a failed replay's file is removed ({@link #discard}).
 */
public final class PcapFileSink implements PacketSink {
    public static final SinkKind KIND =
            new SinkKind("pcap", "FILE", "writes the frames, stamped with actual send times", true, PcapFileSink::new);

    private static final int RING_BYTES = 16 << 20;
    private static final int HEADER = 16;
    private final String path;
    private final Packet packet = new Packet();
    /** Allocated by open(). */
    private OneToOneRingBuffer ring;

    private AtomicBuffer slots;
    /** The drainer's side of a read: preallocated, so draining allocates nothing either. */
    private final MessageHandler toWriter = this::toWriter;

    private Output output;
    private PcapWriter writer;
    private DrainThread drainer;
    private boolean finished;
    private long realtimeOffsetNs;

    public PcapFileSink(String path) {
        this.path = path;
        packet.prepare(FrameBuilder.MAX_FRAME);
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        output = Output.open(path);
        writer = new PcapWriter(output.channel(), output.name());
        ring = Rings.oneToOne(RING_BYTES);
        slots = ring.buffer();
        Instant now = Instant.now();
        long mono = System.nanoTime();
        realtimeOffsetNs = now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
        drainer = new DrainThread("netvcr-pcap", this::drain, 200_000, 2_000_000);
        mechanisms.inForce(
                "pcap file sink " + path + " (frames stamped with actual send times; written by a writer thread)");
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        Throwable failed = drainer.failure();
        if (failed != null) {
            // The writer thread failed (a full disk): the replay stops, naming why. Only on this path is anything
            // built.
            throw new ReplayException(
                    ReplayException.Kind.IO, "cannot write the pcap sink " + path + ": " + failed.getMessage(), failed);
        }
        int at = ring.tryClaim(Rings.MESSAGE, HEADER + length);
        if (at < 0) {
            return -LinuxNative.EAGAIN; // the writer thread is behind: the loop retries with backoff
        }
        AtomicBuffer b = slots;
        b.putInt(at, length);
        b.putInt(at + 4, record.linkType());
        b.putLong(at + 8, timeNs + realtimeOffsetNs);
        OS.memory().copyMemory(address, b.addressOffset() + at + HEADER, length);
        ring.commit(at);
        return length;
    }

    private boolean drain() throws IOException {
        try {
            // Progress is the consumer position, not read()'s message count: a read that only steps over the
            // padding at the end of the buffer counts 0 messages, and taking that for "empty" lost the frames
            // after the wrap when the drainer was stopping.
            boolean any = false;
            while (true) {
                long head = ring.consumerPosition();
                ring.read(toWriter);
                if (ring.consumerPosition() == head) {
                    return any;
                }
                any = true;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void toWriter(int type, MutableDirectBuffer b, int at, int size) {
        int length = b.getInt(at);
        byte[] data = packet.prepare(length);
        b.getBytes(at + HEADER, data, 0, length);
        packet.linkType = b.getInt(at + 4);
        packet.timestampNs = b.getLong(at + 8);
        packet.wireLength = length;
        try {
            writer.write(packet);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // MessageHandler cannot throw it; drain() unwraps it
        }
    }

    @Override
    public String describe() {
        return "pcap:" + path;
    }

    /** Stops the writer thread once everything published has been written (or it failed). */
    private void stopDrainer() {
        if (drainer != null) {
            drainer.stop();
        }
    }

    /** The replay failed: the partial pcap file is removed, never published. */
    @Override
    public void discard() throws IOException {
        if (output == null) {
            return;
        }
        try {
            stopDrainer();
            output.close();
        } finally {
            output = null;
            releaseRing();
        }
    }

    /** Everything sent is in the file (or the failure to write it is thrown): before the outputs are committed. */
    @Override
    public void finish() throws IOException {
        if (output == null || finished) {
            return;
        }
        stopDrainer();
        Throwable failed = drainer == null ? null : drainer.failure();
        if (failed != null) {
            throw new IOException("writing " + path + " failed: " + failed.getMessage(), failed);
        }
        writer.finish();
        finished = true;
    }

    @Override
    public void close() throws IOException {
        if (output == null) {
            return;
        }
        try {
            finish();
            output.commit();
        } finally {
            output.close();
            output = null;
            releaseRing();
        }
    }

    private void releaseRing() {
        // A direct buffer: its memory goes with the last reference (the drainer has ended).
        ring = null;
        slots = null;
    }
}
