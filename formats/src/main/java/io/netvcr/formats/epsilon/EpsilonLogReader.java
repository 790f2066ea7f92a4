package io.netvcr.formats.epsilon;

import static io.netvcr.formats.epsilon.EpsilonLogLayout.*;

import io.netvcr.formats.TraceFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads an ε log ({@link EpsilonLogLayout}) record by record: {@link #next()} then the getters. Buffered,
 * allocation-free per record.
 */
public final class EpsilonLogReader implements Closeable {
    private final String name;
    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(RECORD_LENGTH * 4096).order(ByteOrder.LITTLE_ENDIAN);
    private final long count;
    private final long startMonotonicNs;
    private final long startRealtimeNs;
    private long read;
    private long index;
    private long deadlineNs;
    private long actualNs;

    public EpsilonLogReader(Path path) throws IOException {
        this.name = path.toString();
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        while (h.hasRemaining() && channel.read(h) > 0) {
            // keep reading
        }
        byte[] magic = new byte[MAGIC.length];
        h.get(0, magic);
        if (h.position() < HEADER_LENGTH || !Arrays.equals(magic, MAGIC)) {
            channel.close();
            throw new TraceFormatException(name, -1, 0, "not a NetVCR epsilon log (bad magic or short header)");
        }
        if ((h.getShort(H_VERSION_MAJOR) & 0xffff) != VERSION_MAJOR || h.getInt(H_RECORD_LENGTH) != RECORD_LENGTH
            || h.getInt(H_HEADER_LENGTH) != HEADER_LENGTH) {
            channel.close();
            throw new TraceFormatException(name, -1, H_VERSION_MAJOR, "unsupported epsilon log version or layout");
        }
        this.startMonotonicNs = h.getLong(H_START_MONOTONIC);
        this.startRealtimeNs = h.getLong(H_START_REALTIME);
        this.count = (channel.size() - HEADER_LENGTH) / RECORD_LENGTH;
        buf.limit(0);
    }

    /** Whole records in the file. */
    public long count() {
        return count;
    }

    public long startMonotonicNs() {
        return startMonotonicNs;
    }

    public long startRealtimeNs() {
        return startRealtimeNs;
    }

    /** Moves to the next record; false at the end. */
    public boolean next() throws IOException {
        if (read >= count) {
            return false;
        }
        if (buf.remaining() < RECORD_LENGTH) {
            buf.compact();
            while (buf.position() < RECORD_LENGTH && channel.read(buf) > 0) {
                // fill at least one record
            }
            buf.flip();
            if (buf.remaining() < RECORD_LENGTH) {
                return false;
            }
        }
        index = buf.getLong();
        deadlineNs = buf.getLong();
        actualNs = buf.getLong();
        read++;
        return true;
    }

    public long index() {
        return index;
    }

    public long deadlineNs() {
        return deadlineNs;
    }

    public long actualNs() {
        return actualNs;
    }

    public long epsilonNs() {
        return actualNs - deadlineNs;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
