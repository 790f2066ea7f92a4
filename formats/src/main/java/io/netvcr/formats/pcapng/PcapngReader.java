package io.netvcr.formats.pcapng;

import static io.netvcr.formats.io.RecordStream.u16;
import static io.netvcr.formats.io.RecordStream.u32;

import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.Timestamps;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.io.RecordStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams pcapng. Interfaces are numbered across the whole file (a second section's interface 0 becomes the
 * next free number), so merged sections keep distinct interfaces. Simple Packet Blocks carry no timestamp:
 * they get the previous packet's time and the NO_TIMESTAMP flag. Blocks we do not need are skipped.
 */
public final class PcapngReader implements TraceReader {
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    /** Larger blocks are treated as damage rather than allocated. */
    private static final long MAX_BLOCK = Packet.MAX_CAPTURE_LENGTH + 1024L * 1024;

    private final RecordStream in;
    private final int interfaceBase;
    private final byte[] head = new byte[8];
    private byte[] body = new byte[4096];
    private boolean le;
    private final List<Interface> interfaces = new ArrayList<>();
    private int sectionBase;
    private long packetIndex = -1;
    private long packetOffset;
    private long lastTimestamp;
    private long lastOrderTimestamp = Long.MIN_VALUE;

    private static final class Interface {
        final int linkType;
        final long snapLength;
        final boolean binary;
        final int resolution;
        final long offsetSeconds;
        final int globalId;

        Interface(int linkType, long snapLength, boolean binary, int resolution, long offsetSeconds, int globalId) {
            this.linkType = linkType;
            this.snapLength = snapLength;
            this.binary = binary;
            this.resolution = resolution;
            this.offsetSeconds = offsetSeconds;
            this.globalId = globalId;
        }
    }

    public PcapngReader(TraceSource source) throws IOException {
        this.in = new RecordStream(source.name(), source.in());
        this.interfaceBase = source.options().interfaceBase;
        in.beginRecord(0);
        if (!in.readOrEnd(head, 0, 8, "pcapng section header")) {
            throw in.headerError("empty file: no pcapng section header");
        }
        if ((int) u32(head, 0, false) != PcapngFormat.SHB) {
            throw in.headerError("not a pcapng file (first block is not a section header)");
        }
        readSectionHeader();
    }

    /** Called with the SHB's type and length in head[]; reads the rest and sets the byte order. */
    private void readSectionHeader() throws IOException {
        byte[] bom = new byte[4];
        in.readFully(bom, 0, 4, "pcapng section header");
        int bomBe = (int) u32(bom, 0, false);
        if (bomBe == PcapngFormat.BOM) {
            le = false;
        } else if (Integer.reverseBytes(bomBe) == PcapngFormat.BOM) {
            le = true;
        } else {
            throw blockError(String.format("section header has a bad byte-order magic 0x%08x", bomBe));
        }
        long len = u32(head, 4, le);
        checkBlockLength(len, 28);
        readBody((int) len - 12);
        checkTrailer(u32(body, (int) len - 16, le), len);
        int major = u16(body, 0, le);
        int minor = u16(body, 2, le);
        // 1.0 is the standard; 1.2 was written by some old tools and means the same. libpcap and Wireshark
        // refuse everything else, 1.1 included.
        if (major != 1 || minor != 0 && minor != 2) {
            throw blockError("unsupported pcapng version " + major + "." + minor + " (1.0 and 1.2 are readable)");
        }
        sectionBase = interfaces.isEmpty() ? 0 : interfaces.get(interfaces.size() - 1).globalId + 1;
        interfaces.clear();
    }

    private int nextGlobalId() {
        return sectionBase + interfaces.size();
    }

    private void checkBlockLength(long len, int min) throws IOException {
        if (len < min || (len & 3) != 0 || len > MAX_BLOCK) {
            throw blockError("block length " + len + " is invalid (must be a multiple of 4, at least " + min
                    + ", at most " + MAX_BLOCK + ")");
        }
    }

