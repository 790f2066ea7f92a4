package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * PACKET_MMAP TX ring (TPACKET_V2) with PACKET_QDISC_BYPASS: frames are built straight into the ring's slots
 * (one {@link FrameBuilder} per slot, so the zero-padding dirty mark is per slot), marked TP_STATUS_SEND_REQUEST,
 * and a batch is kicked with one {@code send(fd, NULL, 0, MSG_DONTWAIT)}.
 *
 * <p>Slot layout (struct tpacket2_hdr, {@code <linux/if_packet.h>}, 32 bytes, laid out here by offset):
 * tp_status u32 @0, tp_len u32 @4, tp_snaplen u32 @8, tp_mac u16 @12, tp_net u16 @14, tp_sec u32 @16,
 * tp_nsec u32 @20, tp_vlan_tci u16 @24, tp_vlan_tpid u16 @26, padding @28. Without PACKET_TX_HAS_OFF the kernel
 * reads the frame at TPACKET2_HDRLEN - sizeof(sockaddr_ll) = 52 - 20 = 32 bytes into the slot. tp_status is
 * written last with a release store, so the kernel never sees a half-built frame.
 */
public final class TxRingSink extends RawSocket implements DryRunSink {
    static final int TP_STATUS = 0;
    static final int TP_LEN = 4;
    static final int DATA_OFFSET = 32;
    static final int TP_STATUS_AVAILABLE = 0;
    static final int TP_STATUS_SEND_REQUEST = 1;
    static final int TP_STATUS_WRONG_FORMAT = 4;
    static final int RING_FRAMES = 512;
    static final int BLOCK_SIZE = 1 << 16;
    /** Bounded wait for a slot the kernel still holds: kicks and spins, then gives up (reported as EAGAIN). */
    static final int ACQUIRE_SPINS = 1_000_000;

    private final int maxBatch;
    private long ringAddress;
    private long ringBytes;
    private BytesStore<?, ?> ring;
    private int frameSize;
    private int frames;
    private FrameBuilder[] builders;
    /** Ring slot of batch position 0. */
    private int head;

