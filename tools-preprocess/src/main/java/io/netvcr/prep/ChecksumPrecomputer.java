package io.netvcr.prep;

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
    /** Checksum fields written for this frame (0..2). */
    public int written;

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
                status = PacketFlags.CHECKSUMS_PREPARED;
                return this;
            }
        }
        int field = l4 + Checksums.checksumFieldOffset(proto);
        l4Checksum = Checksums.transport(b, l3, l4, l4Len, proto, ipv6);
        l4ChecksumOffset = field;
        Rewriter.put16(b, field, l4Checksum);
        written++;
        status = PacketFlags.CHECKSUMS_PREPARED;
        return this;
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
