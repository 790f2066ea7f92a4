package io.netvcr.analyze;

import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.io.Streams;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The replayer's {@code --epsilon-log} file, as agreed in this package's documentation (package-info): a
 * 16-byte header ("NVCREPS1", then a little-endian long record count, -1 when unknown) followed by 32-byte
 * little-endian records (long index, long deadlineNs, long actualNs, long epsilonNs).
 */
public final class EpsilonLog {
    public static final byte[] MAGIC = "NVCREPS1".getBytes(StandardCharsets.US_ASCII);
    public static final int HEADER_LENGTH = 16;
    public static final int RECORD_LENGTH = 32;
    public static final long COUNT_UNKNOWN = -1;

    private EpsilonLog() {
    }

    /** Reads a log sequentially. */
    public static final class Reader implements EpsilonSource {
        private final String name;
        private final InputStream in;
        private final long count;
        private final byte[] rec = new byte[RECORD_LENGTH];
        private final ByteBuffer view = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
        private long read;

        public Reader(String name, InputStream raw) throws IOException {
            this.name = name;
            this.in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
            byte[] h = new byte[HEADER_LENGTH];
            int got = Streams.readFully(in, h, 0, HEADER_LENGTH);
            if (got < HEADER_LENGTH || !Arrays.equals(Arrays.copyOf(h, 8), MAGIC)) {
                in.close();
                throw new TraceFormatException(name, -1, 0, "not an epsilon log (expected magic \"NVCREPS1\" and a "
                    + HEADER_LENGTH + "-byte header)");
            }
            count = ByteBuffer.wrap(h, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (count < COUNT_UNKNOWN) {
                in.close();
                throw new TraceFormatException(name, -1, 8, "record count " + count + " is negative");
            }
        }

        public static Reader open(java.nio.file.Path path) throws IOException {
            return new Reader(path.toString(), java.nio.file.Files.newInputStream(path));
        }

        /** Records the header promises, or -1. */
        public long count() {
            return count;
        }

        @Override
        public boolean next(EpsilonSample s) throws IOException {
            if (count >= 0 && read == count) {
                return false;
            }
            int got = Streams.readFully(in, rec, 0, RECORD_LENGTH);
            long offset = HEADER_LENGTH + read * RECORD_LENGTH;
            if (got == 0) {
                if (count >= 0) {
                    throw new TraceFormatException(name, read, offset, "log is truncated: header promises " + count
                        + " records, " + read + " present");
                }
                return false;
            }
            if (got < RECORD_LENGTH) {
                throw new TraceFormatException(name, read, offset, "last record is cut short (" + got + " of "
                    + RECORD_LENGTH + " bytes)");
            }
            s.index = view.getLong(0);
            s.deadlineNs = view.getLong(8);
            s.actualNs = view.getLong(16);
            s.epsilonNs = view.getLong(24);
            read++;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes a log (used by tests, and a reference for the replayer's writer). */
    public static final class Writer implements java.io.Closeable {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

        public Writer(OutputStream out, long count) throws IOException {
            this.out = out;
            ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC).putLong(count);
            out.write(h.array());
        }

        public void write(long index, long deadlineNs, long actualNs, long epsilonNs) throws IOException {
            buf.clear();
            buf.putLong(index).putLong(deadlineNs).putLong(actualNs).putLong(epsilonNs);
            out.write(buf.array());
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
