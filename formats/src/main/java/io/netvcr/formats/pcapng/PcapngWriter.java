package io.netvcr.formats.pcapng;

import io.netvcr.formats.BufferedTraceWriter;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes pcapng (little-endian, one section) with nanosecond resolution. One interface per distinct
 * (interface id, link type) pair, created as packets arrive, so traces mixing link types export whole.
 */
public final class PcapngWriter extends BufferedTraceWriter {
    private final Map<Long, Integer> interfaces = new HashMap<>();

    public PcapngWriter(WritableByteChannel out) {
        super(out);
        buf.putInt(PcapngFormat.SHB)
                .putInt(28)
                .putInt(PcapngFormat.BOM)
                .putShort((short) 1)
                .putShort((short) 0)
                .putLong(-1L)
                .putInt(28);
    }

    private int interfaceFor(Packet p) throws IOException {
        long key = ((long) p.interfaceId << 32) | (p.linkType & 0xffffffffL);
        Integer id = interfaces.get(key);
        if (id != null) {
            return id;
        }
        id = interfaces.size();
        interfaces.put(key, id);
        // IDB: linktype, reserved, snaplen 0 (no limit), if_tsresol = 9, end of options
        room(32).putInt(1)
                .putInt(32)
                .putShort((short) p.linkType)
                .putShort((short) 0)
                .putInt(0)
                .putShort((short) 9)
                .putShort((short) 1)
                .put((byte) 9)
                .put((byte) 0)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) 0)
                .putInt(32);
        return id;
    }

    @Override
    public void write(Packet p) throws IOException {
        int ifc = interfaceFor(p);
        int n = p.capturedLength();
        int padded = (n + 3) & ~3;
        boolean dir = (p.flags & PacketFlags.DIRECTION_KNOWN) != 0;
        int optLen = dir ? 12 : 0;
        int len = 32 + padded + optLen;
        ByteBuffer b = room(len);
        long ts = p.timestampNs;
        b.putInt(6)
                .putInt(len)
                .putInt(ifc)
                .putInt((int) (ts >>> 32))
                .putInt((int) ts)
                .putInt(n)
                .putInt(Math.max(p.wireLength, n))
                .put(p.data(), 0, n);
        for (int i = n; i < padded; i++) {
            b.put((byte) 0);
        }
        if (dir) {
            b.putShort((short) 2)
                    .putShort((short) 4)
                    .putInt(p.direction == 0 ? 1 : 2)
                    .putInt(0);
        }
        b.putInt(len);
        recordDone(b);
    }
}
