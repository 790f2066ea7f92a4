package io.netvcr.formats.nvcr;

/**
 * Byte offsets of the NetVCR file format, version 1.0 (all little-endian). formats/FORMAT.md is the spec;
 * this class and its layout test keep code and spec the same.
 *
 * <pre>
 * file:    | header (HEADER_LENGTH = 4096) | record 0 | record 1 | ... |   record i at 4096 + i * recordLength
 *
 * record:   0               8               16      20      24  26  28  30 31
 *          | timestampNs   | sendOffsetNs  | wire  | send  |sto|lnk|flg|if|dir|
 *          32  34  36  38 39 40  42  44  46  48              56      60      64
 *          |l3 |l4 |l3t|p4|r |ip |l4c|l4o|r  | payloadOffset | plen  | rsvd  | stored bytes ... |
 * </pre>
 */
public final class NvcrLayout {
    public static final byte[] MAGIC = {'N', 'V', 'C', 'R', '\r', '\n', 0x1a, '\n'};
    public static final int VERSION_MAJOR = 1;
    public static final int VERSION_MINOR = 1;
    public static final int HEADER_LENGTH = 4096;
    public static final int RECORD_HEADER_LENGTH = 64;
    public static final int RECORD_ALIGN = 64;
    public static final int MAX_RECORD_LENGTH = 65536;
    public static final long COUNT_UNKNOWN = -1L;
    public static final int NONE16 = 0xffff;

    // ---- file header
    public static final int H_MAGIC = 0;
    public static final int H_VERSION_MAJOR = 8;
    public static final int H_VERSION_MINOR = 10;
    public static final int H_HEADER_LENGTH = 12;
    public static final int H_RECORD_LENGTH = 16;
    public static final int H_SNAP_LENGTH = 20;
    public static final int H_RECORD_COUNT = 24;
    public static final int H_FIRST_TIMESTAMP = 32;
    public static final int H_LAST_TIMESTAMP = 40;
    public static final int H_FILE_FLAGS = 48;
    public static final int H_LINK_TYPE = 52;
    public static final int H_SOURCE_FORMAT = 54;
    /** sourceFormat values that name no readable format; the others are each format's {@code TraceFormat.sourceFormatId()}. */
    public static final int SOURCE_UNKNOWN = 0;

    public static final int SOURCE_SYNTHETIC = 9;
    public static final int H_NATURAL_DURATION = 56;
    public static final int H_SCHEDULE_DURATION = 64;
    public static final int H_LOOP_PERIOD = 72;
    public static final int H_SCHEDULE_MODE = 80;
    public static final int H_PAYLOAD_MODE = 81;
    public static final int H_SCHEDULE_PARAM = 88;
    public static final int H_MAX_GAP = 96;
    public static final int H_CRC = 116;
    /** 1.1: identity of the payload sidecar (the same 8 bytes start its header); 0 = none, or a 1.0 sidecar. */
    public static final int H_PAYLOAD_SIDECAR_ID = 120;

    public static final int H_TOOL_VERSION = 128;
    public static final int H_TOOL_VERSION_LENGTH = 32;
    public static final int H_SOURCE_NAME = 160;
    public static final int H_SOURCE_NAME_LENGTH = 32;
    public static final int H_PREP_PARAMETERS = 256;
    public static final int H_PREP_PARAMETERS_LENGTH = 1024;

    // file flags
    public static final int FILE_PREPARED = 1;
    public static final int FILE_TOPSPEED = 1 << 1;
    public static final int FILE_PAYLOAD_SIDECAR = 1 << 2;
    public static final int FILE_OUT_OF_ORDER = 1 << 3;
    public static final int FILE_STREAMED = 1 << 4;

    // schedule modes
    public static final int SCHEDULE_NONE = 0;
    public static final int SCHEDULE_MULTIPLIER = 1;
    public static final int SCHEDULE_PPS = 2;
    public static final int SCHEDULE_MBPS = 3;
    public static final int SCHEDULE_TOPSPEED = 4;

    // payload modes
    public static final int PAYLOAD_NONE = 0;
    public static final int PAYLOAD_PAD = 1;
    public static final int PAYLOAD_KEEP = 2;
    public static final int PAYLOAD_NULL = 3;

    // ---- record
    public static final int R_TIMESTAMP = 0;
    public static final int R_SEND_OFFSET = 8;
    public static final int R_WIRE_LENGTH = 16;
    public static final int R_SEND_LENGTH = 20;
    public static final int R_STORED_LENGTH = 24;
    public static final int R_LINK_TYPE = 26;
    public static final int R_FLAGS = 28;
    public static final int R_INTERFACE = 30;
    public static final int R_DIRECTION = 31;
    public static final int R_L3_OFFSET = 32;
    public static final int R_L4_OFFSET = 34;
    public static final int R_L3_TYPE = 36;
    public static final int R_L4_PROTOCOL = 38;
    public static final int R_IP_CHECKSUM = 40;
    public static final int R_L4_CHECKSUM = 42;
    public static final int R_L4_CHECKSUM_OFFSET = 44;
    public static final int R_PAYLOAD_OFFSET = 48;
    public static final int R_PAYLOAD_LENGTH = 56;
    public static final int R_DATA = 64;

    /** Default stored bytes: Ethernet (14) + two VLAN tags (8) + IPv6 (40) + TCP with options (60) = 122. */
    public static final int DEFAULT_SNAP = 128;

    public static final int DEFAULT_RECORD_LENGTH = recordLengthFor(DEFAULT_SNAP);

    private NvcrLayout() {}

    /** Smallest valid record length that stores snap bytes. */
    public static int recordLengthFor(int snap) {
        int n = RECORD_HEADER_LENGTH + snap;
        return (n + RECORD_ALIGN - 1) / RECORD_ALIGN * RECORD_ALIGN;
    }

    public static long recordOffset(long index, int recordLength) {
        return HEADER_LENGTH + index * recordLength;
    }
}
