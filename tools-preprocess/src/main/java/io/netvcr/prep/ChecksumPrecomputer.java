package io.netvcr.prep;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.dissect.Checksums;
import io.netvcr.formats.dissect.FrameDissector;

/**
 * Makes the frame the replayer will send (stored bytes followed by zeros up to the send length) valid:
 * completes the headers the capture cut, then computes the IPv4 header checksum and the TCP/UDP/ICMP (IPv4)
 * or TCP/UDP/ICMPv6 (IPv6) checksum and writes them into the frame.
 *
 * <p>Completion: a capture that cut a header (a small snap, TSH's 16 transport bytes, legacy DAG records)
 * still replays valid when the header's essential fields were stored — IPv4 version/length/protocol, IPv6
 * payload length/next header and extension headers, TCP's first 14 bytes (ports, sequence, ack, data offset,
 * flags), UDP's ports, ICMP's type and code. The rest of such a header is zero on the wire (window, urgent
 * pointer, ICMP identifier) except what must not be: the UDP length (from the IP length) and the checksums.
 * An option (IPv4 or TCP) cut in the middle is zeroed from its first byte, so the option list ends with EOL
 * bytes and stays valid. Completion may store a few bytes beyond the snap ({@link #stored}), at most
 * {@code room}: the UDP length, the IPv4 checksum, and checksums inside a tunnelled or quoted packet (the
 * replayer writes only the outer transport checksum itself, from l4Checksum).
 *
 * <p>Left as captured and reported as {@link PacketFlags#CHECKSUMS_UNTOUCHED} with an {@link UntouchedReason}:
 * fragments, headers cut before their essential fields, lengths that contradict the frame, IPv6 jumbograms,
 * protocols without a checksum we know, completions that do not fit the record. UDP over IPv4 with a stored
 * checksum 0 ("none") stays 0.
 *
 * <p>The null payload (the paper's): every byte after the transport header, or after the IP header for other
 * protocols, becomes zero, whatever was stored.
 */
public final class ChecksumPrecomputer {
    /** The IPv4 header checksum written, or -1. */
    public int ipChecksum;
    /** The transport checksum written, or -1. */
    public int l4Checksum;
    /** Frame offset of the transport checksum field, or -1. */
    public int l4ChecksumOffset;
    /** CHECKSUMS_PREPARED, CHECKSUMS_UNTOUCHED, or 0 for frames without IP. */
    public int status;
    /** Checksum fields written for this frame (outer and tunnelled). */
    public int written;
    /** Bytes of the frame the record must store: the stored bytes given, plus completions, minus a null payload. */
    public int stored;
    /** Why the frame is CHECKSUMS_UNTOUCHED, or null. */
    public UntouchedReason reason;
    /** With HEADER_TOO_SHORT: the header cut ("TCP", "UDP", "ICMP", "ICMPv6", "IPv4", "IPv6"), or null. */
    public String cutHeader;
    /** With HEADER_TOO_SHORT: bytes of that header stored. */
    public int cutKept;
    /** With HEADER_TOO_SHORT: frame bytes that would have had to be stored to complete it. */
    public int needed;

    static final int IPIP = 4;
    static final int IPV6_IN_IP = 41;
    static final int GRE = 47;
    static final int NO_NEXT_HEADER = 59;
    static final int VXLAN_PORT = 4789;
    static final int MAX_DEPTH = 2;

    /** The IP length claims more than the frame holds (as in every packet an ICMP error quotes). */
    private boolean beyondFrame;

    private final int depth;
    private final FrameDissector innerDissector = new FrameDissector();
    private ChecksumPrecomputer nested;
    private byte[] buffer = new byte[2048];

    public ChecksumPrecomputer() {
        this(0);
    }

    private ChecksumPrecomputer(int depth) {
        this.depth = depth;
    }

