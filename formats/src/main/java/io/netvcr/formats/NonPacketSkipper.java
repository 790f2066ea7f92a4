package io.netvcr.formats;

import java.io.IOException;

/**
 * Passes over records that cannot be packets, so that no input makes an output grow without bound: a record
 * that captured no bytes (a zero-length pcap/pcapng record, a legacy DAG record with wire length 0), or an
 * all-zero record (capture time exactly 0 and every captured byte 0, which is what /dev/zero or a zero-filled
 * disk read as a headerless format gives). They are counted, not written. {@link #MAX_CONSECUTIVE} of them in a
 * row stop the read as damage (exit 65, naming the record): the input is not a trace of this format, or is
 * zeroed from there on. Every reader that TraceInput opens sits behind one (NetVCR input excepted: its
 * records were filtered when it was written, and prep and convert need its own reader).
 */
public final class NonPacketSkipper extends ForwardingTraceReader {
    /** Consecutive non-packet records that end the read as damage. */
    public static final int MAX_CONSECUTIVE = 65_536;

    private final String name;
    private final int maxConsecutive;
    private long skipped;
    private long consecutive;

    public NonPacketSkipper(TraceReader reader, String name) {
        this(reader, name, MAX_CONSECUTIVE);
    }

    NonPacketSkipper(TraceReader reader, String name, int maxConsecutive) {
        super(reader);
        this.name = name;
        this.maxConsecutive = maxConsecutive;
    }

    /** Whether p is a record that cannot be a packet: nothing captured, or all zero (time and bytes). */
    public static boolean isNonPacket(Packet p) {
        int n = p.capturedLength();
        if (n == 0) {
            return true;
        }
        if (p.timestampNs != 0) {
            return false;
        }
        byte[] d = p.data();
        for (int i = 0; i < n; i++) {
            if (d[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean next(Packet p) throws IOException {
        while (reader.next(p)) {
            if (!isNonPacket(p)) {
                consecutive = 0;
                return true;
            }
            skipped++;
            if (++consecutive >= maxConsecutive) {
                throw new TraceFormatException(
                        name,
                        reader.recordIndex(),
                        reader.byteOffset(),
                        consecutive
                                + " records in a row carry no packet (nothing captured, or all zero): not a "
                                + reader.formatName() + " trace, or zeroed from record "
                                + (reader.recordIndex() - consecutive + 1)
                                + " on");
            }
        }
        return false;
    }

    /** Records passed over so far. */
    public long skipped() {
        return skipped;
    }
}
