package io.netvcr.formats.dag;

import io.netvcr.formats.LinkTypes;

/**
 * Link-layer decisions shared by the DAG formats (ERF and the legacy 64-byte records), which describe the
 * same capture hardware: which LINKTYPE an HDLC/POS frame is, and how an ATM cell is given to pcap tools.
 */
public final class DagFraming {
    /** Bytes of the SunATM pseudo-header that replaces the 4-byte ATM cell header. */
    public static final int SUNATM_HEADER = 4;
    /** An ATM cell on the wire: 5-byte header (with HEC, which DAG cards do not keep) plus 48 bytes. */
    public static final int ATM_CELL_WIRE = 53;

    public static final int ATM_CELL_PAYLOAD = 48;

    private static final int SUNATM_TRAFFIC_RAW = 0;
    private static final int SUNATM_TRAFFIC_LLC = 2;

    private DagFraming() {}

    /**
     * A POS frame starting with Cisco HDLC's address byte (0x0f unicast, 0x8f broadcast) is C_HDLC; one
     * starting with PPP's all-stations address and UI control (ff 03) is PPP in HDLC framing; anything else
     * is taken as bare PPP.
     */
    public static int hdlcLinkType(byte[] b, int off, int length) {
        if (length >= 1 && ((b[off] & 0xff) == 0x0f || (b[off] & 0xff) == 0x8f)) {
            return LinkTypes.C_HDLC;
        }
        if (length >= 2 && (b[off] & 0xff) == 0xff && (b[off + 1] & 0xff) == 0x03) {
            return LinkTypes.PPP_HDLC;
        }
        return LinkTypes.PPP;
    }

    /**
     * Rewrites a 4-byte UNI ATM cell header at b[off..off+4) in place into a SunATM pseudo-header (traffic
     * type, VPI, VCI). The traffic type is LLC when the payload starts with an LLC/SNAP header (aa aa 03), so
     * tcpdump and Wireshark decode the IP inside; otherwise raw. Cells carry no direction, so that bit is 0.
     */
    public static void cellHeaderToSunAtm(byte[] b, int off, int payloadLength) {
        long h = (b[off] & 0xffL) << 24 | (b[off + 1] & 0xffL) << 16 | (b[off + 2] & 0xffL) << 8 | (b[off + 3] & 0xffL);
        int vpi = (int) ((h >> 20) & 0xff);
        int vci = (int) ((h >> 4) & 0xffff);
        boolean llc = payloadLength >= 3
                && (b[off + 4] & 0xff) == 0xaa
                && (b[off + 5] & 0xff) == 0xaa
                && (b[off + 6] & 0xff) == 0x03;
        b[off] = (byte) (llc ? SUNATM_TRAFFIC_LLC : SUNATM_TRAFFIC_RAW);
        b[off + 1] = (byte) vpi;
        b[off + 2] = (byte) (vci >> 8);
        b[off + 3] = (byte) vci;
    }
}
