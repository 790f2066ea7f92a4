package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.FrameBuilder;

/**
 * A sink that takes several frames per system call. The send loop assembles a batch of up to {@link #maxBatch}
 * frames, each built by the slot's own {@link FrameBuilder} straight into the memory the kernel reads (so nothing
 * is copied afterwards), then hands the batch over with {@link #flush}. All methods run on the sending thread and
 * allocate nothing.
 */
public interface BatchSink extends PacketSink {
    /** Frames one batch may hold. */
    int maxBatch();

    /** Largest frame a slot holds; a longer frame is refused (EMSGSIZE) rather than cut. */
    int slotCapacity();

    /**
     * Makes batch position k writable (a TX ring slot may still be in the kernel's hands) and returns its builder;
     * null if the slot did not come free within a bounded wait.
     */
    FrameBuilder acquire(int k);

    /** Marks batch position k as holding a built frame of length bytes. */
    void commit(int k, int length);

    /**
     * Whether the sink can send a frame straight from memory it does not own (the mapped trace window), through
     * {@link #commitAt}, instead of having it built into a slot.
     */
    default boolean sendsFromMemory() {
        return false;
    }

    /**
     * Batch position k is the length bytes at address (a record's stored bytes in the mapped window, which already
     * are the whole frame): nothing is copied. The memory stays valid until the batch is flushed.
     */
    default void commitAt(int k, long address, int length) {
        throw new UnsupportedOperationException("this sink builds every frame in its own slots");
    }

    /**
     * Sends positions [from, n) of the batch with one system call.
     *
     * @param timeNs monotonic time read just before this call (the send time of every frame in it)
     * @return frames the kernel took (&gt; 0; may be fewer than n - from: the caller flushes the rest), -errno for
     *         position from, or {@link PacketSink#SKIPPED} when the sink has no way to carry position from
     */
    long flush(int from, int n, long timeNs);

    /**
     * Whether errno, returned for one frame, concerns that frame alone (a UDP datagram refused by the far end):
     * the frame counts as failed and the replay goes on, unless --stop-on-error.
     */
    default boolean isFrameError(int errno) {
        return false;
    }

    /** Ends a batch of n frames once all are sent (the ring advances its head). */
    void complete(int n);

    /** Whether a batch of one goes out with a plain send() (auto mode: one send per deadline, as --send-mode single). */
    default boolean singleForOne() {
        return false;
    }

    /** Name for the report: "mmsg", "ring", "auto". */
    String mode();
}
