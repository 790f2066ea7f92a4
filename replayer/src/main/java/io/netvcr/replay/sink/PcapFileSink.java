package io.netvcr.replay.sink;

import io.netvcr.cli.Output;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.pcap.PcapWriter;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import io.netvcr.replay.ReplayException;
import java.time.Instant;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Writes what would have been sent, each frame stamped with its actual send time (wall clock, nanosecond
 * pcap), through the formats {@link PcapWriter}. The frame is copied into one preallocated {@link Packet};
 * the writer buffers 1 MiB before each write, so the loop allocates nothing per packet. The file appears
 * only when the replay completes or is stopped by a signal (temporary name + rename); a failed replay's file is
 * removed ({@link #discard}).
 */
public final class PcapFileSink implements PacketSink {
    private final String path;
    private final Packet packet = new Packet();
    private Output output;
    private PcapWriter writer;
    private long realtimeOffsetNs;
    private boolean finished;

    public PcapFileSink(String path) {
        this.path = path;
        packet.prepare(FrameBuilder.MAX_FRAME);
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        output = Output.open(path);
        writer = new PcapWriter(output.channel(), output.name());
        Instant now = Instant.now();
        long mono = System.nanoTime();
        realtimeOffsetNs = now.getEpochSecond() * 1_000_000_000L + now.getNano() - mono;
        mechanisms.inForce("pcap file sink " + path + " (frames stamped with actual send times)");
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        byte[] data = packet.prepare(length);
        frame.read(0, data, 0, length);
        packet.timestampNs = timeNs + realtimeOffsetNs;
        packet.wireLength = length;
        packet.linkType = record.linkType();
        try {
            writer.write(packet);
        } catch (IOException e) {
            throw new ReplayException(ReplayException.Kind.IO, "cannot write the pcap sink " + path + ": " + e.getMessage(), e);
        }
        return length;
    }

    @Override
    public String describe() {
        return "pcap:" + path;
    }

    /** The replay failed: the partial pcap file is removed, never published. */
    @Override
    public void discard() throws IOException {
        if (output != null) {
            try {
                output.close();
            } finally {
                output = null;
            }
        }
    }

    @Override
    public void finish() throws IOException {
        if (output != null && !finished) {
            writer.finish();
            finished = true;
        }
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
        }
    }
}
