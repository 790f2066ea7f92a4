package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * {@code sendmmsg} over a bound AF_PACKET raw socket: a batch of frames already due goes out in one call. Frames are
 * built in a ring of pre-zeroed send buffers, one {@link FrameBuilder} per buffer (so each keeps its own dirty mark
 * and padded payloads cost only what the previous frame in that buffer dirtied).
 *
 * <p>The kernel structures are raw memory laid out here (x86-64 / LP64 offsets, no jnr Struct):
 * <pre>
 * struct iovec   { void *iov_base @0; size_t iov_len @8; }                              16 bytes
 * struct msghdr  { void *msg_name @0; socklen_t msg_namelen @8; struct iovec *msg_iov @16;
 *                  size_t msg_iovlen @24; void *msg_control @32; size_t msg_controllen @40;
 *                  int msg_flags @48; }                                                  56 bytes
 * struct mmsghdr { struct msghdr msg_hdr @0; unsigned msg_len @56; }                     64 bytes
 * </pre>
 * msg_name is NULL (the socket is bound), one iovec per message.
 */
public final class MmsgSink extends RawSocket implements DryRunSink {
    static final int IOVEC_SIZE = 16;
    static final int MMSGHDR_SIZE = 64;
    static final int MSG_IOV = 16;
    static final int MSG_IOVLEN = 24;
    static final int IOV_LEN = 8;

    private final int maxBatch;
    private final boolean auto;
    private BytesStore<?, Void> buffers;
    private BytesStore<?, Void> headers;
    private long headersAddress;
    private FrameBuilder[] builders;
    private long[] frameAddress;
    /** Where position k's frame is this batch: its slot, or a record in the mapped window. */
    private long[] sendAddress;

    private int[] frameLength;
    private int slotSize;

    public MmsgSink(String interfaceName, int maxBatch, boolean auto) {
        super(interfaceName);
        this.maxBatch = maxBatch;
        this.auto = auto;
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        openSocket();
        int mtu = mtu();
        // A frame beyond MTU + link header (+ VLAN tag) is refused by the kernel anyway; slots need no more.
        slotSize = (int) Math.min(FrameBuilder.MAX_FRAME, mtu > 0 ? align(mtu + 14 + 4, 64) : FrameBuilder.MAX_FRAME);
        buffers = BytesStore.nativeStoreWithFixedCapacity((long) slotSize * maxBatch);
        headers = BytesStore.nativeStoreWithFixedCapacity((long) (MMSGHDR_SIZE + IOVEC_SIZE) * maxBatch);
        headers.zeroOut(0, headers.realCapacity());
        headersAddress = headers.addressForWrite(0);
        long iovecs = headersAddress + (long) MMSGHDR_SIZE * maxBatch;
        builders = new FrameBuilder[maxBatch];
        frameAddress = new long[maxBatch];
        sendAddress = new long[maxBatch];
        frameLength = new int[maxBatch];
        for (int k = 0; k < maxBatch; k++) {
            builders[k] = new FrameBuilder(buffers, (long) k * slotSize, slotSize);
            frameAddress[k] = builders[k].address();
            long hdr = (long) MMSGHDR_SIZE * k;
            long iov = iovecs + (long) IOVEC_SIZE * k;
            headers.writeLong(hdr + MSG_IOV, iov);
            headers.writeLong(hdr + MSG_IOVLEN, 1);
            headers.writeLong(iov - headersAddress, frameAddress[k]);
        }
        mechanisms.inForce("AF_PACKET raw socket bound to " + interfaceName + " (ifindex " + ifindex + "), "
                + (auto
                        ? "send-mode auto: sendmmsg for batches of frames already due (up to " + maxBatch
                                + "), send() when one frame is due"
                        : "sendmmsg, batches of up to " + maxBatch + " frames already due")
                + ", " + maxBatch + " pre-zeroed send buffers of " + slotSize
                + " bytes for padded frames; records that hold "
                + (COPY_FRAMES
                        ? "their whole frame are copied too (-Dnetvcr.replay.copyFrames=true)"
                        : "their whole frame are sent straight from the mapped trace (no copy)"));
    }

    private static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public int slotCapacity() {
        return slotSize;
    }

    @Override
    public FrameBuilder acquire(int k) {
        return builders[k];
    }

    @Override
    public void commit(int k, int length) {
        point(k, frameAddress[k], length);
    }

    /**
     * Benchmarks only ({@code -Dnetvcr.replay.copyFrames=true}): build every frame into a send buffer, as before
     * zero-copy sends, so bench/zerocopy.sh can compare both in one run.
     */
    static final boolean COPY_FRAMES = Boolean.getBoolean("netvcr.replay.copyFrames");

    /** A record that already is its frame goes out from the mapped window: the iovec points there, nothing is copied. */
    @Override
    public boolean sendsFromMemory() {
        return !COPY_FRAMES;
    }

    @Override
    public void commitAt(int k, long address, int length) {
        point(k, address, length);
    }

    private void point(int k, long address, int length) {
        sendAddress[k] = address;
        frameLength[k] = length;
        long iov = (long) (MMSGHDR_SIZE * maxBatch + IOVEC_SIZE * k);
        headers.writeLong(iov, address);
        headers.writeLong(iov + IOV_LEN, length);
    }

    @Override
    public long flush(int from, int n, long timeNs) {
        long live = this.live;
        if (n - from == 1 && auto) {
            // Dry: the frame address is 1 (page 0, never mapped): the kernel fails the copy with EFAULT, sends nothing.
            long r = sendFrame(sendAddress[from] & live | 1 & ~live, frameLength[from]);
            return (r & live | 1 & ~live) < 0 ? r : 1;
        }
        // Dry: zero messages, which the kernel's sendmmsg answers with 0 at once; the frames count as taken.
        int k = n - from;
        int r = libc.sendmmsg(fd, headersAddress + (long) MMSGHDR_SIZE * from, k & (int) live, 0) + (k & ~(int) live);
        return r < 0 ? -LinuxNative.errno() : r == 0 ? -LinuxNative.EAGAIN : r;
    }

    /**
     * Dry run ({@link DryRunSink}): a single frame goes to the kernel from an unmapped address (EFAULT), a batch as
     * zero messages.
     */
    @Override
    public void dryRun(boolean dry) {
        live = dry ? 0 : -1L;
    }

    /** -1 sending, 0 in a dry run: ANDed into what the kernel is given ({@link #dryRun}). */
    private long live = -1L;

    @Override
    public void complete(int n) {
        // buffers are reused from position 0 by the next batch
    }

    @Override
    public boolean singleForOne() {
        return auto;
    }

    @Override
    public String mode() {
        return auto ? "auto" : "mmsg";
    }

    /** Single-frame path (used only if a caller does not batch): the frame goes out as it is. */
    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        return sendFrame(address, length);
    }

    @Override
    public void close() {
        closeSocket();
        if (buffers != null) {
            buffers.releaseLast();
            headers.releaseLast();
            buffers = null;
        }
    }
}
