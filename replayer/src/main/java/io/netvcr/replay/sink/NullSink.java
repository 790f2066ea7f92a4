package io.netvcr.replay.sink;

import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import net.openhft.chronicle.bytes.BytesStore;

/** Accepts every frame and does nothing: measures the replay loop itself (trace access, timing, frame build). */
public final class NullSink implements PacketSink {
    public static final SinkKind KIND =
            new SinkKind("null", "", "measures the loop only, sends nothing", false, arg -> new NullSink());

    /** Read so the JIT cannot drop the frame build as dead code. */
    private long checksum;

    private final boolean fromMemory;

    public NullSink() {
        this(false);
    }

    /** @param fromMemory read frames at their address only, as {@link RawSocketSink} does (warms that path up) */
    public NullSink(boolean fromMemory) {
        this.fromMemory = fromMemory;
    }

    @Override
    public boolean sendsFromMemory() {
        return fromMemory;
    }

    @Override
    public void open(Mechanisms mechanisms) {}

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        checksum += (fromMemory ? net.openhft.chronicle.core.UnsafeMemory.MEMORY.readByte(address) : frame.readByte(0))
                + length;
        return length;
    }

    public long checksum() {
        return checksum;
    }

    @Override
    public String describe() {
        return "null";
    }

    @Override
    public void close() {}
}
