package io.netvcr.analyze.spark;

import io.netvcr.formats.Packet;

/** A packet on its way through Spark's sort of a merged trace (Packet itself is a reused buffer). */
record PacketRow(
        long timestampNs, int wireLength, int linkType, int interfaceKey, int direction, int flags, byte[] data)
        implements java.io.Serializable {

    /** interfaceKey: the (input, interface) pair, numbered later in the order pairs first appear. */
    static PacketRow of(Packet p, int input) {
        return new PacketRow(
                p.timestampNs,
                p.wireLength,
                p.linkType,
                input << 16 | (p.interfaceId & 0xffff),
                p.direction,
                p.flags,
                java.util.Arrays.copyOf(p.data(), p.capturedLength()));
    }

    void fill(Packet p) {
        System.arraycopy(data, 0, p.prepare(data.length), 0, data.length);
        p.timestampNs = timestampNs;
        p.wireLength = wireLength;
        p.linkType = linkType;
        p.interfaceId = interfaceKey;
        p.direction = direction;
        p.flags = flags;
    }
}
