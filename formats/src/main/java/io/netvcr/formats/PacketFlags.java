package io.netvcr.formats;

/** Per-packet flag bits; the same bits are stored in a NetVCR record's flags field (FORMAT.md). */
public final class PacketFlags {
    /** Fewer bytes stored than were on the wire. */
    public static final int TRUNCATED = 1;
    /** netvcr-prep has filled the schedule and checksums of this record. */
    public static final int PREPARED = 1 << 1;
    /** Full payload is in the sidecar file at payloadOffset/payloadLength. */
    public static final int HAS_PAYLOAD_REF = 1 << 2;
    /** Capture hardware reported a receive error (ERF rx error, FCS error). */
    public static final int RX_ERROR = 1 << 3;
    /** The direction field is meaningful (set by the capture or by prep's split). */
    public static final int DIRECTION_KNOWN = 1 << 4;
    /** The source record had no timestamp (pcapng SPB); the previous packet's time was used. */
    public static final int NO_TIMESTAMP = 1 << 5;
    /** Prep wrote checksums valid for the frame the replayer builds. */
    public static final int CHECKSUMS_PREPARED = 1 << 6;
    /** Prep left checksums as captured (fragment, truncated transport header, unknown protocol). */
    public static final int CHECKSUMS_UNTOUCHED = 1 << 7;
    /** The wire length exceeded the MTU and prep applied its oversize policy. */
    public static final int OVERSIZE = 1 << 8;
    /** Timestamp earlier than the previous record's in the source trace. */
    public static final int OUT_OF_ORDER = 1 << 9;

    private PacketFlags() {}
}
