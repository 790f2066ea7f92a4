package io.netvcr.formats.nvcr;

import static io.netvcr.formats.nvcr.NvcrLayout.*;

import io.netvcr.formats.Packet;
import io.netvcr.formats.RecordStreamReader;
import io.netvcr.formats.TraceSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Reads a NetVCR file sequentially from any stream (pipes included), through the same flyweight as mapped
 * access. The stored bytes become the packet's data; the other fields are available from {@link #record()}.
 */
public final class NvcrStreamReader extends RecordStreamReader {
    private final NvcrHeader header;
    private final byte[] buf;
    private final BytesStore<?, byte[]> store;
    private final NvcrRecord record = new NvcrRecord();
    private final NvcrValidator validator;
    private long remaining;

    public NvcrStreamReader(TraceSource source) throws IOException {
        super(source, "nvcr");
        byte[] h = new byte[HEADER_LENGTH];
        // through the RecordStream, so record offsets in errors are file offsets
        int got = in.readUpTo(h, 0, HEADER_LENGTH, "NetVCR header");
        header = NvcrHeader.decode(ByteBuffer.wrap(h, 0, got), source.name());
        buf = new byte[header.recordLength];
        store = BytesStore.wrap(buf);
        remaining = header.recordCount;
        NvcrValidator.checkHeader(source.name(), header);
        validator = new NvcrValidator(source.name(), header);
    }

    public NvcrHeader header() {
        return header;
    }

    /** The flyweight on the record last returned by {@link #next}. */
    public NvcrRecord record() {
        return record;
    }

    @Override
    public boolean next(Packet p) throws IOException {
        if (remaining == 0) {
            return false;
        }
        in.beginRecord();
        if (!in.readOrEnd(buf, 0, buf.length, "NetVCR record")) {
            if (remaining > 0) {
                throw in.error("file is truncated: header promises " + header.recordCount + " records, "
                        + in.recordIndex() + " present");
            }
            return false;
        }
        if (remaining > 0) {
            remaining--;
        }
        record.wrap(store, 0, header.recordLength);
        validator.check(record, in.recordIndex(), in.recordStart());
        int stored = record.storedLength();
        record.copyData(p.prepare(stored), 0);
        p.timestampNs = record.timestampNs();
        p.wireLength = Math.max(record.wireLength(), stored);
        p.linkType = record.linkType();
        p.interfaceId = record.interfaceId();
        p.direction = record.direction();
        p.flags = record.flags();
        return true;
    }

    @Override
    public int linkType() {
        return header.linkType == NONE16 ? -1 : header.linkType;
    }
}
