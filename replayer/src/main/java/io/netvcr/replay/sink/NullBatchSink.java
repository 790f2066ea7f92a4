package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * A batching sink that sends nowhere: warms the batched send loop up (JIT) before a batching sink's real run, and
 * lets tests measure that loop (allocation, counts) without a network.
 */
public final class NullBatchSink implements BatchSink {
    private final int maxBatch;
    private final int slotCapacity;
    private final FrameBuilder[] builders;
    private final BytesStore<?, Void> buffers;
    /** Read so the JIT cannot drop the frame build as dead code. */
    private long checksum;

    private final boolean fromMemory;

    /** @param fromMemory take whole-frame records straight from the mapping, as {@link MmsgSink} does */
    public NullBatchSink(int maxBatch, int slotCapacity, boolean fromMemory) {
        this.fromMemory = fromMemory;
        this.maxBatch = maxBatch;
        this.slotCapacity = slotCapacity;
        this.buffers = BytesStore.nativeStoreWithFixedCapacity((long) maxBatch * slotCapacity);
        this.builders = new FrameBuilder[maxBatch];
        for (int k = 0; k < maxBatch; k++) {
            builders[k] = new FrameBuilder(buffers, (long) k * slotCapacity, slotCapacity);
        }
    }

    @Override
    public void open(Mechanisms mechanisms) {}

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public int slotCapacity() {
        return slotCapacity;
    }

    @Override
    public FrameBuilder acquire(int k) {
        return builders[k];
    }

    @Override
    public void commit(int k, int length) {
        checksum += buffers.readByte((long) k * slotCapacity) + length;
    }

    @Override
    public boolean sendsFromMemory() {
        return fromMemory;
    }

    @Override
    public void commitAt(int k, long address, int length) {
        checksum += net.openhft.chronicle.core.UnsafeMemory.MEMORY.readByte(address) + length;
    }

    @Override
    public long flush(int from, int n, long timeNs) {
        return n - from;
    }

    @Override
    public void complete(int n) {}

    @Override
    public String mode() {
        return "null-batch";
    }

    public long checksum() {
        return checksum;
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        return length;
    }

    @Override
    public String describe() {
        return "null";
    }

    @Override
    public void close() {
        buffers.releaseLast();
    }
}