    /** Reads the rest of the block after the 8- or 12-byte prefix, including the trailing length. */
    private void readBody(int n) throws IOException {
        body = in.readGrowing(body, n, "pcapng block");
    }

    /** A block ends with a copy of its length; a mismatch means the length or the data is damaged. */
    private void checkTrailer(long trailer, long len) throws IOException {
        if (trailer != len) {
            throw blockError("block length " + len + " does not match the length " + trailer + " at the block's end");
        }
    }

    private io.netvcr.formats.TraceFormatException blockError(String problem) {
        return new io.netvcr.formats.TraceFormatException(in.name(), packetIndex + 1, in.recordStart(), problem);
    }

    @Override
    public boolean next(Packet p) throws IOException {
        while (true) {
            in.beginRecord(packetIndex + 1);
            if (!in.readOrEnd(head, 0, 8, "pcapng block header")) {
                return false;
            }
            int typeBe = (int) u32(head, 0, false);
            if (typeBe == PcapngFormat.SHB) {
                readSectionHeader();
                continue;
            }
            int type = (int) u32(head, 0, le);
            long len = u32(head, 4, le);
            checkBlockLength(len, 12);
            int bodyLen = (int) len - 12;
            if (type == IDB || type == EPB || type == SPB || type == PB) {
                readBody(bodyLen + 4);
                checkTrailer(u32(body, bodyLen, le), len);
            }
            switch (type) {
                case IDB:
                    readInterface(bodyLen);
                    break;
                case EPB:
                    if (bodyLen < 20) {
                        throw blockError("enhanced packet block too short (" + len + " bytes)");
                    }
                    readEnhanced(p, bodyLen);
                    return true;
                case SPB:
                    if (bodyLen < 4) {
                        throw blockError("simple packet block too short");
                    }
                    readSimple(p, bodyLen);
                    return true;
                case PB:
                    if (bodyLen < 20) {
                        throw blockError("packet block too short");
                    }
                    readObsolete(p, bodyLen);
                    return true;
                default:
                    in.skip(bodyLen, "pcapng block");
                    in.readFully(head, 0, 4, "pcapng block");
                    checkTrailer(u32(head, 0, le), len);
            }
        }
    }

    private void readInterface(int bodyLen) throws IOException {
        if (bodyLen < 8) {
            throw blockError("interface description block too short");
        }
        int linkType = u16(body, 0, le);
        long snap = u32(body, 4, le);
        boolean binary = false;
        int res = 6;
        long offset = 0;
        int pos = 8;
        while (pos + 4 <= bodyLen) {
            int code = u16(body, pos, le);
            int olen = u16(body, pos + 2, le);
            if (code == 0) {
                break;
            }
            if (pos + 4 + olen > bodyLen) {
                throw blockError("interface option " + code + " runs past the end of its block");
            }
            if (code == 9 && olen >= 1) {
                int v = body[pos + 4] & 0xff;
                binary = (v & 0x80) != 0;
                res = v & 0x7f;
            } else if (code == 14 && olen >= 8) {
                offset = RecordStream.u64(body, pos + 4, le);
            }
            pos += 4 + ((olen + 3) & ~3);
        }
        if (binary ? res > 63 : res > 18) {
            throw blockError("if_tsresol " + (binary ? "2^-" : "10^-") + res + " is not supported");
        }
        interfaces.add(new Interface(linkType, snap, binary, res, offset, nextGlobalId()));
    }

    private Interface iface(long id) throws IOException {
        if (id >= interfaces.size()) {
            throw blockError("packet refers to interface " + id + " but the section describes " + interfaces.size());
        }
        return interfaces.get((int) id);
    }

    private long toNs(Interface ifc, long ticks) throws IOException {
        try {
            long ns = ifc.binary
                    ? Timestamps.binaryTicksToNs(ticks, ifc.resolution)
                    : Timestamps.decimalTicksToNs(ticks, ifc.resolution);
            return Math.addExact(ns, Math.multiplyExact(ifc.offsetSeconds, 1_000_000_000L));
        } catch (ArithmeticException e) {
            throw blockError("timestamp " + Long.toUnsignedString(ticks) + " does not fit in 64-bit nanoseconds");
        }
    }

