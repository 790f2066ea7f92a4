package io.netvcr.replay.trace;

import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * --trace-io read: records obtained with buffered {@code read()} calls into one reused direct buffer, the
 * baseline of the paper's Fig. 1 (fread). Sequential access costs one {@code read()} per buffer of records; a
 * jump (the next --loop pass, the warm-up's end) repositions the file first. The buffer holds whole records, so
 * the flyweight points straight into it; no object is made per record or per refill.
 */
public final class BufferedTraceReader implements RecordSource, Closeable {
    /** 64 KiB: a few pages per read() like stdio's buffering, many records per call. */
    public static final int DEFAULT_BUFFER_BYTES = 64 << 10;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final BytesStore<?, ?> store;
    private final int recordLength;
    private final long count;
    private final int recordsPerBuffer;
    /** Records [first, end) are in the buffer. */
    private long first;

    private long end;
    /** Where the file position is: the record after the buffer's last, or -1 when unknown. */
    private long filePosition = -1;

    private long reads;
    private long seeks;

    public BufferedTraceReader(Path path, int recordLength, long count, int bufferBytes) throws IOException {
        if (recordLength <= 0) {
            throw new IllegalArgumentException("record length " + recordLength);
        }
        this.path = path;
        this.recordLength = recordLength;
        this.count = count;
        this.recordsPerBuffer = Math.max(1, bufferBytes / recordLength);
        this.buffer = ByteBuffer.allocateDirect(recordsPerBuffer * recordLength);
        this.store = BytesStore.wrap(buffer);
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    @Override
    public NvcrRecord record(long i, NvcrRecord flyweight) throws IOException {
        if (i < first || i >= end) {
            fill(i);
        }
        return flyweight.wrap(store, (i - first) * recordLength, recordLength);
    }

    @Override
    public boolean recordsStayInPlace() {
        return false;
    }

    private void fill(long i) throws IOException {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("record " + i + " of " + count);
        }
        long offset = NvcrLayout.recordOffset(i, recordLength);
        if (filePosition != i) {
            channel.position(offset);
            seeks++;
        }
        int records = (int) Math.min(recordsPerBuffer, count - i);
        buffer.clear().limit(records * recordLength);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            reads++;
            if (n < 0) {
                long got = i + buffer.position() / recordLength;
                filePosition = -1;
                throw new TraceFormatException(
                        path.toString(),
                        got,
                        NvcrLayout.recordOffset(got, recordLength),
                        "file ended while reading: " + count + " records expected");
            }
        }
        first = i;
        end = i + records;
        filePosition = end;
    }

    /** read() system calls made so far. */
    public long reads() {
        return reads;
    }

    /** Repositionings (lseek) made so far: one per jump, none while reading sequentially. */
    public long seeks() {
        return seeks;
    }

    public int bufferBytes() {
        return buffer.capacity();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
