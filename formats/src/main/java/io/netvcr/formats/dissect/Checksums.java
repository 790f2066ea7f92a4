package io.netvcr.formats.dissect;

/**
 * The Internet checksum (RFC 1071) and the IPv4 header / TCP / UDP / ICMPv6 checksums built on it, over byte
 * ranges of a frame. Shared by the sample generator and by prep, so there is one routine to trust. Every
 * method returns the 16-bit value to store in the packet (big-endian, as on the wire); nothing is allocated.
 */
public final class Checksums {
    private Checksums() {
    }

    /**
     * One's-complement sum of b[off..off+len) taken as big-endian 16-bit words (an odd last byte is padded
     * with zero), added to {@code initial} (a partial sum, e.g. of a pseudo-header; 0 for none), folded and
     * complemented. A range that contains its own correct checksum yields 0.
     */
    public static int internet(byte[] b, int off, int len, int initial) {
        return ~fold(sum(b, off, len, initial)) & 0xffff;
    }

    /**
     * Checksum of the IPv4 header at ipOff (length from its IHL field), computed as if its checksum field
     * (bytes 10-11) were zero, so it works whether or not the field is already filled.
     */
    public static int ipv4Header(byte[] b, int ipOff) {
        int ihl = (b[ipOff] & 0x0f) * 4;
        long s = sum(b, ipOff, 10, 0);
        s = sum(b, ipOff + 12, ihl - 12, s);
        return ~fold(s) & 0xffff;
    }

    /**
     * Checksum of a TCP, UDP, ICMPv6 (or any pseudo-header protocol) segment at l4Off of l4Len bytes, over
     * the IPv4 or IPv6 pseudo-header taken from the IP header at ipOff, with the segment's own checksum
     * field taken as zero. For ICMP over IPv4 (protocol 1), which has no pseudo-header, only the message
     * is summed. UDP's computed zero is returned as 0xffff (RFC 768: zero means "no checksum").
     *
     * @param protocol IP protocol number of the segment (6 TCP, 17 UDP, 58 ICMPv6, 1 ICMP, ...)
     * @param ipv6 whether the IP header at ipOff is IPv6 (source at +8, destination at +24)
     */
    public static int transport(byte[] frame, int ipOff, int l4Off, int l4Len, int protocol, boolean ipv6) {
        long s = 0;
        if (!(protocol == 1 && !ipv6)) {
            if (ipv6) {
                s = sum(frame, ipOff + 8, 32, 0);
            } else {
                s = sum(frame, ipOff + 12, 8, 0);
            }
            s += protocol + (ipv6 ? (l4Len >>> 16) + (l4Len & 0xffff) : l4Len);
        }
        int field = checksumFieldOffset(protocol);
        if (field >= 0 && field + 2 <= l4Len) {
            s = sum(frame, l4Off, field, s);
            s = sum(frame, l4Off + field + 2, l4Len - field - 2, s);
        } else {
            s = sum(frame, l4Off, l4Len, s);
        }
        int c = ~fold(s) & 0xffff;
        return protocol == 17 && c == 0 ? 0xffff : c;
    }

    /** Offset of the checksum field inside the transport header, or -1 when the protocol is not known. */
    public static int checksumFieldOffset(int protocol) {
        switch (protocol) {
            case 6: return 16;   // TCP
            case 17: return 6;   // UDP
            case 136: return 6;  // UDP-Lite
            case 1: case 58: return 2; // ICMP, ICMPv6
            default: return -1;
        }
    }

    private static long sum(byte[] b, int off, int len, long initial) {
        long s = initial;
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
}