    public TxRingSink(String interfaceName, int maxBatch) {
        super(interfaceName);
        this.maxBatch = maxBatch;
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        openSocket();
        try {
            setup(mechanisms);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void setup(Mechanisms mechanisms) throws IOException {
        int mtu = mtu();
        // Slots: a power of two holding header + MTU + Ethernet header + VLAN tag, at least 2 KiB.
        int need = DATA_OFFSET + (mtu > 0 ? mtu : 1500) + 14 + 4;
        frameSize = Math.max(2048, Integer.highestOneBit(need - 1) << 1);
        int blockSize = Math.max(BLOCK_SIZE, frameSize);
        frames = Math.max(RING_FRAMES, maxBatch * 2);
        int blocks = (int) (((long) frames * frameSize + blockSize - 1) / blockSize);
        frames = blocks * (blockSize / frameSize);
        BytesStore<?, Void> opt = BytesStore.nativeStoreWithFixedCapacity(16);
        try {
            opt.writeInt(0, LinuxNative.TPACKET_V2);
            check(
                    libc.setsockopt(fd, LinuxNative.SOL_PACKET, LinuxNative.PACKET_VERSION, opt.addressForWrite(0), 4),
                    "PACKET_VERSION TPACKET_V2");
            opt.writeInt(0, 1);
            boolean bypass = libc.setsockopt(
                            fd, LinuxNative.SOL_PACKET, LinuxNative.PACKET_QDISC_BYPASS, opt.addressForWrite(0), 4)
                    == 0;
            if (bypass) {
                mechanisms.inForce("PACKET_QDISC_BYPASS (frames skip the qdisc layer)");
            } else {
                mechanisms.refused("PACKET_QDISC_BYPASS", LinuxNative.describe(LinuxNative.errno()));
            }
            // struct tpacket_req { unsigned tp_block_size, tp_block_nr, tp_frame_size, tp_frame_nr; }
            opt.writeInt(0, blockSize);
            opt.writeInt(4, blocks);
            opt.writeInt(8, frameSize);
            opt.writeInt(12, frames);
            check(
                    libc.setsockopt(fd, LinuxNative.SOL_PACKET, LinuxNative.PACKET_TX_RING, opt.addressForWrite(0), 16),
                    "PACKET_TX_RING");
        } finally {
            opt.releaseLast();
        }
        ringBytes = (long) blockSize * blocks;
        long addr = libc.mmap(null, ringBytes, LinuxNative.PROT_READ_WRITE, LinuxNative.MAP_SHARED, fd, 0);
        if (addr == LinuxNative.MAP_FAILED || addr == 0) {
            throw new IOException(
                    "cannot map the TX ring of " + interfaceName + ": " + LinuxNative.describe(LinuxNative.errno()));
        }
        ringAddress = addr;
        ring = BytesStore.wrap(ringAddress, ringBytes);
        builders = new FrameBuilder[frames];
        for (int i = 0; i < frames; i++) {
            builders[i] = new FrameBuilder(ring, (long) i * frameSize + DATA_OFFSET, frameSize - DATA_OFFSET);
        }
        mechanisms.inForce(String.format(
                "AF_PACKET raw socket bound to %s (ifindex %d), PACKET_MMAP TX ring (TPACKET_V2): %d slots of %d bytes, "
                        + "frames built in the slots, batches of up to %d kicked by send(MSG_DONTWAIT)",
                interfaceName, ifindex, frames, frameSize, maxBatch));
    }

    private void check(int rc, String what) throws IOException {
        if (rc != 0) {
            throw new IOException("setsockopt " + what + " on " + interfaceName + " failed: "
                    + LinuxNative.describe(LinuxNative.errno()));
        }
    }

    private long slot(int k) {
        int i = head + k;
        if (i >= frames) {
            i -= frames;
        }
        return (long) i * frameSize;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public int slotCapacity() {
        return frameSize - DATA_OFFSET;
    }

    @Override
    public FrameBuilder acquire(int k) {
        long s = slot(k);
        int spins = 0;
        while (ring.readVolatileInt(s + TP_STATUS) != TP_STATUS_AVAILABLE) {
            if (++spins > ACQUIRE_SPINS) {
                return null;
            }
            if ((spins & 1023) == 1) {
                libc.send(fd, 0, 0, LinuxNative.MSG_DONTWAIT);
            }
            Thread.onSpinWait();
        }
        return builders[(int) (s / frameSize)];
    }

    @Override
    public void commit(int k, int length) {
        long s = slot(k);
        ring.writeInt(s + TP_LEN, length);
        ring.writeOrderedInt(s + TP_STATUS, TP_STATUS_SEND_REQUEST & (int) live);
    }

    /**
     * Dry run ({@link DryRunSink}): frames are built in their slots but left AVAILABLE, so the kick finds nothing to
     * send, and the ring's head stays put: the kernel looks for the next frame at its own head, which only moves
     * when it sends, so the two must not part.
     */
    @Override
    public void dryRun(boolean dry) {
        live = dry ? 0 : -1L;
    }

    /** -1 sending, 0 in a dry run: ANDed into each slot's status and into the head's advance. */
    private long live = -1L;

    /**
     * Kicks the ring, then counts the frames the kernel took, whatever send() answered: it may take some frames
     * and then report ENOBUFS for the next one, and a frame it took is sent (counting it failed would be wrong).
     */
    @Override
    public long flush(int from, int n, long timeNs) {
        long r = libc.send(fd, 0, 0, LinuxNative.MSG_DONTWAIT);
        int errno = r < 0 ? LinuxNative.errno() : 0;
        // The kernel went through the requested slots in order; one it did not take (queue full) is still SEND_REQUEST.
        int done = 0;
        for (int k = from; k < n; k++) {
            int st = ring.readVolatileInt(slot(k) + TP_STATUS);
            if (st == TP_STATUS_SEND_REQUEST) {
                break;
            }
            if ((st & TP_STATUS_WRONG_FORMAT) != 0) {
                if (done == 0) {
                    return -LinuxNative.EINVAL;
                }
                break;
            }
            done++;
        }
        if (done > 0) {
            return done;
        }
        return errno != 0 ? -errno : -LinuxNative.EAGAIN;
    }

    @Override
    public void complete(int n) {
        head += n & (int) live;
        if (head >= frames) {
            head -= frames;
        }
    }

    @Override
    public String mode() {
        return "ring";
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        return sendFrame(address, length);
    }

    @Override
    public void close() {
        if (ringAddress != 0) {
            libc.munmap(ringAddress, ringBytes);
            ringAddress = 0;
        }
        closeSocket();
    }
}
