package io.netvcr.formats.nvcr;

import io.netvcr.formats.ForwardingTraceReader;
import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceReader;
import java.io.IOException;

/**
 * Reads a prepared NetVCR trace as the frames the replayer will put on the wire: each record goes through
 * {@link FrameBuilder} (stored bytes, zero padding to the send length, the precomputed transport checksum),
 * stamped with the first packet's capture time plus the record's send offset. Behind
 * {@code netvcr-convert --as-replayed}, so a prep run can be checked in Wireshark.
 */
public final class AsReplayedReader extends ForwardingTraceReader {
    private final NvcrStreamReader in;
    private final String name;
    private final FrameBuilder builder = new FrameBuilder();
    private final Packet raw = new Packet();
    private long base;
    private boolean started;

    public AsReplayedReader(NvcrStreamReader in, String name) throws TraceFormatException {
        super(in);
        this.in = in;
        this.name = name;
        if (!in.header().isPrepared()) {
            throw new TraceFormatException(
                    name, -1, NvcrLayout.H_FILE_FLAGS, "not a prepared NetVCR file: run netvcr-prep on it first");
        }
    }

    /** Wraps a reader that TraceInput opened; only NetVCR files can be exported as replayed. */
    public static AsReplayedReader over(TraceReader reader, String name) throws TraceFormatException {
        if (!(reader instanceof NvcrStreamReader)) {
            throw new TraceFormatException(
                    name, -1, 0, "--as-replayed needs a prepared NetVCR file, not " + reader.formatName());
        }
        return new AsReplayedReader((NvcrStreamReader) reader, name);
    }

    public NvcrHeader header() {
        return in.header();
    }

    @Override
    public boolean next(Packet p) throws IOException {
        if (!in.next(raw)) {
            return false;
        }
        NvcrRecord r = in.record();
        if (!started) {
            // The replay's time zero is the first packet's capture time minus its own offset, so a shard
            // whose first record starts later keeps the shared time line.
            base = r.timestampNs() - r.sendOffsetNs();
            started = true;
        }
        int len = builder.build(r);
        builder.copyTo(p.prepare(len), len);
        p.timestampNs = base + r.sendOffsetNs();
        p.wireLength = len;
        p.linkType = r.linkType();
        p.interfaceId = r.interfaceId();
        p.direction = r.direction();
        p.flags = r.flags() & ~io.netvcr.formats.PacketFlags.TRUNCATED;
        return true;
    }
}
