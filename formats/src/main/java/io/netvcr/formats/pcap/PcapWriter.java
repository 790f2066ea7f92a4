package io.netvcr.formats.pcap;

import io.netvcr.formats.BufferedTraceWriter;
import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Writes classic pcap with the nanosecond magic (little-endian), so timestamps survive exactly. The file
 * header is written with the first packet, whose link type the whole file must share.
 */
public final class PcapWriter extends BufferedTraceWriter {
    public static final int SNAPLEN = 262144;
    private final String name;
    private int linkType = -1;

    public PcapWriter(WritableByteChannel out, String name) {
        super(out);
        this.name = name;
    }

    /** Fixes the link type up front (for traces with no packets, the header still gets written). */
    public void linkType(int linkType) {
        this.linkType = linkType;
    }

    private void writeHeader() {
        buf.putInt(PcapFormat.MAGIC_NS)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(SNAPLEN)
                .putInt(linkType);
    }

    @Override
    public void write(Packet p) throws IOException {
        long count = count();
        if (count == 0) {
            if (linkType < 0) {
                linkType = p.linkType;
            }
            writeHeader();
        }
        if (p.linkType != linkType) {
            throw new TraceFormatException(
                    name,
                    count,
                    -1,
                    "packet has link type " + p.linkType + " but a pcap file holds one (" + linkType
                            + "); write .pcapng instead");
        }
        long sec = Math.floorDiv(p.timestampNs, 1_000_000_000L);
        if (sec < 0 || sec > 0xffffffffL) {
            throw new TraceFormatException(
                    name,
                    count,
                    -1,
                    "timestamp " + p.timestampNs + " ns does not fit pcap's 32-bit seconds; write .pcapng instead");
        }
        int n = p.capturedLength();
        ByteBuffer b = room(16 + n);
        b.putInt((int) sec)
                .putInt((int) Math.floorMod(p.timestampNs, 1_000_000_000L))
                .putInt(n)
                .putInt(Math.max(p.wireLength, n))
                .put(p.data(), 0, n);
        recordDone(b);
    }

    @Override
    public void finish() throws IOException {
        if (count() == 0) {
            if (linkType < 0) {
                linkType = 1;
            }
            writeHeader();
        }
        super.finish();
    }
}