    private void fill(Packet p, Interface ifc, long ts, int dataOff, long capLen, long origLen, int bodyLen)
            throws IOException {
        if (capLen > bodyLen - dataOff) {
            throw blockError("captured length " + capLen + " runs past the end of its block");
        }
        if (capLen > Packet.MAX_CAPTURE_LENGTH) {
            // blocks may be a little larger than a packet (options), so this is not implied by MAX_BLOCK
            throw blockError("captured length " + capLen + " is implausible (limit " + Packet.MAX_CAPTURE_LENGTH + ")");
        }
        beginPacket();
        int n = (int) capLen;
        System.arraycopy(body, dataOff, p.prepare(n), 0, n);
        p.timestampNs = ts;
        p.wireLength = (int) Math.min(Integer.MAX_VALUE, Math.max(origLen, capLen));
        p.linkType = ifc.linkType;
        p.interfaceId = interfaceBase + ifc.globalId;
        p.direction = 0;
        p.flags = capLen < origLen ? PacketFlags.TRUNCATED : 0;
        if (ts < lastOrderTimestamp) {
            p.flags |= PacketFlags.OUT_OF_ORDER;
        }
        lastOrderTimestamp = ts;
        lastTimestamp = ts;
    }

    private void beginPacket() {
        packetIndex++;
        packetOffset = in.recordStart();
    }

    private void readEnhanced(Packet p, int bodyLen) throws IOException {
        Interface ifc = iface(u32(body, 0, le));
        long ticks = u32(body, 4, le) << 32 | u32(body, 8, le);
        fill(p, ifc, toNs(ifc, ticks), 20, u32(body, 12, le), u32(body, 16, le), bodyLen);
        int flagsOpt = findOption(20 + (((int) u32(body, 12, le) + 3) & ~3), bodyLen, 2);
        if (flagsOpt >= 0) {
            long epbFlags = u32(body, flagsOpt, le);
            int dir = (int) (epbFlags & 3);
            if (dir == 1 || dir == 2) {
                p.direction = dir - 1;
                p.flags |= PacketFlags.DIRECTION_KNOWN;
            }
            if ((epbFlags & 0xff000000L) != 0) {
                p.flags |= PacketFlags.RX_ERROR;
            }
        }
    }

    /** Offset of the value of option code in body[from..end), or -1. */
    private int findOption(int from, int end, int code) {
        int pos = from;
        while (pos + 4 <= end) {
            int c = u16(body, pos, le);
            int olen = u16(body, pos + 2, le);
            if (c == 0 || pos + 4 + olen > end) {
                return -1;
            }
            if (c == code && olen >= 4) {
                return pos + 4;
            }
            pos += 4 + ((olen + 3) & ~3);
        }
        return -1;
    }

    private void readSimple(Packet p, int bodyLen) throws IOException {
        Interface ifc = iface(0);
        long orig = u32(body, 0, le);
        long cap = Math.min(orig, bodyLen - 4L);
        if (ifc.snapLength > 0) {
            cap = Math.min(cap, ifc.snapLength);
        }
        fill(p, ifc, lastTimestamp, 4, cap, orig, bodyLen);
        p.flags |= PacketFlags.NO_TIMESTAMP;
        p.flags &= ~PacketFlags.OUT_OF_ORDER;
    }

    private void readObsolete(Packet p, int bodyLen) throws IOException {
        Interface ifc = iface(u16(body, 0, le));
        long ticks = u32(body, 4, le) << 32 | u32(body, 8, le);
        fill(p, ifc, toNs(ifc, ticks), 20, u32(body, 12, le), u32(body, 16, le), bodyLen);
    }

    @Override
    public long recordIndex() {
        return packetIndex;
    }

    @Override
    public long byteOffset() {
        return packetOffset;
    }

    @Override
    public String formatName() {
        return "pcapng";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
