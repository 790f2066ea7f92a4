package io.netvcr.replay.sink;

import io.netvcr.replay.ReplayException;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * An AF_PACKET SOCK_RAW socket bound to one interface: each frame goes out whole (Ethernet header included)
 * with one {@code send()} on the bound socket. Protocol 0 makes the socket transmit-only, so received traffic
 * never queues on it.
 */
public final class RawSocketSink implements PacketSink {
    private static final int SOCKADDR_LL_LENGTH = 20;
    private final String interfaceName;
    private LinuxNative.LibC libc;
    private int fd = -1;
    private long truncated;

    public RawSocketSink(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        libc = LinuxNative.require();
        int ifindex = ifindex(libc, interfaceName);
        fd = openBound(libc, interfaceName, ifindex);
        mechanisms.inForce("AF_PACKET raw socket bound to " + interfaceName + " (ifindex " + ifindex + "), send() per frame, "
            + "records that hold their whole frame sent straight from the mapped trace (no copy)");
    }

    static int ifindex(LinuxNative.LibC libc, String interfaceName) {
        int ifindex = libc.if_nametoindex(interfaceName);
        if (ifindex == 0) {
            throw new ReplayException(ReplayException.Kind.MISSING_INPUT, "no network interface named '" + interfaceName
                + "' here (list them with: ip link)");
        }
        return ifindex;
    }

    /** A transmit-only (protocol 0) AF_PACKET SOCK_RAW socket bound to ifindex; shared by the batching sinks. */
    static int openBound(LinuxNative.LibC libc, String interfaceName, int ifindex) throws IOException {
        int fd = libc.socket(LinuxNative.AF_PACKET, LinuxNative.SOCK_RAW, 0);
        if (fd < 0) {
            int e = LinuxNative.errno();
            if (e == LinuxNative.EPERM || e == LinuxNative.EACCES) {
                throw new ReplayException(ReplayException.Kind.NOT_PERMITTED, "cannot open a raw packet socket on " + interfaceName + ": "
                    + LinuxNative.describe(e) + ". Sending raw frames needs root or the CAP_NET_RAW capability "
                    + "(e.g. sudo setcap cap_net_raw+ep \"$(readlink -f \"$(command -v java)\")\"); without it use "
                    + "--sink udp:HOST:PORT or --sink pcap:FILE");
            }
            throw new IOException("socket(AF_PACKET, SOCK_RAW) failed: " + LinuxNative.describe(e));
        }
        BytesStore<?, Void> sll = BytesStore.nativeStoreWithFixedCapacity(SOCKADDR_LL_LENGTH);
        try {
            sll.zeroOut(0, SOCKADDR_LL_LENGTH);
            sll.writeShort(0, (short) LinuxNative.AF_PACKET);
            sll.writeInt(4, ifindex);
            if (libc.bind(fd, sll.addressForWrite(0), SOCKADDR_LL_LENGTH) != 0) {
                int e = LinuxNative.errno();
                libc.close(fd);
                throw new IOException("cannot bind raw socket to " + interfaceName + ": " + LinuxNative.describe(e));
            }
        } finally {
            sll.releaseLast();
        }
        return fd;
    }

    /** The interface's MTU (SIOCGIFMTU on the socket, so it is the MTU in the socket's namespace), or -1. */
    static int mtu(LinuxNative.LibC libc, int fd, String interfaceName) {
        BytesStore<?, Void> ifreq = BytesStore.nativeStoreWithFixedCapacity(40);
        try {
            ifreq.zeroOut(0, 40);
            byte[] name = interfaceName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ifreq.write(0, name, 0, Math.min(name.length, 15));
            if (libc.ioctl(fd, LinuxNative.SIOCGIFMTU, ifreq.addressForWrite(0)) != 0) {
                return -1;
            }
            return ifreq.readInt(16); // struct ifreq: char ifr_name[16], then the union (int ifr_mtu)
        } finally {
            ifreq.releaseLast();
        }
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        long r = libc.send(fd, address, length, 0);
        if (r < 0) {
            return -LinuxNative.errno();
        }
        if (r < length) {
            truncated++;
        }
        return r;
    }

    /** send() reads only the address: records that already are their frame go out from the mapped window. */
    @Override
    public boolean sendsFromMemory() {
        return true;
    }

    @Override
    public long truncated() {
        return truncated;
    }

    @Override
    public boolean needsEthernet() {
        return true;
    }

    @Override
    public String describe() {
        return interfaceName;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }
}
