package io.netvcr.bench;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;

/** Ethernet/IPv4/UDP frames for the benchmarks: 02: MACs, 198.18.0.0/15 addresses, the bench's periodic shape. */
final class SyntheticFrames {
    private SyntheticFrames() {
    }

    /** Fills p with frame i of a periodic trace (delta ns apart), len bytes on the wire, stored in full up to len. */
    static Packet udp(Packet p, long i, long deltaNs, int len) {
        byte[] d = p.prepare(len);
        java.util.Arrays.fill(d, 0, len, (byte) 0);
        byte[] eth = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 8, 0};
        System.arraycopy(eth, 0, d, 0, 14);
        int ipLen = len - 14;
        d[14] = 0x45;
        d[16] = (byte) (ipLen >>> 8);
        d[17] = (byte) ipLen;
        d[22] = 64;
        d[23] = 17;
        byte[] addrs = {(byte) 198, 18, 0, 1, (byte) 198, 19, 0, 1};
        System.arraycopy(addrs, 0, d, 26, 8);
        int udpLen = ipLen - 20;
        d[35] = 9;
        d[37] = 9;
        d[38] = (byte) (udpLen >>> 8);
        d[39] = (byte) udpLen;
        d[42] = (byte) (i >>> 24);
        d[43] = (byte) (i >>> 16);
        d[44] = (byte) (i >>> 8);
        d[45] = (byte) i;
        p.timestampNs = 1_700_000_000_000_000_000L + i * deltaNs;
        p.wireLength = len;
        p.linkType = LinkTypes.ETHERNET;
        return p;
    }
}