    /**
     * @param b the frame: stored bytes then zeros up to at least frameLength
     * @param storedBytes bytes of b that came from the record
     * @param frameLength the send length
     * @param room most bytes the record may store (completions stop there)
     * @param nullPayload zero everything after the transport header (after the IP header for other protocols)
     * @param dis the dissection of b[0..frameLength), zeros included
     */
    public ChecksumPrecomputer compute(
            byte[] b, int storedBytes, int frameLength, int room, boolean nullPayload, FrameDissector dis) {
        reset();
        stored = storedBytes;
        int l3 = dis.l3Offset;
        if (l3 < 0) {
            // ARP, LLDP, STP... have nothing to fix; a link prep cannot read may hide IP it cannot vouch for.
            return dis.linkRead || depth > 0 ? this : untouched(UntouchedReason.UNKNOWN_LINK);
        }
        boolean ipv6 = dis.l3Type == FrameDissector.ETHERTYPE_IPV6;
        if (nullPayload) {
            truncateTo(b, headersEnd(b, dis, ipv6));
        }
        int ipEnd;
        if (!ipv6) {
            int ihl = (b[l3] & 0x0f) * 4;
            if (l3 + 10 > stored) {
                return cut("IPv4", l3, l3 + 10);
            }
            if (l3 + ihl > frameLength) {
                return untouched(UntouchedReason.BAD_LENGTH);
            }
            if (!extend(l3 + 12, room)) {
                return untouched(UntouchedReason.NO_ROOM);
            }
            cleanOptions(b, l3 + 20, l3 + ihl);
            ipChecksum = Checksums.ipv4Header(b, l3);
            Rewriter.put16(b, l3 + 10, ipChecksum);
            written++;
            ipEnd = l3 + Rewriter.u16(b, l3 + 2);
            if (ipEnd < l3 + ihl) {
                return untouched(UntouchedReason.BAD_LENGTH);
            }
        } else {
            if (l3 + 7 > stored) {
                return cut("IPv6", l3, l3 + 7);
            }
            int payload = Rewriter.u16(b, l3 + 4);
            if (payload == 0) {
                return untouched(UntouchedReason.JUMBOGRAM);
            }
            if (dis.l3End > stored) {
                // The fixed header or an extension header is cut: the transport header is not stored either.
                return cut("IPv6", l3, dis.l3End);
            }
            ipEnd = l3 + 40 + payload;
        }
        if (dis.fragment) {
            return untouched(UntouchedReason.FRAGMENT);
        }
        if (ipEnd > frameLength) {
            beyondFrame = true;
            return untouched(UntouchedReason.BAD_LENGTH);
        }
        int l4 = dis.l4Offset;
        int proto = dis.l4Protocol;
        if (l4 < 0 && ipv6 && proto == NO_NEXT_HEADER) {
            status = PacketFlags.CHECKSUMS_PREPARED; // nothing follows the headers, nothing to sum
            return this;
        }
        if (l4 < 0 || l4 > ipEnd) {
            return untouched(UntouchedReason.BAD_LENGTH);
        }
        boolean known = proto == Checksums.TCP
                || proto == Checksums.UDP
                || (ipv6 ? proto == Checksums.ICMPV6 : proto == Checksums.ICMP);
        if (!known) {
            if (proto == IPIP || proto == IPV6_IN_IP || proto == GRE) {
                int inner = tunnel(b, l4, ipEnd, proto, room);
                if (inner == PacketFlags.CHECKSUMS_PREPARED) {
                    // The tunnel header has no checksum of its own (GRE with one is not followed).
                    status = PacketFlags.CHECKSUMS_PREPARED;
                    return this;
                }
                if (inner == PacketFlags.CHECKSUMS_UNTOUCHED) {
                    return this;
                }
            }
            return untouched(UntouchedReason.UNKNOWN_PROTOCOL);
        }
        int l4Len = ipEnd - l4;
        int header;
        if (proto == Checksums.TCP) {
            if (l4 + 14 > stored) {
                return cut("TCP", l4, l4 + 14);
            }
            header = ((b[l4 + 12] & 0xf0) >>> 4) * 4;
            if (header < 20) {
                return untouched(UntouchedReason.BAD_LENGTH);
            }
        } else if (proto == Checksums.UDP) {
            if (l4 + 4 > stored) {
                return cut("UDP", l4, l4 + 4);
            }
            header = 8;
        } else {
            if (l4 + 2 > stored) {
                return cut(ipv6 ? "ICMPv6" : "ICMP", l4, l4 + 2);
            }
            header = 8;
            if (ipv6 && isNeighbourDiscovery(b[l4] & 0xff)) {
                // Neighbour Discovery options are TLVs whose length may not be 0: zeros cannot stand in for them.
                if (ipEnd > stored) {
                    return cut("ICMPv6", l4, ipEnd);
                }
                header = l4Len;
            }
        }
        if (l4Len < header) {
            return untouched(UntouchedReason.BAD_LENGTH);
        }
        if (proto == Checksums.TCP) {
            cleanOptions(b, l4 + 20, l4 + header);
        }
        if (proto == Checksums.UDP) {
            // A stored 0 means "no checksum" (IPv4 only); a 0 we padded in does not.
            boolean none = !ipv6 && l4 + 8 <= stored && Rewriter.u16(b, l4 + 6) == 0;
            if (l4 + 6 > stored) {
                if (!extend(l4 + 6, room)) {
                    return untouched(UntouchedReason.NO_ROOM);
                }
                Rewriter.put16(b, l4 + 4, l4Len);
            }
            int udpLen = Rewriter.u16(b, l4 + 4);
            if (udpLen < 8 || udpLen > l4Len) {
                return untouched(UntouchedReason.BAD_LENGTH);
            }
            l4Len = udpLen;
            if (none) {
                int inner = tunnel(b, l4, l4 + l4Len, proto, room);
                if (inner != PacketFlags.CHECKSUMS_UNTOUCHED) {
                    status = PacketFlags.CHECKSUMS_PREPARED;
                }
                return this;
            }
        }
        int inner = tunnel(b, l4, l4 + l4Len, proto, room);
        if (inner == PacketFlags.CHECKSUMS_UNTOUCHED) {
            // A tunnelled or quoted packet that cannot be made valid: the outer checksum would cover it.
            return this;
        }
        int field = l4 + Checksums.checksumFieldOffset(proto);
        if (depth > 0 && !extend(field + 2, room)) {
            // Inside a tunnel the replayer writes nothing: the checksum must lie in the stored bytes.
            return untouched(UntouchedReason.NO_ROOM);
        }
        l4Checksum = Checksums.transport(b, l3, l4, l4Len, proto, ipv6, ipv6 ? finalDestination(b, l3, l4) : l3 + 24);
        l4ChecksumOffset = field;
        Rewriter.put16(b, field, l4Checksum);
        written++;
        status = PacketFlags.CHECKSUMS_PREPARED;
        return this;
    }

