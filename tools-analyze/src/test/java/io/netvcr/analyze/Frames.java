package io.netvcr.analyze;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.pcap.PcapWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Synthetic Ethernet frames (198.18.0.0/15, locally administered MACs) and traces written with the formats writers. */
final class Frames {
    static final int UDP = 17;
    static final int TCP = 6;
    static final int ICMP = 1;

    private Frames() {}

    /** An IPv4 frame of the given protocol, distinct per seq (IP ID and source port carry it), wire length len. */
    static Packet ipv4(long ts, int protocol, int seq, int len) {
        Packet p = new Packet();
        byte[] b = p.prepare(len);
        java.util.Arrays.fill(b, 0, len, (byte) 0);
        mac(b, 0, 2);
        mac(b, 6, 1);
        b[12] = 0x08;
        b[13] = 0x00;
        int ip = 14;
        b[ip] = 0x45;
        put16(b, ip + 2, len - 14);
        put16(b, ip + 4, seq & 0xffff);
        b[ip + 8] = 64;
        b[ip + 9] = (byte) protocol;
        b[ip + 12] = (byte) 198;
        b[ip + 13] = 18;
        b[ip + 14] = 0;
        b[ip + 15] = 1;
        b[ip + 16] = (byte) 198;
        b[ip + 17] = 19;
        b[ip + 18] = 0;
        b[ip + 19] = 2;
        int l4 = ip + 20;
        if (protocol == UDP || protocol == TCP) {
            put16(b, l4, 1024 + (seq >>> 16));
            put16(b, l4 + 2, 9);
            put16(b, l4 + 4, seq & 0xffff);
        } else if (protocol == ICMP) {
            b[l4] = 8;
            put16(b, l4 + 6, seq & 0xffff);
        }
        p.timestampNs = ts;
        p.wireLength = len;
        p.linkType = LinkTypes.ETHERNET;
        return p;
    }

    /** An IPv6 frame with the given next header (58 = ICMPv6). */
    static Packet ipv6(long ts, int nextHeader, int seq, int len) {
        Packet p = new Packet();
        byte[] b = p.prepare(len);
        java.util.Arrays.fill(b, 0, len, (byte) 0);
        mac(b, 0, 2);
        mac(b, 6, 1);
        b[12] = (byte) 0x86;
        b[13] = (byte) 0xdd;
        b[14] = 0x60;
        put16(b, 18, len - 54);
        b[20] = (byte) nextHeader;
        b[21] = 64;
        b[22] = 0x20;
        b[23] = 0x01;
        b[24] = 0x0d;
        b[25] = (byte) 0xb8;
        b[37] = 1;
        b[38] = 0x20;
        b[39] = 0x01;
        b[40] = 0x0d;
        b[41] = (byte) 0xb8;
        b[53] = 2;
        put16(b, 54 + 4, seq & 0xffff);
        p.timestampNs = ts;
        p.wireLength = len;
        p.linkType = LinkTypes.ETHERNET;
        return p;
    }

    static Packet arp(long ts) {
        Packet p = new Packet();
        byte[] b = p.prepare(60);
        java.util.Arrays.fill(b, 0, 60, (byte) 0);
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) 0xff;
        }
        mac(b, 6, 1);
        b[12] = 0x08;
        b[13] = 0x06;
        p.timestampNs = ts;
        p.wireLength = 60;
        p.linkType = LinkTypes.ETHERNET;
        return p;
    }

    private static void mac(byte[] b, int off, int last) {
        b[off] = 0x02;
        b[off + 5] = (byte) last;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static Path pcap(Path file, List<Packet> packets) throws IOException {
        try (FileChannel ch = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                PcapWriter w = new PcapWriter(ch, file.toString())) {
            for (Packet p : packets) {
                w.write(p);
            }
            w.finish();
        }
        return file;
    }

    static Path nvcr(Path file, List<Packet> packets) throws IOException {
        NvcrHeader h = new NvcrHeader();
        try (FileChannel ch = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                NvcrWriter w = new NvcrWriter(ch, h)) {
            for (Packet p : packets) {
                w.write(p);
            }
            w.finish();
        }
        return file;
    }

    /** A prepared NetVCR file whose records carry the given send offsets (as netvcr-prep would write them). */
    static Path preparedNvcr(Path file, List<Packet> packets, long[] sendOffsetNs) throws IOException {
        NvcrHeader h = new NvcrHeader();
        h.fileFlags |= NvcrLayout.FILE_PREPARED;
        try (FileChannel ch = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                NvcrWriter w = new NvcrWriter(ch, h)) {
            for (int i = 0; i < packets.size(); i++) {
                Packet p = packets.get(i);
                w.nextRecord()
                        .timestampNs(p.timestampNs)
                        .sendOffsetNs(sendOffsetNs[i])
                        .wireLength(p.wireLength)
                        .sendLength(p.wireLength)
                        .linkType(p.linkType)
                        .flags(io.netvcr.formats.PacketFlags.PREPARED)
                        .l4ChecksumOffset(NvcrLayout.NONE16)
                        .data(p.data(), 0, Math.min(p.capturedLength(), h.snapLength), h.recordLength);
                w.commitRecord();
            }
            w.finish();
        }
        return file;
    }

    static TrafficStats analyze(Path file) throws IOException {
        return analyze(file, new TrafficStats.Settings());
    }

    static TrafficStats analyze(Path file, TrafficStats.Settings s) throws IOException {
        return TraceAnalyzer.analyze(file.toString(), null, s, io.netvcr.cli.Progress.none())
                .stats();
    }
}
