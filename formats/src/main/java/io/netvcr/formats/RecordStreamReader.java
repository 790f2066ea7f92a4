package io.netvcr.formats;

import io.netvcr.formats.io.RecordStream;
import java.io.IOException;

/**
 * Base of the readers that take one record at a time from a {@link RecordStream}: their position is the
 * stream's (so every error names the record and its file offset the same way), and capture order is judged the
 * same way for all of them (a time earlier than the previous packet's is flagged, never reordered).
 */
public abstract class RecordStreamReader implements TraceReader {
    protected final RecordStream in;
    private final String formatName;
    private long lastTimestamp = Long.MIN_VALUE;

    protected RecordStreamReader(TraceSource source, String formatName) {
        this.in = new RecordStream(source.name(), source.in());
        this.formatName = formatName;
    }

    /** Flags p {@link PacketFlags#OUT_OF_ORDER} when its time is earlier than the previous packet's. */
    protected final void markOrder(Packet p) {
        if (p.timestampNs < lastTimestamp) {
            p.flags |= PacketFlags.OUT_OF_ORDER;
        }
        lastTimestamp = p.timestampNs;
    }

    @Override
    public long recordIndex() {
        return in.recordIndex();
    }

    @Override
    public long byteOffset() {
        return in.recordStart();
    }

    @Override
    public String formatName() {
        return formatName;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
