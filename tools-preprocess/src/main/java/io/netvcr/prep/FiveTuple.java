package io.netvcr.prep;

import io.netvcr.formats.dissect.FrameDissector;

/**
 * The 5-tuple of one IP packet, reduced to a hash per endpoint (address + port) so that both directions
 * of a flow give the same {@link #symmetricHash()}. Fragments and protocols without ports use port 0, so
 * all fragments of a datagram stay together. Mutable and reused.
 */
public final class FiveTuple {
    public boolean ip;
    public int protocol;
    public int srcPort;
    public int dstPort;
    /** Hash of source address and port. */
    public long src;
    /** Hash of destination address and port. */
    public long dst;
    /** Where the source address lies in the frame (the destination follows it), and its length 4 or 16. */
    public int addrOffset;

    public int addrLength;
    /** TCP flags, or 0. */
    public int tcpFlags;

    public FiveTuple of(byte[] b, int length, FrameDissector dis) {
        ip = false;
        protocol = -1;
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        int l3 = dis.l3Offset;
        if (l3 < 0) {
            return this;
        }
        boolean v6 = dis.l3Type == FrameDissector.ETHERTYPE_IPV6;
        addrLength = v6 ? 16 : 4;
        addrOffset = l3 + (v6 ? 8 : 12);
        if (addrOffset + 2 * addrLength > length) {
            return this;
        }
        ip = true;
        protocol = dis.l4Protocol;
        int l4 = dis.l4Offset;
        if (!dis.fragment && l4 >= 0 && (protocol == 6 || protocol == 17 || protocol == 132) && l4 + 4 <= length) {
            srcPort = Rewriter.u16(b, l4);
            dstPort = Rewriter.u16(b, l4 + 2);
            if (protocol == 6 && l4 + 14 <= length) {
                tcpFlags = b[l4 + 13] & 0xff;
            }
        }
        src = endpoint(b, addrOffset, addrLength, srcPort);
        dst = endpoint(b, addrOffset + addrLength, addrLength, dstPort);
        return this;
    }

    private static long endpoint(byte[] b, int off, int len, int port) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < len; i++) {
            h = (h ^ (b[off + i] & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ port) * 0x100000001b3L;
        return mix(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Same value for both directions of the flow. */
    public long symmetricHash() {
        long lo = Math.min(src, dst);
        long hi = Math.max(src, dst);
        return mix(lo * 31 + hi + protocol);
    }
}
