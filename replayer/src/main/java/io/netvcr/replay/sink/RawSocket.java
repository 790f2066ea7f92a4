package io.netvcr.replay.sink;

import io.netvcr.replay.ReplayException;
import io.netvcr.replay.os.LinuxNative;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * What every raw-socket sink (single, mmsg/auto, ring) shares: a transmit-only AF_PACKET SOCK_RAW socket bound to
 * one interface, opened on the sending thread (so it lives in that thread's network namespace), one whole frame
 * per {@code send()}, and its close. Protocol 0 makes the socket transmit-only, so received traffic never queues on
 * it. Subclasses add how frames are batched; the trace must hold Ethernet frames for all of them.
 */
abstract class RawSocket implements PacketSink {
    private static final int SOCKADDR_LL_LENGTH = 20;
    protected final String interfaceName;
    protected LinuxNative.LibC libc;
    protected int fd = -1;
    protected int ifindex;

    RawSocket(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    /** Opens and binds the socket; a missing interface or privilege is the engine's failure of that kind. */
    protected final void openSocket() throws IOException {
        libc = LinuxNative.require();
        ifindex = libc.if_nametoindex(interfaceName);
        if (ifindex == 0) {
            throw new ReplayException(
                    ReplayException.Kind.MISSING_INPUT,
                    "no network interface named '" + interfaceName + "' here (list them with: ip link)");
        }
        int s = libc.socket(LinuxNative.AF_PACKET, LinuxNative.SOCK_RAW, 0);
        if (s < 0) {
            int e = LinuxNative.errno();
            if (e == LinuxNative.EPERM || e == LinuxNative.EACCES) {
                throw new ReplayException(
                        ReplayException.Kind.NOT_PERMITTED,
                        "cannot open a raw packet socket on " + interfaceName + ": "
                                + LinuxNative.describe(e)
                                + ". Sending raw frames needs root or the CAP_NET_RAW capability "
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
            if (libc.bind(s, sll.addressForWrite(0), SOCKADDR_LL_LENGTH) != 0) {
                int e = LinuxNative.errno();
                libc.close(s);
                throw new IOException("cannot bind raw socket to " + interfaceName + ": " + LinuxNative.describe(e));
            }
        } finally {
            sll.releaseLast();
        }
        fd = s;
    }

    /** The interface's MTU (SIOCGIFMTU on the socket, so it is the MTU in the socket's namespace), or -1. */
    protected final int mtu() {
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

    /**
     * One whole frame with one send() on the bound socket: bytes taken, or -errno. Without a branch on the result:
     * the JIT warm-up's sends all fail (EFAULT, nothing sent) and the replay's succeed, so C2 compiled the branch
     * from a profile that never saw a success and the first real frame trapped there (unstable_if, a
     * deoptimisation of the send loop at the start; JFR jdk.Deoptimization, bench/first-packet). errno is read
     * every time instead (jnr-ffi saved it already; reading it is a thread-local load).
     */
    protected final long sendFrame(long address, int length) {
        long r = libc.send(fd, address, length, 0);
        long failed = r >> 63; // -1 when the call failed, else 0
        return r & ~failed | -(long) LinuxNative.errno() & failed;
    }

    /** Closes the socket once (close may run again after a failed open). */
    protected final void closeSocket() {
        if (fd >= 0) {
            libc.close(fd);
            fd = -1;
        }
    }

    @Override
    public final boolean needsEthernet() {
        return true;
    }

    @Override
    public final String describe() {
        return interfaceName;
    }
}
