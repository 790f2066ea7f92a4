package io.netvcr.prep;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.dissect.Checksums;
import io.netvcr.formats.dissect.FrameDissector;

/**
 * Computes, for the frame the replayer will send (stored bytes followed by zeros up to the send length),
 * the IPv4 header checksum and the TCP/UDP/ICMP (IPv4) or TCP/UDP/ICMPv6 (IPv6) checksum, and writes them
 * into the frame. The frame array must hold zeros from the stored length to the end of the IP packet; the
 * zeros add nothing to a sum, but the pseudo-header and ICMP's coverage use the padded lengths.
 *
 * <p>Left as captured and reported as {@link PacketFlags#CHECKSUMS_UNTOUCHED}: fragments (the checksum
 * covers the reassembled datagram), transport or IPv4 headers not wholly stored, IP lengths that claim
 * more than the frame, IPv6 jumbograms, and protocols without a checksum we know. UDP over IPv4 with
 * checksum 0 ("none") stays 0.
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

    static final int IPIP = 4;
    static final int IPV6_IN_IP = 41;
    static final int GRE = 47;
    static final int VXLAN_PORT = 4789;
    static final int MAX_DEPTH = 2;


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
     * @param b the frame: stored bytes then zeros
     * @param stored bytes of b that came from the record
     * @param frameLength the send length
     * @param dis the dissection of b[0..stored)
     */
    public ChecksumPrecomputer compute(byte[] b, int stored, int frameLength, FrameDissector dis) {
        reset();
        int l3 = dis.l3Offset;
        if (l3 < 0) {
            return this;
        }
        boolean ipv6 = dis.l3Type == FrameDissector.ETHERTYPE_IPV6;
        int ipEnd;
        if (!ipv6) {
            int ihl = (b[l3] & 0x0f) * 4;
            if (l3 + ihl > stored || l3 + ihl > frameLength) {
                return untouched();
            }
            ipChecksum = Checksums.ipv4Header(b, l3);
            Rewriter.put16(b, l3 + 10, ipChecksum);
            written++;
            ipEnd = l3 + Rewriter.u16(b, l3 + 2);
            if (ipEnd < l3 + ihl) {
                return untouched();
            }
        } else {
            int payload = Rewriter.u16(b, l3 + 4);
            if (payload == 0) {
                return untouched();
            }
            ipEnd = l3 + 40 + payload;
        }
        int l4 = dis.l4Offset;
        int proto = dis.l4Protocol;
        if (dis.fragment || l4 < 0 || ipEnd > frameLength || l4 > ipEnd) {
            return untouched();
        }
        boolean known = proto == Checksums.TCP || proto == Checksums.UDP
            || (ipv6 ? proto == Checksums.ICMPV6 : proto == Checksums.ICMP);
        if (!known) {
            if ((proto == IPIP || proto == IPV6_IN_IP || proto == GRE)
                && tunnel(b, stored, l4, ipEnd, proto) == PacketFlags.CHECKSUMS_PREPARED) {
                // The tunnel header has no checksum of its own (GRE with one is not followed).
                status = PacketFlags.CHECKSUMS_PREPARED;
                return this;
            }
            return untouched();
        }
        int l4Len = ipEnd - l4;
        int header;
        if (proto == Checksums.TCP) {
            if (l4 + 20 > stored) {
                return untouched();
            }
            header = ((b[l4 + 12] & 0xf0) >>> 4) * 4;
            if (header < 20) {
                return untouched();
            }
        } else {
            header = 8;
        }
        if (l4Len < header || l4 + header > stored) {
            return untouched();
        }
        if (proto == Checksums.UDP) {
            int udpLen = Rewriter.u16(b, l4 + 4);
            if (udpLen < 8 || udpLen > l4Len) {
                return untouched();
            }
            l4Len = udpLen;
            if (!ipv6 && Rewriter.u16(b, l4 + 6) == 0) {
                int inner = tunnel(b, stored, l4, l4 + l4Len, proto);
                status = inner == PacketFlags.CHECKSUMS_UNTOUCHED ? inner : PacketFlags.CHECKSUMS_PREPARED;
                return this;
            }
        }
        int inner = tunnel(b, stored, l4, l4 + l4Len, proto);
        int field = l4 + Checksums.checksumFieldOffset(proto);
        l4Checksum = Checksums.transport(b, l3, l4, l4Len, proto, ipv6);
        l4ChecksumOffset = field;
        Rewriter.put16(b, field, l4Checksum);
        written++;
        // A tunnelled or quoted packet cut off in the stored bytes keeps its checksums as captured.
        status = inner == PacketFlags.CHECKSUMS_UNTOUCHED ? inner : PacketFlags.CHECKSUMS_PREPARED;
        return this;
    }

    /**
     * Fixes the checksums of a tunnelled packet inside this one (IP in IP, 6in4, GRE without checksum,
     * VXLAN, the packet quoted by an ICMP or ICMPv6 error), before the outer transport checksum that covers it. The inner headers must be stored; a
     * tunnel inside a tunnel is followed up to {@link #MAX_DEPTH} levels. Returns the inner status, or 0
     * when there is no tunnel to follow.
     */
    private int tunnel(byte[] b, int stored, int l4, int end, int proto) {
        int start;
        int linkType;
        if (proto == IPIP || proto == IPV6_IN_IP) {
            start = l4;
            linkType = LinkTypes.RAW;
        } else if (proto == GRE) {
            if (l4 + 4 > stored || (b[l4] & 0x80) != 0 || (b[l4 + 1] & 0x07) != 0) {
                return 0;
            }
            start = l4 + 4 + ((b[l4] & 0x20) != 0 ? 4 : 0) + ((b[l4] & 0x10) != 0 ? 4 : 0);
            int type = Rewriter.u16(b, l4 + 2);
            if (type == FrameDissector.ETHERTYPE_IPV4 || type == FrameDissector.ETHERTYPE_IPV6) {
                linkType = LinkTypes.RAW;
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
        } else if (proto == Checksums.UDP && l4 + 4 <= stored && Rewriter.u16(b, l4 + 2) == VXLAN_PORT) {
            start = l4 + 16;
            linkType = LinkTypes.ETHERNET;
        } else {
            return 0;
        }
        if (depth >= MAX_DEPTH) {
            return 0;
        }
        if (start >= end) {
            return 0;
        }
        if (start >= stored) {
            return PacketFlags.CHECKSUMS_UNTOUCHED;
        }
        if (nested == null) {
            nested = new ChecksumPrecomputer(depth + 1);
        }
        int innerStored = stored - start;
        byte[] in = nested.scratch(end - start);
        System.arraycopy(b, start, in, 0, end - start);
        nested.innerDissector.dissect(in, innerStored, linkType);
        nested.compute(in, innerStored, end - start, nested.innerDissector);
        System.arraycopy(in, 0, b, start, innerStored);
        written += nested.written;
        if (linkType == LinkTypes.RAW && nested.innerDissector.l3Offset < 0) {
            return PacketFlags.CHECKSUMS_UNTOUCHED; // an IP header was due but is not wholly stored
        }
        return nested.status;
    }

    /** ICMPv4 types that quote a packet: unreachable, source quench, redirect, time exceeded, parameter problem. */
    static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
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
        return this;
    }

    private ChecksumPrecomputer untouched() {
        status = PacketFlags.CHECKSUMS_UNTOUCHED;
        return this;
    }
}
