package io.netvcr.analyze;

import io.netvcr.formats.dissect.FrameDissector;
import java.util.Locale;

/**
 * A unidirectional 5-tuple (addresses, ports, IP protocol). Addresses are held as two longs each (IPv4 in
 * the low 32 bits of lo). Ports are 0 when the protocol has none or the header was cut off. Hand-written
 * equals/hashCode: this is a hash key looked up for every packet.
 */
public final class FlowKey implements Comparable<FlowKey>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int version;
    private final long srcHi;
    private final long srcLo;
    private final long dstHi;
    private final long dstLo;
    private final int srcPort;
    private final int dstPort;
    private final int protocol;
    private final int hash;

    public FlowKey(int version, Host src, Host dst, int srcPort, int dstPort, int protocol) {
        this(version, src.hi, src.lo, dst.hi, dst.lo, srcPort, dstPort, protocol);
    }

    FlowKey(int version, long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort, int protocol) {
        this.version = version;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.dstHi = dstHi;
        this.dstLo = dstLo;
        this.srcPort = srcPort;
        this.dstPort = dstPort;
        this.protocol = protocol;
        long h = srcHi * 0x9E3779B97F4A7C15L + srcLo;
        h = h * 0x9E3779B97F4A7C15L + dstHi;
        h = h * 0x9E3779B97F4A7C15L + dstLo;
        h = h * 0x9E3779B97F4A7C15L + ((long) srcPort << 32 | (long) dstPort << 8 | protocol);
        h ^= h >>> 29;
        this.hash = (int) (h ^ h >>> 32);
    }

    public int version() {
        return version;
    }

    public Host src() {
        return new Host(version, srcHi, srcLo);
    }

    public Host dst() {
        return new Host(version, dstHi, dstLo);
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    public int protocol() {
        return protocol;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey k
                && k.hash == hash
                && k.srcLo == srcLo
                && k.dstLo == dstLo
                && k.srcHi == srcHi
                && k.dstHi == dstHi
                && k.srcPort == srcPort
                && k.dstPort == dstPort
                && k.protocol == protocol
                && k.version == version;
    }

    @Override
    public int compareTo(FlowKey o) {
        int c = Integer.compare(version, o.version);
        c = c != 0 ? c : Long.compareUnsigned(srcHi, o.srcHi);
        c = c != 0 ? c : Long.compareUnsigned(srcLo, o.srcLo);
        c = c != 0 ? c : Long.compareUnsigned(dstHi, o.dstHi);
        c = c != 0 ? c : Long.compareUnsigned(dstLo, o.dstLo);
        c = c != 0 ? c : Integer.compare(srcPort, o.srcPort);
        c = c != 0 ? c : Integer.compare(dstPort, o.dstPort);
        return c != 0 ? c : Integer.compare(protocol, o.protocol);
    }

    /**
     * Writes the key in a few bytes (IPv4 addresses as 4 bytes): the Spark engine moves every split's flow
     * table through a shuffle, where Java serialization of one object per key would cost more than the analysis.
     */
    public void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeByte(version);
        writeAddress(out, version, srcHi, srcLo);
        writeAddress(out, version, dstHi, dstLo);
        out.writeShort(srcPort);
        out.writeShort(dstPort);
        out.writeByte(protocol);
    }

    /** Reads what {@link #writeTo} wrote. */
    public static FlowKey readFrom(java.io.DataInput in) throws java.io.IOException {
        int version = in.readUnsignedByte();
        long srcHi = version == 4 ? 0 : in.readLong();
        long srcLo = version == 4 ? in.readInt() & 0xffffffffL : in.readLong();
        long dstHi = version == 4 ? 0 : in.readLong();
        long dstLo = version == 4 ? in.readInt() & 0xffffffffL : in.readLong();
        return new FlowKey(
                version,
                srcHi,
                srcLo,
                dstHi,
                dstLo,
                in.readUnsignedShort(),
                in.readUnsignedShort(),
                in.readUnsignedByte());
    }

    private static void writeAddress(java.io.DataOutput out, int version, long hi, long lo) throws java.io.IOException {
        if (version == 4) {
            out.writeInt((int) lo);
        } else {
            out.writeLong(hi);
            out.writeLong(lo);
        }
    }

    /** An IP address, compact and comparable. */
    public record Host(int version, long hi, long lo) implements Comparable<Host>, java.io.Serializable {

        /** See {@link FlowKey#writeTo}. */
        public void writeTo(java.io.DataOutput out) throws java.io.IOException {
            out.writeByte(version);
            writeAddress(out, version, hi, lo);
        }

        /** Reads what {@link #writeTo} wrote. */
        public static Host readFrom(java.io.DataInput in) throws java.io.IOException {
            int version = in.readUnsignedByte();
            long hi = version == 4 ? 0 : in.readLong();
            long lo = version == 4 ? in.readInt() & 0xffffffffL : in.readLong();
            return new Host(version, hi, lo);
        }

        @Override
        public int hashCode() {
            long h = hi * 0x9E3779B97F4A7C15L + lo;
            h ^= h >>> 29;
            return (int) (h ^ h >>> 32) + version;
        }

        /**
         * Written out although a record has one: the record's is made at run time by an invokedynamic bootstrap
         * (ObjectMethods), whose method handles cost an analysis of a small pcap ~15 ms of CPU at its first packet.
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Host && ((Host) o).version == version && ((Host) o).hi == hi && ((Host) o).lo == lo;
        }

        @Override
        public int compareTo(Host o) {
            int c = Integer.compare(version, o.version);
            c = c != 0 ? c : Long.compareUnsigned(hi, o.hi);
            return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
        }

        @Override
        public String toString() {
            if (version == 4) {
                return String.format(
                        Locale.ROOT, "%d.%d.%d.%d", lo >>> 24 & 0xff, lo >>> 16 & 0xff, lo >>> 8 & 0xff, lo & 0xff);
            }
            // RFC 5952 text: lower-case hex, the longest run (2+) of zero groups as "::"
            int[] g = new int[8];
            for (int i = 0; i < 4; i++) {
                g[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
                g[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
            }
            int bestStart = -1;
            int bestLen = 1;
            for (int i = 0; i < 8; ) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j == i ? i + 1 : j;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(g[i]));
            }
            return sb.toString();
        }
    }

    /** The flow of a dissected IP frame, or null when it has no complete IP header. */
    public static FlowKey of(byte[] b, int length, FrameDissector d) {
        long[] f = new long[FIELDS];
        return fields(b, length, d, f) ? of(f) : null;
    }

    /** Longs {@link #fields} fills: source hi, lo, destination hi, lo, then {@link #meta}. */
    static final int FIELDS = 5;

    /** Version, ports and protocol in one long (version in the top byte). */
    static long meta(int version, int srcPort, int dstPort, int protocol) {
        return (long) version << 56 | (long) srcPort << 32 | (long) dstPort << 8 | protocol;
    }

    static int version(long meta) {
        return (int) (meta >>> 56);
    }

    /** The key of what {@link #fields} filled in f. */
    static FlowKey of(long[] f) {
        long m = f[4];
        return new FlowKey(
                version(m),
                f[0],
                f[1],
                f[2],
                f[3],
                (int) (m >>> 32) & 0xffff,
                (int) (m >>> 8) & 0xffff,
                (int) m & 0xff);
    }

    /**
     * The flow of a dissected IP frame as {@link #FIELDS} longs in f (see there), without making a key; false
     * when it has no complete IP header. The flow table counts packets by these (a key object per packet, and a
     * hash-map lookup through it, was most of an analysis' time).
     */
    static boolean fields(byte[] b, int length, FrameDissector d, long[] f) {
        int off = d.l3Offset;
        if (off < 0) {
            return false;
        }
        int version;
        if (d.l3Type == FrameDissector.ETHERTYPE_IPV4) {
            version = 4;
            f[0] = 0;
            f[1] = u32(b, off + 12);
            f[2] = 0;
            f[3] = u32(b, off + 16);
        } else {
            version = 6;
            f[0] = u64(b, off + 8);
            f[1] = u64(b, off + 16);
            f[2] = u64(b, off + 24);
            f[3] = u64(b, off + 32);
        }
        int sp = 0;
        int dp = 0;
        int proto = d.l4Protocol < 0 ? 0 : d.l4Protocol;
        if (hasPorts(proto) && d.l4Offset >= 0 && d.l4Offset + 4 <= length) {
            sp = (b[d.l4Offset] & 0xff) << 8 | (b[d.l4Offset + 1] & 0xff);
            dp = (b[d.l4Offset + 2] & 0xff) << 8 | (b[d.l4Offset + 3] & 0xff);
        }
        f[4] = meta(version, sp, dp, proto);
        return true;
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
        String s = version == 6 ? "[" + src() + "]" : src().toString();
        String d = version == 6 ? "[" + dst() + "]" : dst().toString();
        return s + ":" + srcPort + " > " + d + ":" + dstPort + " " + protocolName(protocol);
    }

    public static String protocolName(int p) {
        switch (p) {
            case 6:
                return "tcp";
            case 17:
                return "udp";
            case 1:
                return "icmp";
            case 58:
                return "icmpv6";
            case 132:
                return "sctp";
            default:
                return "proto" + p;
        }
    }
}
