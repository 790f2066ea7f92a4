package io.netvcr.formats;

/** LINKTYPE_* numbers (https://www.tcpdump.org/linktypes.html) that NetVCR understands. */
public final class LinkTypes {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int PPP = 9;
    public static final int PPP_HDLC = 50;
    public static final int RAW = 101;
    public static final int C_HDLC = 104;
    public static final int FRELAY = 107;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int ATM_RFC1483 = 100;
    public static final int SUNATM = 123;
    public static final int ERF = 197;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;
    /** Old OpenBSD numbers for raw IP that some pcaps still carry. */
    public static final int RAW_OLD_12 = 12;

    public static final int RAW_OLD_14 = 14;

    private LinkTypes() {}

    public static String name(int linkType) {
        switch (linkType) {
            case NULL:
                return "NULL";
            case ETHERNET:
                return "ETHERNET";
            case PPP:
                return "PPP";
            case PPP_HDLC:
                return "PPP_HDLC";
            case RAW:
            case RAW_OLD_12:
            case RAW_OLD_14:
                return "RAW";
            case C_HDLC:
                return "C_HDLC";
            case FRELAY:
                return "FRELAY";
            case LOOP:
                return "LOOP";
            case LINUX_SLL:
                return "LINUX_SLL";
            case LINUX_SLL2:
                return "LINUX_SLL2";
            case ATM_RFC1483:
                return "ATM_RFC1483";
            case SUNATM:
                return "SUNATM";
            case ERF:
                return "ERF";
            case IPV4:
                return "IPV4";
            case IPV6:
                return "IPV6";
            default:
                return "LINKTYPE_" + linkType;
        }
    }
}
