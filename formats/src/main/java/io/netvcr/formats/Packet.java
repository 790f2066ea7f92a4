package io.netvcr.formats;

import java.util.Arrays;

/**
 * One packet as a reader delivers it. Mutable and reused: a reader fills the same instance for every
 * record, so reading a trace allocates nothing per packet.
 */
public final class Packet {
    /** Captured lengths beyond this are refused as damage rather than allocated. */
    public static final int MAX_CAPTURE_LENGTH = 16 * 1024 * 1024;

    private byte[] data = new byte[2048];
    private int capturedLength;
    /** Capture time, nanoseconds since the Unix epoch. */
    public long timestampNs;
    /** Length of the frame on the wire (original length); never less than the captured length. */
    public int wireLength;
    /** LINKTYPE_* value (tcpdump.org numbering) of the bytes in {@link #data()}. */
    public int linkType;

    public int interfaceId;
    /** 0 client side / inbound, 1 server side / outbound, {@link PacketFlags} tells whether it is known. */
    public int direction;

    public int flags;

    public byte[] data() {
        return data;
    }

    public int capturedLength() {
        return capturedLength;
    }

    /** Makes room for n captured bytes and sets the captured length; the caller fills data()[0..n). */
    public byte[] prepare(int n) {
        if (n < 0 || n > MAX_CAPTURE_LENGTH) {
            throw new IllegalArgumentException("captured length " + n + " out of range");
        }
        if (data.length < n) {
            data = Arrays.copyOf(data, Math.max(n, Math.min(MAX_CAPTURE_LENGTH, data.length * 2)));
        }
        capturedLength = n;
        return data;
    }

    /** Drops leading bytes (e.g. a pad or pseudo-header the link type does not include). */
    public void trimFront(int n) {
        System.arraycopy(data, n, data, 0, capturedLength - n);
        capturedLength -= n;
    }

    /** Inserts n bytes at the front (e.g. a synthetic Ethernet header) and returns the array to fill. */
    public byte[] insertFront(int n) {
        int old = capturedLength;
        prepare(old + n);
        System.arraycopy(data, 0, data, n, old);
        return data;
    }

    public void clear() {
        capturedLength = 0;
        timestampNs = 0;
        wireLength = 0;
        linkType = 0;
        interfaceId = 0;
        direction = 0;
        flags = 0;
    }

    public void copyFrom(Packet o) {
        System.arraycopy(o.data, 0, prepare(o.capturedLength), 0, o.capturedLength);
        timestampNs = o.timestampNs;
        wireLength = o.wireLength;
        linkType = o.linkType;
        interfaceId = o.interfaceId;
        direction = o.direction;
        flags = o.flags;
    }
}
