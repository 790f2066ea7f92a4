package io.netvcr.prep;

/** Why prep left a frame's checksums as captured (PacketFlags.CHECKSUMS_UNTOUCHED): the --json keys. */
public enum UntouchedReason {
    /** An IP fragment: the transport checksum covers the reassembled datagram, which the trace does not hold. */
    FRAGMENT("fragment"),
    /**
     * The capture (snap, TSH, legacy DAG) cut a header before its essential fields: the IPv4 length and
     * protocol, the IPv6 payload length, next header and extension headers, TCP's first 14 bytes, UDP's
     * ports, ICMP's type and code; or a tunnelled packet's inner header.
     */
    HEADER_TOO_SHORT("headerTooShort"),
    /** An IP protocol without a checksum prep knows (SCTP, PIM, OSPF, ...). */
    UNKNOWN_PROTOCOL("unknownProtocol"),
    /** Lengths that contradict each other or the frame: IP length beyond the send length, UDP length, TCP data offset. */
    BAD_LENGTH("badLength"),
    /** An IPv6 jumbogram (payload length 0): its length lives in an option prep does not rebuild. */
    JUMBOGRAM("jumbogram"),
    /** The completed header needs more bytes than a record holds (record size = snap rounded up). */
    NO_ROOM("noRoom"),
    /**
     * A link type prep does not read (SunATM cells, IPoIB, 802.11, Frame Relay...) or a frame shorter than its
     * link header: whatever IP it may carry is sent as stored, unchecked.
     */
    UNKNOWN_LINK("unknownLink");

    /** The key under checksums.untouched in --json. */
    public final String key;

    UntouchedReason(String key) {
        this.key = key;
    }
}
