package io.netvcr.formats.nvcr;

import static io.netvcr.formats.nvcr.NvcrLayout.NONE16;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Builds, in one reusable buffer, the frame a prepared record puts on the wire: its stored bytes, zero
 * padding up to the send length, and the precomputed transport checksum where it falls in the padding.
 * Only bytes the previous frame dirtied are zeroed again. Shared by the replayer's send loop and by
 * {@code netvcr-convert --as-replayed}, so what is exported is exactly what is sent. Allocates nothing.
 */
public final class FrameBuilder {
    /** Largest frame the builder accepts (jumbo frames and GSO captures kept with --oversize keep). */
    public static final int MAX_FRAME = 65536 + 256;

    private final BytesStore<?, ?> frame;
    /** Every byte at or beyond this offset is zero. */
    private int dirty;

    /** Builds into a native (off-heap) buffer whose address can be handed to send calls. */
    public FrameBuilder() {
        this(BytesStore.nativeStoreWithFixedCapacity(MAX_FRAME));
    }

    public FrameBuilder(BytesStore<?, ?> target) {
        this.frame = target;
        frame.zeroOut(0, Math.min(MAX_FRAME, frame.realCapacity()));
    }

    public BytesStore<?, ?> frame() {
        return frame;
    }

    /** Native address of the frame (valid for native stores). */
    public long address() {
        return frame.addressForRead(0);
    }

    /**
     * Builds the frame for r and returns its length: the record's send length (or its wire length if the
     * record is not prepared), capped at {@link #MAX_FRAME}.
     */
    public int build(NvcrRecord r) {
        int len = r.sendLength();
        if (len == 0) {
            len = r.wireLength();
        }
        if (len > MAX_FRAME) {
            len = MAX_FRAME;
        }
        int stored = Math.min(r.storedLength(), len);
        frame.write(0, r.store(), r.dataOffset(), stored);
        if (dirty > stored) {
            frame.zeroOut(stored, Math.min(dirty, len));
        }
        int newDirty = Math.max(stored, dirty > len ? dirty : 0);
        int csumAt = r.l4ChecksumOffset();
        if (csumAt != NONE16 && csumAt + 2 <= len) {
            int c = r.l4Checksum();
            frame.writeByte(csumAt, (byte) (c >>> 8));
            frame.writeByte(csumAt + 1, (byte) c);
            newDirty = Math.max(newDirty, csumAt + 2);
        }
        dirty = newDirty;
        return len;
    }

    /** Copies the last built frame (len bytes) to a heap array, for exports and tests. */
    public void copyTo(byte[] dst, int len) {
        frame.read(0, dst, 0, len);
    }
}
