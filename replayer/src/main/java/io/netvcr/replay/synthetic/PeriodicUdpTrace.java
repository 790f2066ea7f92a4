package io.netvcr.replay.synthetic;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.dissect.Checksums;
import io.netvcr.formats.pcap.PcapWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A periodic synthetic trace that is safe to put on a test wire: Ethernet between locally administered MACs
 * (02:...), IPv4 inside 198.18.0.0/15 (RFC 2544 benchmarking space), UDP to the discard port, valid IP and UDP
 * checksums, and the packet index in the payload so every frame is unique. Used by netvcr demo when the
 * bundled sample is absent, and by tests.
 */
public final class PeriodicUdpTrace {
    public static final long BASE_TIME_NS = 1_700_000_000_000_000_000L;

    private PeriodicUdpTrace() {
    }

    /** Frame i (payloadBytes &gt;= 8) into dst; returns its length. */
    public static int frame(long i, int payloadBytes, byte[] dst) {
        int ipLen = 20 + 8 + payloadBytes;
        int n = 14 + ipLen;
        java.util.Arrays.fill(dst, 0, Math.max(n, 60), (byte) 0);
        byte[] dstMac = {0x02, 0, 0, 0, 0, 0x02};
        byte[] srcMac = {0x02, 0, 0, 0, 0, 0x01};
        System.arraycopy(dstMac, 0, dst, 0, 6);
        System.arraycopy(srcMac, 0, dst, 6, 6);
        dst[12] = 0x08;
        dst[13] = 0x00;
        int ip = 14;
        dst[ip] = 0x45;
        put16(dst, ip + 2, ipLen);
        put16(dst, ip + 4, (int) i);
        dst[ip + 8] = 64;
        dst[ip + 9] = 17;
        byte[] src = {(byte) 198, 18, 0, 1};
        byte[] to = {(byte) 198, 19, 0, 1};
        System.arraycopy(src, 0, dst, ip + 12, 4);
        System.arraycopy(to, 0, dst, ip + 16, 4);
        put16(dst, ip + 10, Checksums.ipv4Header(dst, ip));
        int udp = ip + 20;
        put16(dst, udp, 1024 + (int) (i % 1000));
        put16(dst, udp + 2, 9);
        put16(dst, udp + 4, 8 + payloadBytes);
        for (int k = 0; k < 8; k++) {
            dst[udp + 8 + k] = (byte) (i >>> (56 - 8 * k));
        }
        for (int k = 8; k < payloadBytes; k++) {
            dst[udp + 8 + k] = (byte) (k + i);
        }
        put16(dst, udp + 6, Checksums.transport(dst, ip, udp, 8 + payloadBytes, Checksums.UDP, false));
        return Math.max(n, 60);
    }

    /** Writes count frames, one every gapNs, as a nanosecond pcap. */
    public static void writePcap(Path path, long count, long gapNs, int payloadBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            PcapWriter w = new PcapWriter(ch, path.toString());
            Packet p = new Packet();
            byte[] buf = new byte[2048];
            for (long i = 0; i < count; i++) {
                int n = frame(i, payloadBytes, buf);
                System.arraycopy(buf, 0, p.prepare(n), 0, n);
                p.timestampNs = BASE_TIME_NS + i * gapNs;
                p.wireLength = n;
                p.linkType = LinkTypes.ETHERNET;
                w.write(p);
            }
            w.finish();
        }
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
