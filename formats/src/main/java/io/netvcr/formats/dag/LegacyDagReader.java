package io.netvcr.formats.dag;

import static io.netvcr.formats.io.RecordStream.u16;
import static io.netvcr.formats.io.RecordStream.u32;
import static io.netvcr.formats.io.RecordStream.u64;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.RecordStreamReader;
import io.netvcr.formats.Timestamps;
import io.netvcr.formats.TraceSource;
import java.io.IOException;

/**
 * Streams legacy DAG records: always 64 bytes, starting with the little-endian 32.32 fixed-point timestamp
 * that ERF later kept (converted to ns rounding to nearest, like ERF). What we deliver, per kind:
 * <ul>
 * <li>ATM: SUNATM, the cell header rewritten as the SunATM pseudo-header (VPI/VCI kept) plus the 48-byte
 *   payload: 52 bytes captured, wire length 53 (a cell; the HEC byte is never captured, so not TRUNCATED).
 *   libtrace gives 49/49 via pcap and 53/53 via ERF.</li>
 * <li>ETH: ETHERNET, the 54 frame bytes, wire length = the record's wlen field (libtrace's pcap output
 *   gives the same wire length; its ERF output adds 4 for the FCS; libtrace claims 64 captured bytes, of
 *   which the last 10 are not frame data).</li>
 * <li>POS: C_HDLC, PPP_HDLC or PPP by the first bytes (as for ERF HDLC records), the 48 frame bytes (at
 *   most wlen), wire length = wlen.</li>
 * </ul>
 * A short final record is damage (TraceFormatException), not silently dropped.
 */
public final class LegacyDagReader extends RecordStreamReader {
    private static final int ATM_OFFSET = 12;
    private static final int ETH_OFFSET = 10;
    private static final int POS_OFFSET = 16;

    private final LegacyKind kind;
    private final int interfaceBase;
    private final byte[] rec = new byte[LegacyKind.RECORD];

    public LegacyDagReader(TraceSource source, LegacyKind kind) {
        super(source, kind.formatName());
        this.kind = kind;
        this.interfaceBase = source.options().interfaceBase;
    }

    @Override
    public boolean next(Packet p) throws IOException {
        in.beginRecord();
        if (!in.readOrEnd(rec, 0, LegacyKind.RECORD, kind.formatName() + " record")) {
            return false;
        }
        p.flags = 0;
        switch (kind) {
            case ATM: {
                int n = LegacyKind.RECORD - ATM_OFFSET;
                System.arraycopy(rec, ATM_OFFSET, p.prepare(n), 0, n);
                DagFraming.cellHeaderToSunAtm(p.data(), 0, DagFraming.ATM_CELL_PAYLOAD);
                p.linkType = LinkTypes.SUNATM;
                p.wireLength = DagFraming.ATM_CELL_WIRE;
                break;
            }
            case ETH: {
                int wlen = u16(rec, 8, true);
                frame(p, ETH_OFFSET, wlen);
                p.linkType = LinkTypes.ETHERNET;
                break;
            }
            default: {
                long wlen = u32(rec, 12, false);
                if (wlen > Packet.MAX_CAPTURE_LENGTH) {
                    throw in.error("wire length " + wlen + " is implausible");
                }
                frame(p, POS_OFFSET, (int) wlen);
                p.linkType = DagFraming.hdlcLinkType(p.data(), 0, p.capturedLength());
                break;
            }
        }
        p.timestampNs = Timestamps.binaryTicksToNs(u64(rec, 0, true), 32);
        p.interfaceId = interfaceBase;
        p.direction = 0;
        markOrder(p);
        return true;
    }

    private void frame(Packet p, int offset, int wlen) {
        int n = Math.min(LegacyKind.RECORD - offset, wlen);
        System.arraycopy(rec, offset, p.prepare(n), 0, n);
        p.wireLength = Math.max(wlen, n);
        if (n < p.wireLength) {
            p.flags |= PacketFlags.TRUNCATED;
        }
    }

    @Override
    public int linkType() {
        return kind == LegacyKind.ATM ? LinkTypes.SUNATM : kind == LegacyKind.ETH ? LinkTypes.ETHERNET : -1;
    }
}
