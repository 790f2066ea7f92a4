package io.netvcr.formats.io;

import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceFormatException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sequential reads with the position tracked, so every reader can say where damage is. Record-oriented
 * readers call {@link #beginRecord()} before each record.
 */
public final class RecordStream {
    /** Packet and block buffers grow in steps of at least this much as their bytes arrive. */
    private static final int GROWTH_STEP = 64 * 1024;

    private final String name;
    private final InputStream in;
    private long position;
    private long recordIndex = -1;
    private long recordStart;

    public RecordStream(String name, InputStream in) {
        this.name = name;
        this.in = in;
    }

    public String name() {
        return name;
    }

    public long position() {
        return position;
    }

    public long recordIndex() {
        return recordIndex;
    }

    public long recordStart() {
        return recordStart;
    }

    /** Marks the start of the next record at the current position. */
    public void beginRecord() {
        beginRecord(recordIndex + 1);
    }

    /**
     * Marks the start of a unit that errors should report as record index: formats whose blocks are not
     * all packets (pcapng) number their errors by the packet being read, not by the block.
     */
    public void beginRecord(long index) {
        recordIndex = index;
        recordStart = position;
    }

    /**
     * Reads exactly len bytes. Returns false if EOF came before the first byte (a clean end when at a record
     * boundary); throws if it came in the middle.
     */
    public boolean readOrEnd(byte[] b, int off, int len, String what) throws IOException {
        int n = read(b, off, len, what);
        position += n;
        if (n == 0 && len > 0) {
            return false;
        }
        if (n < len) {
            throw truncated(what, len, n);
        }
        return true;
    }

    /** Reads up to len bytes, fewer only at EOF; returns the count. */
    public int readUpTo(byte[] b, int off, int len, String what) throws IOException {
        int n = read(b, off, len, what);
        position += n;
        return n;
    }

    public void readFully(byte[] b, int off, int len, String what) throws IOException {
        if (!readOrEnd(b, off, len, what) && len > 0) {
            throw truncated(what, len, 0);
        }
    }

    /**
     * Reads n packet bytes into p, growing its buffer only as the bytes arrive: a length field that lies
     * costs no more memory than the input really holds. n must already be checked against
     * {@link Packet#MAX_CAPTURE_LENGTH}.
     */
    public void readPacketData(Packet p, int n, String what) throws IOException {
        int done = 0;
        while (done < n) {
            int step = Math.min(n, Math.max(done * 2, Math.max(p.data().length, GROWTH_STEP)));
            byte[] d = p.prepare(step);
            int got = read(d, done, step - done, what);
            position += got;
            if (got < step - done) {
                throw truncated(what, n, done + got);
            }
            done = step;
        }
        p.prepare(n);
    }

    /**
     * Reads exactly n bytes into buf, or into a larger array when buf is too small, which is returned. Like
     * {@link #readPacketData}, the array grows only as the bytes arrive.
     */
    public byte[] readGrowing(byte[] buf, int n, String what) throws IOException {
        byte[] b = buf;
        int done = 0;
        while (done < n) {
            int step = Math.min(n, Math.max(done * 2, Math.max(b.length, GROWTH_STEP)));
            if (b.length < step) {
                b = java.util.Arrays.copyOf(b, step);
            }
            int got = read(b, done, step - done, what);
            position += got;
            if (got < step - done) {
                throw truncated(what, n, done + got);
            }
            done = step;
        }
        return b;
    }

    private int read(byte[] b, int off, int len, String what) throws IOException {
        try {
            return Streams.readFully(in, b, off, len);
        } catch (DamagedCompressionException e) {
            throw error(what + " cannot be read: " + e.problem());
        }
    }

    public void skip(long n, String what) throws IOException {
        long s;
        try {
            s = Streams.skipFully(in, n);
        } catch (DamagedCompressionException e) {
            throw error(what + " cannot be read: " + e.problem());
        }
        position += s;
        if (s < n) {
            throw new TraceFormatException(
                    name,
                    recordIndex,
                    recordStart,
                    what + " is cut off: " + n + " bytes expected, " + s + " present (file truncated?)");
        }
    }

    public TraceFormatException truncated(String what, long expected, long got) {
        return new TraceFormatException(
                name,
                recordIndex,
                recordStart,
                what + " is cut off: " + expected + " bytes expected, " + got + " present (file truncated?)");
    }

    public TraceFormatException error(String problem) {
        return new TraceFormatException(name, recordIndex, recordStart, problem);
    }

    public TraceFormatException headerError(String problem) {
        return new TraceFormatException(name, -1, 0, problem);
    }

    public void close() throws IOException {
        in.close();
    }

    public static int u16(byte[] b, int off, boolean le) {
        return le ? (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 : (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    public static long u32(byte[] b, int off, boolean le) {
        return le
                ? (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24
                : (b[off] & 0xffL) << 24
                        | (b[off + 1] & 0xffL) << 16
                        | (b[off + 2] & 0xffL) << 8
                        | (b[off + 3] & 0xffL);
    }

    public static long u64(byte[] b, int off, boolean le) {
        return le ? u32(b, off, true) | u32(b, off + 4, true) << 32 : u32(b, off, false) << 32 | u32(b, off + 4, false);
    }
}
