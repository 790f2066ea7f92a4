package io.netvcr.replay.report;

import static io.netvcr.formats.epsilon.EpsilonLogLayout.*;

import io.netvcr.cli.Output;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Writes the per-packet ε log ({@link io.netvcr.formats.epsilon.EpsilonLogLayout}) from one preallocated
 * 1 MiB direct buffer: 24 bytes per packet, one write() per ~43,000 packets, nothing allocated per packet.
 * The file appears on {@link #close()} (temporary name + rename).
 */
public final class EpsilonLogWriter implements Closeable {
    private final Output output;
    private final WritableByteChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(RECORD_LENGTH * 43_690).order(ByteOrder.LITTLE_ENDIAN);
    private long startNs;

    public EpsilonLogWriter(String path) throws IOException {
        this.output = Output.open(path);
        this.channel = output.channel();
    }

    /** Fixes the time origin T0 (written into the header); call once, before the first append. */
    public void start(long startMonotonicNs, long startRealtimeNs) {
        this.startNs = startMonotonicNs;
        buf.clear();
        buf.put(MAGIC).putShort((short) VERSION_MAJOR).putShort((short) VERSION_MINOR).putInt(HEADER_LENGTH)
            .putInt(RECORD_LENGTH).putInt(0).putLong(startMonotonicNs).putLong(startRealtimeNs);
        while (buf.position() < HEADER_LENGTH) {
            buf.put((byte) 0);
        }
    }

    /** deadline and actual are monotonic times; stored relative to the start. */
    public void append(long index, long deadlineNs, long actualNs) throws IOException {
        if (buf.remaining() < RECORD_LENGTH) {
            flush();
        }
        buf.putLong(index).putLong(deadlineNs - startNs).putLong(actualNs - startNs);
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        buf.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
            output.commit();
        } finally {
            output.close();
        }
    }
}
