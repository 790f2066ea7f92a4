package io.netvcr.replay.sink;

import io.netvcr.cli.Output;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.pcap.PcapWriter;
import io.netvcr.replay.ReplayException;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.report.DrainThread;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.OS;

/**
 * Writes what would have been sent, each frame stamped with its actual send time (wall clock, nanosecond
 * pcap), through the formats {@link PcapWriter} - from a writer thread, so the sending thread never makes the
 * write() system call. send() copies the frame into a preallocated 16 MiB single-producer/single-consumer byte
 * ring (records {@code int length, int linkType, long timestampNs, bytes}, 8-byte aligned; a record that does
 * not fit before the end leaves a skip mark and starts at 0) and publishes it with an ordered write; the
 * {@code netvcr-pcap} thread drains the ring into the writer (which buffers 1 MiB per write). A full ring
 * answers EAGAIN, so the loop backs off and retries (counted) rather than lose a frame. Nothing is allocated
 * per packet. The file appears only when the replay completes or is stopped by a signal (temporary name +
 * rename); a failed replay's file is removed ({@link #discard}).
 */
public final class PcapFileSink implements PacketSink {
    public static final SinkKind KIND = new SinkKind("pcap", "FILE", "writes the frames, stamped with actual send times", true,
        PcapFileSink::new);

    private static final int RING_BYTES = 16 << 20;
    private static final int HEADER = 16;
    private static final int SKIP = -1;
    private final String path;
    private final Packet packet = new Packet();
    /** Allocated by open(), released by close(). */
    private BytesStore<?, Void> ring;
    private long base;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private Output output;
    private PcapWriter writer;
    private DrainThread drainer;
    private boolean finished;
    private long realtimeOffsetNs;
    // Sender-owned.
    private long produced;
    private long headSeen;

    public PcapFileSink(String path) {
        this.path = path;
        packet.prepare(FrameBuilder.MAX_FRAME);
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        output = Output.open(path);
        writer = new PcapWriter(output.channel(), output.name());
        ring = BytesStore.nativeStoreWithFixedCapacity(RING_BYTES);
        base = ring.addressForWrite(0);
        Instant now = Instant.now();
        long mono = System.nanoTime();
        realtimeOffsetNs = now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
        drainer = new DrainThread("netvcr-pcap", this::drain, 200_000, 2_000_000);
        mechanisms.inForce("pcap file sink " + path + " (frames stamped with actual send times; written by a writer thread)");
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        Throwable failed = drainer.failure();
        if (failed != null) {
            // The writer thread failed (a full disk): the replay stops, naming why. Only on this path is anything built.
            throw new ReplayException(ReplayException.Kind.IO, "cannot write the pcap sink " + path + ": " + failed.getMessage(), failed);
        }
        long size = (HEADER + length + 7) & ~7L;
        long t = produced;
        int pos = (int) (t & (RING_BYTES - 1));
        long skip = pos + size > RING_BYTES ? RING_BYTES - pos : 0;
        if (t + skip + size - headSeen > RING_BYTES) {
            headSeen = head.getAcquire();
            if (t + skip + size - headSeen > RING_BYTES) {
                return -LinuxNative.EAGAIN; // the writer thread is behind: the loop retries with backoff
            }
        }
        if (skip > 0) {
            ring.writeInt(pos, SKIP);
            t += skip;
            pos = 0;
        }
        ring.writeInt(pos, length);
        ring.writeInt(pos + 4, record.linkType());
        ring.writeLong(pos + 8, timeNs + realtimeOffsetNs);
        OS.memory().copyMemory(address, base + pos + HEADER, length);
        produced = t + size;
        tail.setRelease(produced);
        return length;
    }

    private boolean drain() throws IOException {
        long h = head.get();
        long t = tail.getAcquire();
        if (h == t) {
            return false;
        }
        while (h < t) {
            int pos = (int) (h & (RING_BYTES - 1));
            int length = ring.readInt(pos);
            if (length == SKIP) {
                h += RING_BYTES - pos;
                continue;
            }
            byte[] data = packet.prepare(length);
            ring.read(pos + HEADER, data, 0, length);
            packet.linkType = ring.readInt(pos + 4);
            packet.timestampNs = ring.readLong(pos + 8);
            packet.wireLength = length;
            writer.write(packet);
            h += (HEADER + length + 7) & ~7L;
            head.setRelease(h);
        }
        return true;
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
        if (ring != null) {
            ring.releaseLast();
            ring = null;
        }
    }
}
