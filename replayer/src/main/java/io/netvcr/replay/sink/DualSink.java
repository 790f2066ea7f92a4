package io.netvcr.replay.sink;

import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import java.io.IOException;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Dual-interface replay (tcpreplay's -i/-I): records whose direction is known and 1 (server side) go to the
 * second sink, all others to the first.
 */
public final class DualSink implements PacketSink {
    private final PacketSink first;
    private final PacketSink second;

    public DualSink(PacketSink first, PacketSink second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void open(Mechanisms mechanisms) throws IOException {
        first.open(mechanisms);
        second.open(mechanisms);
    }

    @Override
    public long send(NvcrRecord record, BytesStore<?, ?> frame, long address, int length, long timeNs) {
        boolean toSecond = (record.flags() & PacketFlags.DIRECTION_KNOWN) != 0 && record.direction() == 1;
        return (toSecond ? second : first).send(record, frame, address, length, timeNs);
    }

    @Override
    public boolean needsEthernet() {
        return first.needsEthernet() || second.needsEthernet();
    }

    @Override
    public long truncated() {
        return first.truncated() + second.truncated();
    }

    @Override
    public String describe() {
        return first.describe() + " + " + second.describe() + " (by direction)";
    }

    @Override
    public boolean sendsFromMemory() {
        return first.sendsFromMemory() && second.sendsFromMemory();
    }

    @Override
    public boolean isFrameError(int errno) {
        return first.isFrameError(errno) && second.isFrameError(errno);
    }

    @Override
    public void close() throws IOException {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
