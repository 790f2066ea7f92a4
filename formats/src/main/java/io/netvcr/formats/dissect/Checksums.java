package io.netvcr.formats.dissect;

/**
 * The Internet checksum (RFC 1071) and the IPv4 header, TCP, UDP, ICMP and ICMPv6 checksums built on it.
 * The header and transport variants ignore whatever their checksum field holds, so a caller can recompute
 * a checksum in place without zeroing the field first. Nothing is allocated.
 */
public final class Checksums {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;

    private Checksums() {}

    /**
     * The Internet checksum (one's complement of the one's-complement sum) of b[off..off+len), an odd last
     * byte padded with zero; {@code initial} is a partial sum added first (e.g. a pseudo-header's, as
     * returned by {@link #sum}). Returns a 16-bit value in 0..0xffff.
     */
    public static int internet(byte[] b, int off, int len, int initial) {
        return ~fold(sum(b, off, len, initial)) & 0xffff;
    }

    /** Unfolded one's-complement partial sum of b[off..off+len) added to {@code initial}. */
    public static long sum(byte[] b, int off, int len, long initial) {
        long s = initial & 0xffffffffL;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            s += (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
        }
        if (i < end) {
            s += (b[i] & 0xff) << 8;
        }
        return s;
    }

    private static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The header checksum for the IPv4 header at ipOff (its IHL bytes), ignoring the stored checksum. */
    public static int ipv4Header(byte[] b, int ipOff) {
        int ihl = (b[ipOff] & 0x0f) * 4;
        long s = sum(b, ipOff, 10, 0);
        s = sum(b, ipOff + 12, ihl - 12, s);
        return ~fold(s) & 0xffff;
    }

    /** Offset of the checksum field within a transport header of this protocol, or -1 when none is known. */
    public static int checksumFieldOffset(int protocol) {
        switch (protocol) {
            case TCP:
                return 16;
            case UDP:
                return 6;
            case ICMP:
            case ICMPV6:
                return 2;
            default:
                return -1;
        }
    }

    /**
     * The checksum for the TCP, UDP, ICMP or ICMPv6 segment of l4Len bytes at l4Off of frame, whose IP
     * header starts at ipOff (addresses for the pseudo-header; ICMP over IPv4 has none), ignoring the stored
     * checksum field. A UDP result of 0 is returned as 0xffff (RFC 768: 0 means "no checksum"). For IPv6
     * the pseudo-header uses the fixed header's destination (a routing header's final address is not
     * followed; see the overload with dstOff). Throws IllegalArgumentException for another protocol.
     */
    public static int transport(byte[] frame, int ipOff, int l4Off, int l4Len, int protocol, boolean ipv6) {
        return transport(frame, ipOff, l4Off, l4Len, protocol, ipv6, ipOff + 24);
    }

    /**
     * As {@link #transport(byte[], int, int, int, int, boolean)}, with the IPv6 pseudo-header's destination
     * read at dstOff: the final destination a routing header with segments left names (RFC 8200 8.1), as
     * the receiver, and Wireshark, compute it. Ignored for IPv4.
     */
    public static int transport(byte[] frame, int ipOff, int l4Off, int l4Len, int protocol, boolean ipv6, int dstOff) {
        int field = checksumFieldOffset(protocol);
        if (field < 0) {
            throw new IllegalArgumentException("no transport checksum known for IP protocol " + protocol);
        }
        long s = 0;
        if (protocol != ICMP || ipv6) {
            if (ipv6) {
                s = sum(frame, ipOff + 8, 16, 0);
                s = sum(frame, dstOff, 16, s);
            } else {
                s = sum(frame, ipOff + 12, 8, 0);
            }
            s += protocol + (l4Len & 0xffff) + (l4Len >>> 16);
        }
        int at = l4Off + field;
        if (at + 2 <= l4Off + l4Len) {
            s = sum(frame, l4Off, field, s);
            s = sum(frame, at + 2, l4Off + l4Len - at - 2, s);
        } else {
            s = sum(frame, l4Off, l4Len, s);
        }
        int c = ~fold(s) & 0xffff;
        if (c == 0 && protocol == UDP) {
            c = 0xffff;
        }
        return c;
    }
}
