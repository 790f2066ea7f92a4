package io.netvcr.formats;

import java.io.IOException;

/**
 * A reader that wraps another and changes only what {@link #next} yields (which packets, or how they look):
 * position, format name, link type and closing are the wrapped reader's, so errors raised through the wrapper
 * still name the true record.
 */
public abstract class ForwardingTraceReader implements TraceReader {
    protected final TraceReader reader;

    protected ForwardingTraceReader(TraceReader reader) {
        this.reader = reader;
    }

    @Override
    public long recordIndex() {
        return reader.recordIndex();
    }

    @Override
    public long byteOffset() {
        return reader.byteOffset();
    }

    @Override
    public String formatName() {
        return reader.formatName();
    }

    @Override
    public int linkType() {
        return reader.linkType();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
