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
    /** Where in {@link #frame} the frame starts, and how many bytes it may take there. */
    private final long base;

    private final int capacity;
    /** Every byte at or beyond this offset (relative to base) is zero. */
    private int dirty;

    /** Builds into a native (off-heap) buffer whose address can be handed to send calls. */
    public FrameBuilder() {
        this(BytesStore.nativeStoreWithFixedCapacity(MAX_FRAME));
    }

    public FrameBuilder(BytesStore<?, ?> target) {
        this(target, 0, (int) Math.min(MAX_FRAME, target.realCapacity()));
    }

    /**
     * Builds into target[base, base + capacity): one of several slots of a shared buffer (a ring of send
     * buffers, a PACKET_MMAP TX ring slot). Each slot needs its own builder, since the dirty mark is per slot.
     * The slot is zeroed once here; frames longer than capacity are cut to it (callers that must not cut check
     * {@link #frameLength} first).
     */
    public FrameBuilder(BytesStore<?, ?> target, long base, int capacity) {
        this.frame = target;
        this.base = base;
        this.capacity = Math.min(MAX_FRAME, capacity);
        frame.zeroOut(base, base + this.capacity);
    }

    public BytesStore<?, ?> frame() {
        return frame;
    }

    /** Native address of the frame (valid for native stores). */
    public long address() {
        return frame.addressForRead(base);
    }

    /** Length of the frame r sends: its send length, or its wire length if unprepared, capped at {@link #MAX_FRAME}. */
    public static int frameLength(NvcrRecord r) {
        int len = r.sendLength();
        if (len == 0) {
            len = r.wireLength();
        }
        return Math.min(len, MAX_FRAME);
    }

    /**
     * Builds the frame for r and returns its length: {@link #frameLength}, capped at this builder's capacity.
     */
    public int build(NvcrRecord r) {
        int len = Math.min(frameLength(r), capacity);
        int stored = Math.min(r.storedLength(), len);
        frame.write(base, r.store(), r.dataOffset(), stored);
        if (dirty > stored) {
            frame.zeroOut(base + stored, base + Math.min(dirty, len));
        }
        int newDirty = Math.max(stored, dirty > len ? dirty : 0);
        int csumAt = r.l4ChecksumOffset();
        if (csumAt != NONE16 && csumAt + 2 <= len) {
            int c = r.l4Checksum();
            frame.writeByte(base + csumAt, (byte) (c >>> 8));
            frame.writeByte(base + csumAt + 1, (byte) c);
            newDirty = Math.max(newDirty, csumAt + 2);
        }
        dirty = newDirty;
        return len;
    }

    /** Copies the last built frame (len bytes) to a heap array, for exports and tests. */
    public void copyTo(byte[] dst, int len) {
        frame.read(base, dst, 0, len);
    }
}
