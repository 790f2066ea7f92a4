package io.netvcr.replay.sink;

import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.ReplayException;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * For users without raw-socket rights: sends part of each frame as one UDP datagram to HOST:PORT over a
 * connected socket. Which part (the "IP payload"):
 * <ul>
 *   <li>UDP or TCP records: the bytes after the UDP header (8 bytes) or TCP header (data offset), i.e. the
 *       application payload;</li>
 *   <li>other IP protocols: everything after the IP header(s), from the record's L4 offset (an ICMP message,
 *       say);</li>
 *   <li>in both cases ending where the IP length field says the packet ends, so Ethernet padding is not
 *       sent;</li>
 *   <li>frames with no IP header (ARP, unknown link types) are skipped and counted.</li>
 * </ul>
 * A zero-length payload (a bare TCP ACK) is sent as an empty datagram, keeping packet count and timing.
 */
public final class UdpSink implements PacketSink {
    public static final SinkKind KIND = new SinkKind(
            "udp",
            "HOST:PORT",
            "sends each frame's payload after its UDP/TCP header, "
                    + "or after the IP header for other protocols, as a datagram",
            false,
            UdpSink::new);

    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private final String host;
    private final int port;
    private LinuxNative.LibC libc;
    private int fd = -1;

    public UdpSink(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw ReplayException.usage("--sink udp:HOST:PORT expected, got 'udp:" + hostPort + "'");
        }
        String h = hostPort.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        this.host = h;
        try {
            this.port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ReplayException.usage("bad UDP port in --sink udp:" + hostPort);
        }
        if (port < 1 || port > 65535) {
            throw ReplayException.usage("UDP port " + port + " out of range 1..65535");
        }
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        libc = LinuxNative.require();
        InetAddress a = InetAddress.getByName(host);
        byte[] ip = a.getAddress();
        boolean v4 = a instanceof Inet4Address;
        int len = v4 ? 16 : 28;
        BytesStore<?, Void> sa = BytesStore.nativeStoreWithFixedCapacity(len);
        try {
            sa.zeroOut(0, len);
            sa.writeShort(0, (short) (v4 ? LinuxNative.AF_INET : LinuxNative.AF_INET6));
            sa.writeByte(2, (byte) (port >>> 8));
            sa.writeByte(3, (byte) port);
            sa.write(v4 ? 4 : 8, ip, 0, ip.length);
            fd = libc.socket(v4 ? LinuxNative.AF_INET : LinuxNative.AF_INET6, LinuxNative.SOCK_DGRAM, 0);
            if (fd < 0) {
                throw new IOException("cannot open a UDP socket: " + LinuxNative.describe(LinuxNative.errno()));
            }
            if (libc.connect(fd, sa.addressForWrite(0), len) != 0) {
                int e = LinuxNative.errno();
                close();
                throw new IOException(
                        "cannot connect UDP socket to " + host + ":" + port + ": " + LinuxNative.describe(e));
            }
        } finally {
            sa.releaseLast();
        }
        mechanisms.inForce("UDP sink " + a.getHostAddress() + ":" + port + " (IP payload of each frame as a datagram)");
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        int l3 = record.l3Offset();
        int l4 = record.l4Offset();
        if (l3 == NvcrLayout.NONE16 || l4 == NvcrLayout.NONE16 || l4 >= length) {
            return SKIPPED;
        }
        int end = ipEnd(record.l3Type(), frame, l3, length);
        int start = l4;
        int proto = record.l4Protocol();
        if (proto == PROTO_UDP) {
            start = l4 + 8;
        } else if (proto == PROTO_TCP && l4 + 13 <= length) {
            start = l4 + ((frame.readUnsignedByte(l4 + 12) >>> 4) * 4);
        }
        if (start > end) {
            start = end;
        }
        long r = libc.send(fd, address + start, end - start, 0);
        return r < 0 ? -LinuxNative.errno() : r;
    }

    /**
     * A connected UDP socket reports an ICMP port-unreachable from the far end as ECONNREFUSED on a later send:
     * that datagram is not sent, but the next one may be (the receiver may start late): count it, go on.
     */
    @Override
    public boolean isFrameError(int errno) {
        return errno == LinuxNative.ECONNREFUSED;
    }

    /** End of the IP packet per its length field, capped at the frame. */
    private static int ipEnd(int l3Type, BytesStore<?, ?> frame, int l3, int length) {
        int end = length;
        if (l3Type == FrameDissector.ETHERTYPE_IPV4 && l3 + 4 <= length) {
            end = l3 + (frame.readUnsignedByte(l3 + 2) << 8 | frame.readUnsignedByte(l3 + 3));
        } else if (l3Type == FrameDissector.ETHERTYPE_IPV6 && l3 + 6 <= length) {
            int pl = frame.readUnsignedByte(l3 + 4) << 8 | frame.readUnsignedByte(l3 + 5);
            end = l3 + 40 + pl;
        }
        return Math.min(Math.max(end, 0), length);
    }

    @Override
    public String describe() {
        return "udp:" + host + ":" + port;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
