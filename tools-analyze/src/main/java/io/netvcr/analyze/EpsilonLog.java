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
 * 16-byte header (magic, then a little-endian long record count, -1 when unknown) followed by little-endian
 * records. Version 1 ("NVCREPS1", 32-byte records: index, deadlineNs, actualNs, epsilonNs) and version 2
 * ("NVCREPS2", 40-byte records: index, deadlineNs, callNs, returnNs, epsilonNs) are both read. So is the
 * replayer's {@code --read-log} ("NVCRRDL1", 24-byte records: index, startNs, readNs; formats/FORMAT.md), as a
 * series whose value is the time taken to obtain each record: readNs in the ε column, startNs as the deadline.
 */
public final class EpsilonLog {
    public static final byte[] MAGIC = "NVCREPS1".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] MAGIC_V2 = "NVCREPS2".getBytes(StandardCharsets.US_ASCII);
    /** The replayer's --read-log: per-record time to obtain the record. */
    public static final byte[] MAGIC_READ_LOG = "NVCRRDL1".getBytes(StandardCharsets.US_ASCII);
    public static final int RECORD_LENGTH_READ_LOG = 24;
    /** {@link Reader#version()} of a read log. */
    public static final int READ_LOG = 3;
    public static final int HEADER_LENGTH = 16;
    public static final int RECORD_LENGTH = 32;
    public static final int RECORD_LENGTH_V2 = 40;
    public static final long COUNT_UNKNOWN = -1;

    private EpsilonLog() {
    }

    /** Reads a log sequentially. */
    public static final class Reader implements EpsilonSource {
        private final String name;
        private final InputStream in;
        private final long count;
        private final int version;
        private final int recordLength;
        private final byte[] rec = new byte[RECORD_LENGTH_V2];
        private final ByteBuffer view = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
        private long read;

        public Reader(String name, InputStream raw) throws IOException {
            this.name = name;
            this.in = raw instanceof BufferedInputStream ? raw : new BufferedInputStream(raw, 1 << 16);
            byte[] h = new byte[HEADER_LENGTH];
            int got = Streams.readFully(in, h, 0, HEADER_LENGTH);
            byte[] magic = Arrays.copyOf(h, 8);
            if (got < HEADER_LENGTH || !(Arrays.equals(magic, MAGIC) || Arrays.equals(magic, MAGIC_V2)
                || Arrays.equals(magic, MAGIC_READ_LOG))) {
                in.close();
                throw new TraceFormatException(name, -1, 0, "not an epsilon log (expected magic \"NVCREPS1\" or "
                    + "\"NVCREPS2\", or a read log's \"NVCRRDL1\", and a " + HEADER_LENGTH + "-byte header)");
            }
            version = Arrays.equals(magic, MAGIC) ? 1 : Arrays.equals(magic, MAGIC_V2) ? 2 : READ_LOG;
            recordLength = version == 1 ? RECORD_LENGTH : version == 2 ? RECORD_LENGTH_V2 : RECORD_LENGTH_READ_LOG;
            count = ByteBuffer.wrap(h, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (count < COUNT_UNKNOWN) {
                in.close();
                throw new TraceFormatException(name, -1, 8, "record count " + count + " is negative");
            }
        }

        public static Reader open(java.nio.file.Path path) throws IOException {
            return new Reader(path.toString(), java.nio.file.Files.newInputStream(path));
        }

        /** Format version: 1 (one send time per packet), 2 (clock before and after the send call), 3 a read log. */
        public int version() {
            return version;
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
            int got = Streams.readFully(in, rec, 0, recordLength);
            long offset = HEADER_LENGTH + read * recordLength;
            if (got == 0) {
                if (count >= 0) {
                    throw new TraceFormatException(name, read, offset, "log is truncated: header promises " + count
                        + " records, " + read + " present");
                }
                return false;
            }
            if (got < recordLength) {
                throw new TraceFormatException(name, read, offset, "last record is cut short (" + got + " of "
                    + recordLength + " bytes)");
            }
            s.index = view.getLong(0);
            s.deadlineNs = view.getLong(8);
            if (version == READ_LOG) {
                s.callNs = s.deadlineNs + view.getLong(16);
                s.returnNs = EpsilonSample.UNKNOWN;
                s.epsilonNs = view.getLong(16);
                s.actualNs = s.callNs;
            } else if (version == 1) {
                s.actualNs = view.getLong(16);
                s.epsilonNs = view.getLong(24);
                s.callNs = s.actualNs;
                s.returnNs = EpsilonSample.UNKNOWN;
            } else {
                s.callNs = view.getLong(16);
                s.returnNs = view.getLong(24);
                s.epsilonNs = view.getLong(32);
                s.actualNs = s.deadlineNs + s.epsilonNs;
            }
            read++;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes a version-1 log (used by tests; the replayer writes version 2, see its EpsilonLogWriter). */
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
