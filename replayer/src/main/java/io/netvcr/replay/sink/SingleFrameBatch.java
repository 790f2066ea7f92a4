package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * A sink that takes one frame per call, driven as batches of one, so the send loop has a single path. The frame
 * is built by the loop's {@link FrameBuilder}; the record handed to the sink is the loop's flyweight, which
 * still points at the staged record when the batch of one is flushed.
 */
public final class SingleFrameBatch implements BatchSink {
    private final PacketSink sink;
    private final FrameBuilder builder;
    private final NvcrRecord record;
    private final BytesStore<?, ?> frame;
    private final long address;
    private int length;
    /** Where this frame is: the builder's buffer, or a record in the mapped window. */
    private long sendAddress;

    public SingleFrameBatch(PacketSink sink, FrameBuilder builder, NvcrRecord record) {
        this.sink = sink;
        this.builder = builder;
        this.record = record;
        this.frame = builder.frame();
        this.address = builder.address();
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        sink.open(mechanisms);
    }

    @Override
    public int maxBatch() {
        return 1;
    }

    @Override
    public int slotCapacity() {
        return FrameBuilder.MAX_FRAME;
    }

    @Override
    public FrameBuilder acquire(int k) {
        return builder;
    }

    @Override
    public void commit(int k, int length) {
        this.length = length;
        this.sendAddress = address;
    }

    @Override
    public boolean sendsFromMemory() {
        return sink.sendsFromMemory();
    }

    @Override
    public void commitAt(int k, long at, int length) {
        this.length = length;
        this.sendAddress = at;
    }

    @Override
    public long flush(int from, int n, long timeNs) {
        long r = sink.send(record, frame, sendAddress, length, timeNs);
        return r >= 0 ? 1 : r;
    }

    @Override
    public void complete(int n) {
        // the builder is reused by the next frame
    }

    @Override
    public boolean isFrameError(int errno) {
        return sink.isFrameError(errno);
    }

    @Override
    public String mode() {
        return sink.describe();
    }

    @Override
    public long send(NvcrRecord r, BytesStore<?, ?> f, long a, int len, long timeNs) {
        return sink.send(r, f, a, len, timeNs);
    }

    @Override
    public boolean needsEthernet() {
        return sink.needsEthernet();
    }

    @Override
    public long truncated() {
        return sink.truncated();
    }

    @Override
    public String describe() {
        return sink.describe();
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }

    @Override
    public void finish() throws IOException {
        sink.finish();
    }

    @Override
    public void discard() throws IOException {
        sink.discard();
    }
}
