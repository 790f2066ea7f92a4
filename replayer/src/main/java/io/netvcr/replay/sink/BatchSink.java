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
     * Sends positions [from, n) of the batch with one system call.
     *
     * @return frames the kernel took (&gt; 0; may be fewer than n - from: the caller flushes the rest), or -errno
     */
    long flush(int from, int n);

    /** Ends a batch of n frames once all are sent (the ring advances its head). */
    void complete(int n);

    /** Whether a batch of one goes out with a plain send() (auto mode: one send per deadline, as --send-mode single). */
    default boolean singleForOne() {
        return false;
    }

    /** Name for the report: "mmsg", "ring", "auto". */
    String mode();
}
