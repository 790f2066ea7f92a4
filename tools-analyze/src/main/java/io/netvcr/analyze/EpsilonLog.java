package io.netvcr.analyze;

import io.netvcr.formats.epsilon.EpsilonLogFormat;
import io.netvcr.formats.epsilon.EpsilonLogReader;
import io.netvcr.formats.epsilon.EpsilonRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The replayer's {@code --epsilon-log} file (and its {@code --read-log}, version 3: the time to obtain each record in
 * the ε column) as ε samples. The format itself (versions 1, 2 and 3) is
 * formats' {@link EpsilonLogFormat}, specified in formats/FORMAT.md; this adapts its records to
 * {@link EpsilonSample}, where both versions answer {@code actualNs}.
 */
public final class EpsilonLog {
    private EpsilonLog() {}

    /** Reads a log sequentially. */
    public static final class Reader implements EpsilonSource {
        private final EpsilonLogReader log;
        private final EpsilonRecord rec = new EpsilonRecord();

        public Reader(String name, InputStream raw) throws IOException {
            this.log = new EpsilonLogReader(name, raw);
        }

        public static Reader open(Path path) throws IOException {
            return new Reader(path.toString(), java.nio.file.Files.newInputStream(path));
        }

        /** Format version: 1 (one send time per packet), 2 (clock before and after the send call), 3 a read log. */
        public int version() {
            return log.version();
        }

        /** Records the header promises, or -1. */
        public long count() {
            return log.count();
        }

        @Override
        public boolean next(EpsilonSample s) throws IOException {
            if (!log.next(rec)) {
                return false;
            }
            s.index = rec.index;
            s.deadlineNs = rec.deadlineNs;
            s.callNs = rec.callNs;
            s.returnNs = rec.returnNs == EpsilonRecord.UNKNOWN ? EpsilonSample.UNKNOWN : rec.returnNs;
            s.epsilonNs = rec.epsilonNs;
            // Version 1 stored the send time itself; version 2 stores ε at the side the replay chose (call or return).
            s.actualNs = log.version() == 2 ? rec.deadlineNs + rec.epsilonNs : rec.callNs;
            return true;
        }

        @Override
        public void close() throws IOException {
            log.close();
        }
    }

    /** Writes a version-1 log (used by tests; the replayer writes version 2, see its EpsilonLogWriter). */
    public static final class Writer implements java.io.Closeable {
        private final OutputStream out;
        private final ByteBuffer buf =
                ByteBuffer.allocate(EpsilonLogFormat.RECORD_LENGTH_V1).order(ByteOrder.LITTLE_ENDIAN);

        public Writer(OutputStream out, long count) throws IOException {
            this.out = out;
            out.write(EpsilonLogFormat.header(1, count));
        }

        public void write(long index, long deadlineNs, long actualNs, long epsilonNs) throws IOException {
            buf.clear();
            EpsilonLogFormat.putRecordV1(buf, index, deadlineNs, actualNs, epsilonNs);
            out.write(buf.array());
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