    /**
     * Fixes the checksums of a tunnelled packet inside this one (IP in IP, 6in4, GRE without checksum,
     * VXLAN, the packet quoted by an ICMP or ICMPv6 error), before the outer transport checksum that covers
     * it; a tunnel inside a tunnel is followed up to {@link #MAX_DEPTH} levels. Returns the inner status
     * (with {@link #reason} set when UNTOUCHED), or 0 when there is nothing to follow: no tunnel, or a
     * VXLAN/quoted packet none of whose bytes were stored (its zeros are payload like any other).
     */
    private int tunnel(byte[] b, int l4, int end, int proto, int room) {
        int start;
        int linkType;
        boolean ip = false;
        boolean quote = false;
        if (proto == IPIP || proto == IPV6_IN_IP) {
            start = l4;
            linkType = LinkTypes.RAW;
            ip = true;
        } else if (proto == GRE) {
            if (l4 + 4 > stored || (b[l4] & 0x80) != 0 || (b[l4 + 1] & 0x07) != 0) {
                return 0;
            }
            start = l4 + 4 + ((b[l4] & 0x20) != 0 ? 4 : 0) + ((b[l4] & 0x10) != 0 ? 4 : 0);
            int type = Rewriter.u16(b, l4 + 2);
            if (type == FrameDissector.ETHERTYPE_IPV4 || type == FrameDissector.ETHERTYPE_IPV6) {
                linkType = LinkTypes.RAW;
                ip = true;
            } else if (type == 0x6558) {
                linkType = LinkTypes.ETHERNET;
            } else {
                return 0;
            }
        } else if ((proto == Checksums.ICMP && isIcmpError(b[l4] & 0xff))
                || (proto == Checksums.ICMPV6 && (b[l4] & 0xff) < 128)) {
            // An ICMP error quotes the packet that caused it; its zero-padded tail would fail the quoted checksums.
            start = l4 + 8;
            linkType = LinkTypes.RAW;
            quote = true;
        } else if (proto == Checksums.UDP && Rewriter.u16(b, l4 + 2) == VXLAN_PORT) {
            start = l4 + 16;
            linkType = LinkTypes.ETHERNET;
        } else {
            return 0;
        }
        if (depth >= MAX_DEPTH || start >= end) {
            return 0;
        }
        if (start >= stored) {
            if (ip) {
                // IP in IP with no inner header stored: zeros where an IP header is due.
                cutHeader = "IPv4";
                cutKept = 0;
                needed = start + 10;
                untouched(UntouchedReason.HEADER_TOO_SHORT);
                return status;
            }
            return 0;
        }
        if (nested == null) {
            nested = new ChecksumPrecomputer(depth + 1);
        }
        int len = end - start;
        byte[] in = nested.scratch(len);
        System.arraycopy(b, start, in, 0, len);
        nested.innerDissector.dissect(in, len, linkType);
        // Stored bytes past the inner packet's end (an Ethernet trailer) are not its bytes: in[len..] is stale.
        int innerStored = Math.min(stored - start, len);
        nested.compute(in, innerStored, len, room - start, false, nested.innerDissector);
        System.arraycopy(in, 0, b, start, nested.stored);
        stored = Math.max(stored, start + nested.stored);
        written += nested.written;
        if (ip && nested.innerDissector.l3Offset < 0) {
            untouched(UntouchedReason.HEADER_TOO_SHORT); // an IP header was due but its first byte says otherwise
            return status;
        }
        int innerL4 = nested.innerDissector.l4Offset;
        if (quote
                && nested.status == PacketFlags.CHECKSUMS_UNTOUCHED
                && nested.beyondFrame
                && innerL4 >= 0
                && innerStored >= innerL4 + 8) {
            // An ICMP error quotes the IP header and the first 8 transport bytes of a longer packet (RFC 792): its IP
            // header checksum is fixed, its transport checksum (over bytes not quoted) stays as the original sender
            // wrote it, as in any real ICMP error.
            return 0;
        }
        if (nested.status == PacketFlags.CHECKSUMS_UNTOUCHED) {
            untouched(nested.reason);
            if (nested.cutHeader != null) {
                cutHeader = nested.cutHeader;
                cutKept = nested.cutKept;
                needed = start + nested.needed;
            }
        }
        return nested.status;
    }

