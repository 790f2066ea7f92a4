package io.netvcr.formats.erf;

import static io.netvcr.formats.io.RecordStream.u16;
import static io.netvcr.formats.io.RecordStream.u64;

import io.netvcr.formats.EthernetEncap;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.RecordStreamReader;
import io.netvcr.formats.Timestamps;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.dag.DagFraming;
import java.io.IOException;

/**
 * Streams an ERF file. Each record: a 16-byte header (little-endian 32.32 fixed-point timestamp, type,
 * flags, big-endian rlen, lctr/colour, big-endian wlen), extension headers while the type's top bit says
 * so (8 bytes each, each one's top bit says whether another follows; skipped), then the payload.
 *
 * <ul>
 * <li><b>Timestamps</b> are converted with {@link Timestamps#binaryTicksToNs}: the 32-bit binary fraction is
 *   rounded to the <em>nearest</em> nanosecond (ties up), as tshark does, so our times equal tshark's
 *   frame.time_epoch to the ns. Truncating instead would differ by 1 ns on about half the records.</li>
 * <li><b>Lengths</b>: the wire length is wlen (for Ethernet it counts the FCS, as tshark's frame.len does);
 *   the captured length is what the record holds, at most wlen, without the 2-byte Ethernet pad.</li>
 * <li><b>Link types</b>: Ethernet and its colour/DSM/hash variants → ETHERNET; HDLC/POS → C_HDLC, PPP_HDLC or
 *   PPP by the frame's first bytes; ATM cells → SUNATM (the 4-byte cell header becomes the SunATM
 *   pseudo-header, keeping VPI/VCI; 52 bytes captured, wlen 53 on the wire); AAL5 → SUNATM the same way
 *   with the reassembled PDU (wire length = wlen + the 4-byte pseudo-header); IPv4/IPv6 → RAW (or ETHERNET with {@link ReaderOptions#linkEthernet}).</li>
 * <li><b>Skipped records</b>: PAD (48) and META (27, provenance) carry no packet and are passed over; a file
 *   of META records only therefore yields no packets (Wireshark lists them as frames, libtrace stops with
 *   "Corrupt or Unknown ERF type"). Other types are refused with a message naming the type.</li>
 * <li><b>Flags</b>: interface = flags &amp; 3 (plus ReaderOptions.interfaceBase); the truncated bit, or
 *   fewer bytes than wlen, set {@link PacketFlags#TRUNCATED}; rx error and DS error set
 *   {@link PacketFlags#RX_ERROR}. The lctr field is not read: on colour types it holds colour bits.</li>
 * </ul>
 */
public final class ErfReader extends RecordStreamReader {
    private static final int FLAG_TRUNCATED = 0x08;
    private static final int FLAG_RX_ERROR = 0x10;
    private static final int FLAG_DS_ERROR = 0x20;
    private static final int ETH_PAD = 2;
    private static final int ATM_HEADER = 4;

    private final ReaderOptions options;
    private final byte[] hdr = new byte[ErfFormat.HEADER];
    private final byte[] ext = new byte[8];
    private long packetIndex = -1;

    public ErfReader(TraceSource source) {
        super(source, "erf");
        this.options = source.options();
    }

