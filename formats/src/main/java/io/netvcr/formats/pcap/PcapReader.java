package io.netvcr.formats.pcap;

import static io.netvcr.formats.io.RecordStream.u16;
import static io.netvcr.formats.io.RecordStream.u32;

import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.RecordStreamReader;
import io.netvcr.formats.TraceSource;
import java.io.IOException;

/**
 * Streams a classic pcap file. Seconds are read as unsigned 32-bit (good until 2106). Captured lengths
 * above the file's snaplen are accepted, as Wireshark does, up to {@link Packet#MAX_CAPTURE_LENGTH}.
 */
public final class PcapReader extends RecordStreamReader {
    private final boolean littleEndian;
    private final boolean nanos;
    private final int linkType;
    private final long snapLength;
    private final int versionMajor;
    private final int versionMinor;
    private final int interfaceBase;
    private final byte[] hdr = new byte[24];

    public PcapReader(TraceSource source) throws IOException {
        super(source, "pcap");
        if (!in.readOrEnd(hdr, 0, 24, "pcap file header")) {
            throw in.headerError("empty file: no pcap header");
        }
        int be = (int) u32(hdr, 0, false);
        if (be == PcapFormat.MAGIC_US || be == PcapFormat.MAGIC_NS) {
            littleEndian = false;
        } else if (Integer.reverseBytes(be) == PcapFormat.MAGIC_US || Integer.reverseBytes(be) == PcapFormat.MAGIC_NS) {
            littleEndian = true;
            be = Integer.reverseBytes(be);
        } else {
            throw in.headerError(String.format("not a pcap file (magic 0x%08x)", be));
        }
        nanos = be == PcapFormat.MAGIC_NS;
        versionMajor = u16(hdr, 4, littleEndian);
        versionMinor = u16(hdr, 6, littleEndian);
        // Like Wireshark and libtrace: 2.x is readable (2.5 seen in the wild), 1.x and others are not.
        if (versionMajor != 2) {
            throw in.headerError(
                    "unsupported pcap version " + versionMajor + "." + versionMinor + " (only 2.x is defined)");
        }
        snapLength = u32(hdr, 16, littleEndian);
        long rawLink = u32(hdr, 20, littleEndian);
        // Bits 16-25 are reserved and must be zero (Wireshark refuses them too); bits 26-31 carry the FCS
        // length, which we accept and ignore; the link type is the low 16 bits.
        if ((rawLink & 0x03ff0000L) != 0) {
            throw in.headerError(String.format("link type field 0x%08x has reserved bits set", rawLink));
        }
        linkType = (int) (rawLink & 0xffff);
        interfaceBase = source.options().interfaceBase;
    }

    @Override
    public boolean next(Packet p) throws IOException {
        in.beginRecord();
        if (!in.readOrEnd(hdr, 0, 16, "pcap record header")) {
            return false;
        }
        long sec = u32(hdr, 0, littleEndian);
        long frac = u32(hdr, 4, littleEndian);
        long incl = u32(hdr, 8, littleEndian);
        long orig = u32(hdr, 12, littleEndian);
        if (frac >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            throw in.error(
                    "invalid timestamp: fraction " + frac + (nanos ? " ns" : " µs") + " is not below one second");
        }
        if (incl > Packet.MAX_CAPTURE_LENGTH) {
            throw in.error("captured length " + incl + " is implausible (limit " + Packet.MAX_CAPTURE_LENGTH
                    + ", file snaplen " + snapLength + ")");
        }
        int n = (int) incl;
        in.readPacketData(p, n, "packet data (" + n + " bytes)");
        p.timestampNs = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        p.wireLength = (int) Math.min(Integer.MAX_VALUE, Math.max(orig, incl));
        p.linkType = linkType;
        p.interfaceId = interfaceBase;
        p.direction = 0;
        p.flags = incl < orig ? PacketFlags.TRUNCATED : 0;
        markOrder(p);
        return true;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    public boolean isNanosecond() {
        return nanos;
    }

    public long snapLength() {
        return snapLength;
    }
}
