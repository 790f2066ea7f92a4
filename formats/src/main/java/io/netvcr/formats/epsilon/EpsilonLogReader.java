package io.netvcr.formats.epsilon;

import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.io.Streams;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads an ε log of either version, or a read log (version 3: the time to obtain each record stands in the ε
 * column, its start as the deadline), sequentially; damage is a {@link TraceFormatException} naming record and
 * offset.
 */
public final class EpsilonLogReader implements Closeable {
    private final String name;
    private final InputStream in;
    private final long count;
    private final int version;
    private final int recordLength;
    private final byte[] rec = new byte[EpsilonLogFormat.RECORD_LENGTH_V2];
    private final ByteBuffer view = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
    private long read;

    public EpsilonLogReader(String name, InputStream raw) throws IOException {
        this.name = name;
        this.in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
        byte[] h = new byte[EpsilonLogFormat.HEADER_LENGTH];
        int got = Streams.readFully(in, h, 0, h.length);
        byte[] magic = Arrays.copyOf(h, 8);
        int v = 0;
        for (int candidate = 1; candidate <= EpsilonLogFormat.READ_LOG; candidate++) {
            if (Arrays.equals(magic, EpsilonLogFormat.magic(candidate))) {
                v = candidate;
            }
        }
        if (got < h.length || v == 0) {
            in.close();
            throw new TraceFormatException(
                    name,
                    -1,
                    0,
                    "not an epsilon log (expected magic \"NVCREPS1\" or "
                            + "\"NVCREPS2\", or a read log's \"NVCRRDL1\", and a " + EpsilonLogFormat.HEADER_LENGTH
                            + "-byte header)");
        }
        version = v;
        recordLength = EpsilonLogFormat.recordLength(version);
        count = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getLong(EpsilonLogFormat.COUNT_OFFSET);
        if (count < EpsilonLogFormat.COUNT_UNKNOWN) {
            in.close();
            throw new TraceFormatException(
                    name, -1, EpsilonLogFormat.COUNT_OFFSET, "record count " + count + " is negative");
        }
    }

    public static EpsilonLogReader open(Path path) throws IOException {
        return new EpsilonLogReader(path.toString(), Files.newInputStream(path));
    }

    /** Format version: 1 (one send time per packet), 2 (clock before and after the send call), 3 a read log. */
    public int version() {
        return version;
    }

    /** Records the header promises, or -1. */
    public long count() {
        return count;
    }

    /** Fills r with the next record; false at the end (the promised count, or end of file when it is unknown). */
    public boolean next(EpsilonRecord r) throws IOException {
        if (count >= 0 && read == count) {
            return false;
        }
        int got = Streams.readFully(in, rec, 0, recordLength);
        long offset = EpsilonLogFormat.HEADER_LENGTH + read * recordLength;
        if (got == 0) {
            if (count >= 0) {
                throw new TraceFormatException(
                        name,
                        read,
                        offset,
                        "log is truncated: header promises " + count + " records, " + read + " present");
            }
            return false;
        }
        if (got < recordLength) {
            throw new TraceFormatException(
                    name, read, offset, "last record is cut short (" + got + " of " + recordLength + " bytes)");
        }
        r.index = view.getLong(0);
        r.deadlineNs = view.getLong(8);
        r.callNs = view.getLong(16);
        if (version == EpsilonLogFormat.READ_LOG) {
            r.epsilonNs = r.callNs; // the read time
            r.callNs = r.deadlineNs + r.epsilonNs;
            r.returnNs = EpsilonRecord.UNKNOWN;
        } else if (version == 1) {
            r.returnNs = EpsilonRecord.UNKNOWN;
            r.epsilonNs = view.getLong(24);
        } else {
            r.returnNs = view.getLong(24);
            r.epsilonNs = view.getLong(32);
        }
        read++;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