    @Override
    public boolean next(Packet p) throws IOException {
        while (true) {
            in.beginRecord();
            if (!in.readOrEnd(hdr, 0, ErfFormat.HEADER, "ERF record header")) {
                return false;
            }
            int typeByte = hdr[8] & 0xff;
            int type = typeByte & 0x7f;
            int flags = hdr[9] & 0xff;
            int rlen = u16(hdr, 10, false);
            int wlen = u16(hdr, 14, false);
            int remaining = rlen - ErfFormat.HEADER;
            if (remaining < 0) {
                throw in.error("record length " + rlen + " is shorter than the 16-byte ERF header");
            }
            boolean more = (typeByte & ErfType.EXTENSION_BIT) != 0;
            while (more) {
                if (remaining < ext.length) {
                    throw in.error("extension headers run past the record length " + rlen);
                }
                in.readFully(ext, 0, ext.length, "ERF extension header");
                remaining -= ext.length;
                more = (ext[0] & 0x80) != 0;
            }
            if (ErfType.isSkipped(type)) {
                in.skip(remaining, (type == ErfType.PAD ? "PAD" : "META") + " record body");
                continue;
            }
            if (!ErfType.isKnown(type)) {
                throw in.error("unsupported ERF record type " + type + " (NetVCR reads Ethernet, HDLC/POS, ATM, AAL5,"
                        + " IPv4 and IPv6 records)");
            }
            // rlen is 16 bits, so remaining is bounded (< 64 KiB) before anything is allocated.
            byte[] b = p.prepare(remaining);
            in.readFully(b, 0, remaining, "ERF record body (" + remaining + " bytes)");
            packetIndex++;
            fill(p, type, remaining, wlen);
            p.timestampNs = Timestamps.binaryTicksToNs(u64(hdr, 0, true), 32);
            p.interfaceId = options.interfaceBase + (flags & 3);
            p.direction = 0;
            int f = 0;
            if ((flags & FLAG_TRUNCATED) != 0) {
                f |= PacketFlags.TRUNCATED;
            }
            if ((flags & (FLAG_RX_ERROR | FLAG_DS_ERROR)) != 0) {
                f |= PacketFlags.RX_ERROR;
            }
            p.flags |= f;
            markOrder(p);
            return true;
        }
    }

    /** Turns the record body in p into a frame of the right link type and sets lengths and flags. */
    private void fill(Packet p, int type, int body, int wlen) throws IOException {
        p.flags = 0;
        if (ErfType.isEthernet(type)) {
            if (body < ETH_PAD) {
                throw in.error("Ethernet record too short for its 2-byte pad");
            }
            p.trimFront(ETH_PAD);
            capAt(p, wlen);
            p.linkType = LinkTypes.ETHERNET;
            p.wireLength = Math.max(wlen, p.capturedLength());
            markShort(p);
        } else if (ErfType.isHdlc(type)) {
            capAt(p, wlen);
            p.linkType = DagFraming.hdlcLinkType(p.data(), 0, p.capturedLength());
            p.wireLength = Math.max(wlen, p.capturedLength());
            markShort(p);
        } else if (type == ErfType.ATM || type == ErfType.AAL5) {
            if (body < ATM_HEADER) {
                throw in.error("ATM record too short for its 4-byte cell header");
            }
            if (type == ErfType.ATM) {
                capAt(p, ATM_HEADER + DagFraming.ATM_CELL_PAYLOAD);
                p.wireLength = Math.max(wlen, p.capturedLength());
            } else {
                // AAL5 wlen counts the PDU; the captured bytes are the 4-byte header plus (part of) it.
                capAt(p, ATM_HEADER + wlen);
                p.wireLength = Math.max(ATM_HEADER + wlen, p.capturedLength());
                markShort(p);
            }
            DagFraming.cellHeaderToSunAtm(p.data(), 0, p.capturedLength() - ATM_HEADER);
            p.linkType = LinkTypes.SUNATM;
        } else {
            capAt(p, wlen);
            p.linkType = LinkTypes.RAW;
            p.wireLength = Math.max(wlen, p.capturedLength());
            markShort(p);
            if (options.linkEthernet) {
                EthernetEncap.apply(p, options);
            }
        }
    }

    /** Fixed-length records are padded past the frame; keep at most max bytes. */
    private static void capAt(Packet p, int max) {
        if (p.capturedLength() > max) {
            p.prepare(Math.max(0, max));
        }
    }

    private static void markShort(Packet p) {
        if (p.capturedLength() < p.wireLength) {
            p.flags |= PacketFlags.TRUNCATED;
        }
    }

    /** Packets returned so far minus one (PAD and META records are not counted). */
    public long packetIndex() {
        return packetIndex;
    }
}
