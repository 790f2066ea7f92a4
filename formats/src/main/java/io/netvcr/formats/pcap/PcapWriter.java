package io.netvcr.formats.pcap;

import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Writes classic pcap with the nanosecond magic (little-endian), so timestamps survive exactly. The file
 * header is written with the first packet, whose link type the whole file must share.
 */
public final class PcapWriter implements TraceWriter {
    public static final int SNAPLEN = 262144;
    private final WritableByteChannel out;
    private final String name;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private int linkType = -1;
    private long count;

    public PcapWriter(WritableByteChannel out, String name) {
        this.out = out;
        this.name = name;
    }

    /** Fixes the link type up front (for traces with no packets, the header still gets written). */
    public void linkType(int linkType) {
        this.linkType = linkType;
    }

    private void writeHeader() throws IOException {
        buf.putInt(PcapFormat.MAGIC_NS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
            .putInt(SNAPLEN).putInt(linkType);
    }

    @Override
    public void write(Packet p) throws IOException {
        if (count == 0) {
            if (linkType < 0) {
                linkType = p.linkType;
            }
            writeHeader();
        }
        if (p.linkType != linkType) {
            throw new TraceFormatException(name, count, -1, "packet has link type " + p.linkType
                + " but a pcap file holds one (" + linkType + "); write .pcapng instead");
        }
        long sec = Math.floorDiv(p.timestampNs, 1_000_000_000L);
        if (sec < 0 || sec > 0xffffffffL) {
            throw new TraceFormatException(name, count, -1, "timestamp " + p.timestampNs
                + " ns does not fit pcap's 32-bit seconds; write .pcapng instead");
        }
        int n = p.capturedLength();
        if (buf.remaining() < 16 + n) {
            flush();
        }
        if (buf.remaining() < 16 + n) {
            ByteBuffer big = ByteBuffer.allocate(16 + n).order(ByteOrder.LITTLE_ENDIAN);
            putRecord(big, p, sec, n);
            big.flip();
            while (big.hasRemaining()) {
                out.write(big);
            }
        } else {
            putRecord(buf, p, sec, n);
        }
        count++;
    }

    private static void putRecord(ByteBuffer b, Packet p, long sec, int n) {
        b.putInt((int) sec).putInt((int) Math.floorMod(p.timestampNs, 1_000_000_000L)).putInt(n)
            .putInt(Math.max(p.wireLength, n)).put(p.data(), 0, n);
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    @Override
    public void finish() throws IOException {
        if (count == 0) {
            if (linkType < 0) {
                linkType = 1;
            }
            writeHeader();
        }
        flush();
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
