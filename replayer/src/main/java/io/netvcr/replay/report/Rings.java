package io.netvcr.replay.report;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The rings between the sending thread and its helpers (ε log writer, pcap drainer): Agrona's single-producer/
 * single-consumer ring over one preallocated off-heap buffer. Its producer and consumer positions sit on
 * cache lines of their own (padded trailer), so the helper draining the ring does not invalidate the line the
 * sender writes for every packet, and a claim + commit neither allocates nor makes a system call.
 */
public final class Rings {
    /** Agrona wants a message type id of at least 1; every message on our rings is of one kind. */
    public static final int MESSAGE = 1;

    private Rings() {}

    /** A ring of dataBytes (a power of two) plus Agrona's trailer, aligned to a cache line. */
    public static OneToOneRingBuffer oneToOne(int dataBytes) {
        if (Integer.bitCount(dataBytes) != 1) {
            throw new IllegalArgumentException("ring size must be a power of two: " + dataBytes);
        }
        int total = dataBytes + RingBufferDescriptor.TRAILER_LENGTH;
        return new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(total, 64)));
    }
}
