package io.netvcr.analyze;

import io.netvcr.formats.dissect.FrameDissector;
import java.util.Locale;

/**
 * A unidirectional 5-tuple (addresses, ports, IP protocol). Addresses are held as two longs each (IPv4 in
 * the low 32 bits of lo). Ports are 0 when the protocol has none or the header was cut off.
 */
public record FlowKey(int version, Host src, Host dst, int srcPort, int dstPort, int protocol) {

    /** An IP address, compact and comparable. */
    public record Host(int version, long hi, long lo) {
        @Override
        public String toString() {
            if (version == 4) {
                return String.format(Locale.ROOT, "%d.%d.%d.%d", lo >>> 24 & 0xff, lo >>> 16 & 0xff, lo >>> 8 & 0xff, lo & 0xff);
            }
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            try {
                return java.net.InetAddress.getByAddress(b).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The flow of a dissected IP frame, or null when it has no complete IP header. */
    public static FlowKey of(byte[] b, int length, FrameDissector d) {
        int off = d.l3Offset;
        if (off < 0) {
            return null;
        }
        Host src;
        Host dst;
        int version;
        if (d.l3Type == FrameDissector.ETHERTYPE_IPV4) {
            version = 4;
            src = new Host(4, 0, u32(b, off + 12));
            dst = new Host(4, 0, u32(b, off + 16));
        } else {
            version = 6;
            src = new Host(6, u64(b, off + 8), u64(b, off + 16));
            dst = new Host(6, u64(b, off + 24), u64(b, off + 32));
        }
        int sp = 0;
        int dp = 0;
        int proto = d.l4Protocol < 0 ? 0 : d.l4Protocol;
        if (hasPorts(proto) && d.l4Offset >= 0 && d.l4Offset + 4 <= length) {
            sp = (b[d.l4Offset] & 0xff) << 8 | (b[d.l4Offset + 1] & 0xff);
            dp = (b[d.l4Offset + 2] & 0xff) << 8 | (b[d.l4Offset + 3] & 0xff);
        }
        return new FlowKey(version, src, dst, sp, dp, proto);
    }

    private static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 132 || proto == 136 || proto == 33;
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) << 24 | (b[off + 1] & 0xffL) << 16 | (b[off + 2] & 0xffL) << 8 | (b[off + 3] & 0xffL);
    }

    private static long u64(byte[] b, int off) {
        return u32(b, off) << 32 | u32(b, off + 4);
    }

    @Override
    public String toString() {
        String s = version == 6 ? "[" + src + "]" : src.toString();
        String d = version == 6 ? "[" + dst + "]" : dst.toString();
        return s + ":" + srcPort + " > " + d + ":" + dstPort + " " + protocolName(protocol);
    }

    public static String protocolName(int p) {
        switch (p) {
            case 6: return "tcp";
            case 17: return "udp";
            case 1: return "icmp";
            case 58: return "icmpv6";
            case 132: return "sctp";
            default: return "proto" + p;
        }
    }
}