    /**
     * Offset of the IPv6 pseudo-header's destination: the fixed header's, or the last address of a type 0 or 2
     * routing header (Segment List[0] of a type 4, segment routing) that still has segments left. The
     * extension headers between l3 + 40 and l4 are stored (checked before).
     */
    static int finalDestination(byte[] b, int l3, int l4) {
        int next = b[l3 + 6] & 0xff;
        int pos = l3 + 40;
        while (pos + 8 <= l4) {
            int len = next == 51 ? ((b[pos + 1] & 0xff) + 2) * 4 : ((b[pos + 1] & 0xff) + 1) * 8;
            if (next == 43 && (b[pos + 3] & 0xff) > 0) {
                int type = b[pos + 2] & 0xff;
                int addresses = (b[pos + 1] & 0xff) / 2;
                if ((type == 0 || type == 2) && addresses > 0 && pos + 8 + 16 * addresses <= l4) {
                    return pos + 8 + 16 * (addresses - 1);
                }
                if (type == 4 && addresses > 0 && pos + 24 <= l4) {
                    return pos + 8;
                }
            }
            next = b[pos] & 0xff;
            pos += len;
        }
        return l3 + 24;
    }

    /** ICMPv6 router solicitation/advertisement, neighbour solicitation/advertisement, redirect (RFC 4861). */
    static boolean isNeighbourDiscovery(int type) {
        return type >= 133 && type <= 137;
    }

