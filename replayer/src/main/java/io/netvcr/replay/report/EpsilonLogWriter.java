package io.netvcr.replay.report;

import io.netvcr.cli.Output;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes the per-packet ε log in the format netvcr-analyze reads (tools-analyze {@code EpsilonLog}, documented
 * in that package's package-info, version 1; all little-endian):
 * <pre>
 * header (16 bytes):  0  "NVCREPS1"   8  int64 record count (-1 while writing; filled in on close when seekable)
 * record (32 bytes):  0  int64 index (record number in the replayed .nvcr; it repeats across --loop passes)
 *                     8  int64 deadlineNs  when the packet was due (CLOCK_MONOTONIC, ns)
 *                    16  int64 actualNs    clock read just before the send call (same clock)
 *                    24  int64 epsilonNs   actualNs - deadlineNs
 * </pre>
 * Records go into one preallocated 1 MiB direct buffer, one write() per 32,768 packets: nothing is allocated
 * per packet. The file appears on {@link #close()} (temporary name + rename).
 */
public final class EpsilonLogWriter implements Closeable {
    public static final byte[] MAGIC = "NVCREPS1".getBytes(StandardCharsets.US_ASCII);
    public static final int HEADER_LENGTH = 16;
    public static final int RECORD_LENGTH = 32;
    private final Output output;
    private final WritableByteChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(RECORD_LENGTH * 32_768).order(ByteOrder.LITTLE_ENDIAN);
    private long count;

    public EpsilonLogWriter(String path) throws IOException {
        this.output = Output.open(path);
        this.channel = output.channel();
        buf.put(MAGIC).putLong(-1L);
    }

    public void append(long index, long deadlineNs, long actualNs) throws IOException {
        if (buf.remaining() < RECORD_LENGTH) {
            flush();
        }
        buf.putLong(index).putLong(deadlineNs).putLong(actualNs).putLong(actualNs - deadlineNs);
        count++;
    }

    private void flush() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        buf.clear();
    }

    /** Ends the log without publishing it: the partial file is removed (the replay failed). */
    public void discard() throws IOException {
        output.close();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
            if (channel instanceof FileChannel) {
                ByteBuffer c = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, count);
                ((FileChannel) channel).write(c, MAGIC.length);
            }
            output.commit();
        } finally {
            output.close();
        }
    }
}
