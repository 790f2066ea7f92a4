package io.netvcr.prep;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.dissect.Checksums;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.pcap.PcapWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Synthetic Ethernet frames (198.18.0.0/15, 2001:db8::/32, locally administered MACs) with valid checksums. */
final class Frames {
    static final byte[] MAC_A = {0x02, 0, 0, 0, 0, 0x0a};
    static final byte[] MAC_B = {0x02, 0, 0, 0, 0, 0x0b};

    private Frames() {}

    static byte[] v4(String a) {
        String[] p = a.split("\\.");
        return new byte[] {
            (byte) Integer.parseInt(p[0]),
            (byte) Integer.parseInt(p[1]),
            (byte) Integer.parseInt(p[2]),
            (byte) Integer.parseInt(p[3])
        };
    }

    static byte[] v6(String a) {
        try {
            return java.net.InetAddress.getByName(a).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An IP frame: proto 6 (TCP, flags), 17 (UDP), 1/58 (ICMP echo); payload bytes 0x5a..; vlan &lt; 0 for none. */
    static byte[] ip(byte[] src, byte[] dst, int proto, int sport, int dport, int tcpFlags, int payload, int vlan) {
        boolean v6 = src.length == 16;
        int l4h = proto == 6 ? 20 : 8;
        int ipH = v6 ? 40 : 20;
        int eth = vlan >= 0 ? 18 : 14;
        int len = eth + ipH + l4h + payload;
        byte[] b = new byte[len];
        System.arraycopy(MAC_B, 0, b, 0, 6);
        System.arraycopy(MAC_A, 0, b, 6, 6);
        int off = 12;
        if (vlan >= 0) {
            put16(b, 12, 0x8100);
            put16(b, 14, vlan);
            off = 16;
        }
        put16(b, off, v6 ? 0x86dd : 0x0800);
        int l3 = off + 2;
        int l4 = l3 + ipH;
        if (v6) {
            b[l3] = 0x60;
            put16(b, l3 + 4, l4h + payload);
            b[l3 + 6] = (byte) proto;
            b[l3 + 7] = 64;
            System.arraycopy(src, 0, b, l3 + 8, 16);
            System.arraycopy(dst, 0, b, l3 + 24, 16);
        } else {
            b[l3] = 0x45;
            put16(b, l3 + 2, ipH + l4h + payload);
            put16(b, l3 + 4, 0x1234);
            b[l3 + 8] = 64;
            b[l3 + 9] = (byte) proto;
            System.arraycopy(src, 0, b, l3 + 12, 4);
            System.arraycopy(dst, 0, b, l3 + 16, 4);
            put16(b, l3 + 10, Checksums.ipv4Header(b, l3));
        }
        if (proto == 6) {
            put16(b, l4, sport);
            put16(b, l4 + 2, dport);
            b[l4 + 7] = 1;
            b[l4 + 12] = 0x50;
            b[l4 + 13] = (byte) tcpFlags;
            put16(b, l4 + 14, 65535);
        } else if (proto == 17) {
            put16(b, l4, sport);
            put16(b, l4 + 2, dport);
            put16(b, l4 + 4, 8 + payload);
        } else {
            b[l4] = (byte) (proto == 58 ? 128 : 8);
            put16(b, l4 + 4, sport);
            put16(b, l4 + 6, dport);
        }
        for (int i = l4 + l4h; i < len; i++) {
            b[i] = (byte) (0x5a + i);
        }
        int c = Checksums.transport(b, l3, l4, l4h + payload, proto, v6);
        put16(b, l4 + Checksums.checksumFieldOffset(proto), c);
        return b;
    }

    static byte[] arp() {
        byte[] b = new byte[60];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) 0xff;
        }
        System.arraycopy(MAC_A, 0, b, 6, 6);
        put16(b, 12, 0x0806);
        put16(b, 14, 1);
        put16(b, 16, 0x0800);
        b[18] = 6;
        b[19] = 4;
        put16(b, 20, 1);
        return b;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static Packet packet(long ts, byte[] frame) {
        Packet p = new Packet();
        System.arraycopy(frame, 0, p.prepare(frame.length), 0, frame.length);
        p.timestampNs = ts;
        p.wireLength = frame.length;
        p.linkType = LinkTypes.ETHERNET;
        return p;
    }

    static void writeNvcr(Path out, List<Packet> packets) throws IOException {
        try (FileChannel ch = FileChannel.open(
                        out,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                NvcrWriter w = new NvcrWriter(ch, new NvcrHeader())) {
            for (Packet p : packets) {
                w.append(p);
            }
            w.finish();
        }
    }

    static void writePcap(Path out, List<Packet> packets) throws IOException {
        try (FileChannel ch = FileChannel.open(
                        out,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                PcapWriter w = new PcapWriter(ch, out.toString())) {
            w.linkType(LinkTypes.ETHERNET);
            for (Packet p : packets) {
                w.write(p);
            }
            w.finish();
        }
    }
}
