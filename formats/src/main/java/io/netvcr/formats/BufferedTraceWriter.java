package io.netvcr.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Base of the writers that build records in one 1 MiB little-endian buffer and write it out when full, so a
 * trace costs one write call per MiB; a record larger than the buffer gets a buffer of its own.
 */
public abstract class BufferedTraceWriter implements TraceWriter {
    private static final int BUFFER = 1 << 20;
    private final WritableByteChannel out;
    protected final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private long count;

    protected BufferedTraceWriter(WritableByteChannel out) {
        this.out = out;
    }

    /** A buffer with room for n more bytes: the shared one (written out first if too full) or, past its size, a new one. */
    protected final ByteBuffer room(int n) throws IOException {
        if (buf.remaining() < n) {
            flush();
        }
        return buf.remaining() >= n ? buf : ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Ends one packet record put into {@link #room}'s buffer: an oversized one goes out now. Counts it. */
    protected final void recordDone(ByteBuffer b) throws IOException {
        if (b != buf) {
            b.flip();
            writeFully(b);
        }
        count++;
    }

    protected final void flush() throws IOException {
        buf.flip();
        writeFully(buf);
        buf.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    @Override
    public void finish() throws IOException {
        flush();
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
