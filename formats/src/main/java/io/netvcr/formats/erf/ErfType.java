package io.netvcr.formats.erf;

/** ERF record types (the low 7 bits of the type byte) that NetVCR reads, and what their payload looks like. */
final class ErfType {
    static final int HDLC_POS = 1;
    static final int ETH = 2;
    static final int ATM = 3;
    static final int AAL5 = 4;
    static final int COLOR_HDLC_POS = 10;
    static final int COLOR_ETH = 11;
    static final int DSM_COLOR_HDLC_POS = 15;
    static final int DSM_COLOR_ETH = 16;
    static final int COLOR_HASH_POS = 19;
    static final int COLOR_HASH_ETH = 20;
    static final int IPV4 = 22;
    static final int IPV6 = 23;
    static final int META = 27;
    static final int PAD = 48;

    /** The type byte's top bit: an extension header follows the record header. */
    static final int EXTENSION_BIT = 0x80;

    private ErfType() {}

    static boolean isEthernet(int t) {
        return t == ETH || t == COLOR_ETH || t == DSM_COLOR_ETH || t == COLOR_HASH_ETH;
    }

    static boolean isHdlc(int t) {
        return t == HDLC_POS || t == COLOR_HDLC_POS || t == DSM_COLOR_HDLC_POS || t == COLOR_HASH_POS;
    }

    /** Records that carry no packet: skipped by the reader. */
    static boolean isSkipped(int t) {
        return t == PAD || t == META;
    }

    static boolean isKnown(int t) {
        return isEthernet(t) || isHdlc(t) || t == ATM || t == AAL5 || t == IPV4 || t == IPV6 || isSkipped(t);
    }
}