    /** ICMPv4 types that quote a packet: unreachable, source quench, redirect, time exceeded, parameter problem. */
    static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /**
     * An IPv4 or TCP option list in b[start..end): the first option not wholly stored is zeroed from its
     * kind byte on, so the list ends with EOL (0) bytes, which is valid. Options damaged in the capture itself
     * (a length under 2 or past the header) are left as they are.
     */
    private void cleanOptions(byte[] b, int start, int end) {
        int pos = start;
        while (pos < end && pos < stored) {
            int kind = b[pos] & 0xff;
            if (kind == 0) {
                return;
            }
            if (kind == 1) {
                pos++;
                continue;
            }
            if (pos + 2 > stored) {
                java.util.Arrays.fill(b, pos, Math.min(stored, end), (byte) 0);
                return;
            }
            int len = b[pos + 1] & 0xff;
            if (len < 2 || pos + len > end) {
                return;
            }
            if (pos + len > stored) {
                java.util.Arrays.fill(b, pos, Math.min(stored, end), (byte) 0);
                return;
            }
            pos += len;
        }
    }

    /**
     * Where the null payload starts: after the transport header (TCP's data offset when stored), after the
     * IP and extension headers for other protocols and later fragments; the frame's end when not known.
     */
    private int headersEnd(byte[] b, FrameDissector dis, boolean ipv6) {
        int l4 = dis.l4Offset;
        if (l4 < 0) {
            return dis.l3End >= 0 ? dis.l3End : Integer.MAX_VALUE;
        }
        int proto = dis.l4Protocol;
        if (proto == Checksums.TCP) {
            int header = l4 + 12 < stored ? ((b[l4 + 12] & 0xf0) >>> 4) * 4 : 20;
            return l4 + Math.max(20, header);
        }
        if (proto == Checksums.ICMPV6 && l4 < stored && isNeighbourDiscovery(b[l4] & 0xff)) {
            return Integer.MAX_VALUE; // its options are part of the message, not payload
        }
        if (proto == Checksums.UDP || proto == (ipv6 ? Checksums.ICMPV6 : Checksums.ICMP)) {
            return l4 + 8;
        }
        return l4;
    }

    /** Null payload: zeros from {@code end} to the stored end, which becomes {@code end} (never raised). */
    private void truncateTo(byte[] b, int end) {
        if (end < stored) {
            java.util.Arrays.fill(b, end, stored, (byte) 0);
            stored = end;
        }
    }

    /** Stores at least n bytes (the frame already holds zeros there); false when n exceeds the record's room. */
    private boolean extend(int n, int room) {
        if (n <= stored) {
            return true;
        }
        if (n > room) {
            return false;
        }
        stored = n;
        return true;
    }

    private byte[] scratch(int n) {
        if (buffer.length < n) {
            buffer = new byte[n];
        }
        return buffer;
    }

    /** Forgets the last frame's results (nothing computed). */
    public ChecksumPrecomputer reset() {
        ipChecksum = -1;
        l4Checksum = -1;
        l4ChecksumOffset = -1;
        written = 0;
        status = 0;
        reason = null;
        cutHeader = null;
        cutKept = 0;
        needed = 0;
        beyondFrame = false;
        return this;
    }

    private ChecksumPrecomputer untouched(UntouchedReason why) {
        status = PacketFlags.CHECKSUMS_UNTOUCHED;
        reason = why;
        return this;
    }

    private ChecksumPrecomputer cut(String header, int start, int need) {
        cutHeader = header;
        cutKept = Math.max(0, stored - start);
        needed = need;
        return untouched(UntouchedReason.HEADER_TOO_SHORT);
    }
}
