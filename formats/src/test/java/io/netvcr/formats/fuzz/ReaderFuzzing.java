package io.netvcr.formats.fuzz;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.io.Compression;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * The contract every trace reader is fuzzed against: out of a reader comes either a record or a
 * {@link TraceFormatException} that names the input — nothing else (no other exception, no runaway memory,
 * no loop that returns records without consuming input). A fuzz target for a new reader is one call:
 * {@code ReaderFuzzing.drain(new ErfFormat(), data)}. Anything that breaks the contract escapes as an
 * AssertionError or as the unexpected exception itself, which Jazzer reports as a finding.
 */
public final class ReaderFuzzing {
    /** The name the fuzzed input goes by; every TraceFormatException must start with it. */
    public static final String NAME = "fuzz-input";

    private static final int PACKET_START = new Packet().data().length;
    /** RecordStream grows buffers in steps of up to 64 KiB ahead of the bytes. */
    private static final long GROWTH_ALLOWANCE = 64 * 1024;

    private ReaderFuzzing() {}

    /** Opens a reader; the unit the contract is checked on. */
    @FunctionalInterface
    public interface Opener {
        TraceReader open() throws IOException;
    }

    /** Reads every record of data with format's reader, as a file of that format named with --format. */
    public static long drain(TraceFormat format, byte[] data) {
        return drain(format, data, new ReaderOptions());
    }

    public static long drain(TraceFormat format, byte[] data, ReaderOptions options) {
        Packet p = new Packet();
        long records = drain(
                () -> format.open(
                        new TraceSource(NAME, new BufferedInputStream(new ByteArrayInputStream(data)), options)),
                p);
        // a length field may not cost more memory than the input holds (RecordStream.readPacketData)
        if (p.data().length > Math.max(PACKET_START, 2L * data.length + GROWTH_ALLOWANCE)) {
            throw new AssertionError("packet buffer grew to " + p.data().length + " bytes for " + data.length
                    + " bytes of input: allocated for a length field before its bytes arrived");
        }
        return records;
    }

    /** Reads data the way the tools do: compression and format found by content. */
    public static long drainDetected(byte[] data) {
        return drain(() -> TraceInput.open(NAME, new ByteArrayInputStream(data), data.length, null, new ReaderOptions())
                .reader());
    }

    /** Drains whatever reader opener returns and checks the contract on every record and on the error. */
    public static long drain(Opener opener) {
        return drain(opener, new Packet());
    }

    private static long drain(Opener opener, Packet p) {
        long records = 0;
        long lastOffset = Long.MIN_VALUE;
        try (TraceReader r = opener.open()) {
            while (r.next(p)) {
                records++;
                checkPacket(p);
                long offset = r.byteOffset();
                if (offset <= lastOffset) {
                    throw new AssertionError("record " + records + " at byte offset " + offset
                            + " did not move past the previous one at " + lastOffset
                            + ": the reader makes no progress");
                }
                lastOffset = offset;
            }
        } catch (TraceFormatException expected) {
            checkError(expected);
        } catch (IOException e) {
            throw new AssertionError("reader threw " + e + " instead of a TraceFormatException", e);
        }
        return records;
    }

    private static void checkPacket(Packet p) {
        int n = p.capturedLength();
        if (n < 0 || n > Packet.MAX_CAPTURE_LENGTH || n > p.data().length) {
            throw new AssertionError("captured length " + n + " is out of range");
        }
        if (p.wireLength < n) {
            throw new AssertionError("wire length " + p.wireLength + " is below the captured length " + n);
        }
    }

    private static void checkError(TraceFormatException e) {
        String m = e.getMessage();
        if (m == null || !m.startsWith(NAME + ": ") || m.indexOf('\n') >= 0) {
            throw new AssertionError("error is not one line naming the input: " + m, e);
        }
        if (e.recordIndex() < -1 || e.byteOffset() < 0) {
            throw new AssertionError("error has a nonsensical position: " + m, e);
        }
    }

    /**
     * A compression front around a trace: the last input byte picks how the compressed stream is damaged,
     * so the corpus files can simply be traces. 0: data compressed whole (the reader behind the
     * decompressor); 1: the first half compressed, the rest appended raw (garbage after a member);
     * 2: the compressed stream cut short; 3: one byte of the compressed stream changed.
     */
    public static long drainCompressed(Compression kind, byte[] data) {
        int mode = data.length == 0 ? 0 : data[data.length - 1] & 3;
        byte[] out;
        switch (mode) {
            case 1: {
                int half = data.length / 2;
                byte[] head = compress(kind, Arrays.copyOf(data, half));
                out = Arrays.copyOf(head, head.length + data.length - half);
                System.arraycopy(data, half, out, head.length, data.length - half);
                break;
            }
            case 2: {
                byte[] c = compress(kind, data);
                out = Arrays.copyOf(c, (int) (Integer.toUnsignedLong(Arrays.hashCode(data)) % c.length));
                break;
            }
            case 3: {
                out = compress(kind, data);
                int at = (int) (Integer.toUnsignedLong(Arrays.hashCode(data)) % out.length);
                out[at] ^= (byte) (data.length > 0 ? data[0] | 1 : 1);
                break;
            }
            default:
                out = compress(kind, data);
        }
        return drainDetected(out);
    }

    public static byte[] compress(Compression kind, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(data.length / 2 + 64);
        try (OutputStream c = compressor(kind, bytes)) {
            c.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static OutputStream compressor(Compression kind, OutputStream out) throws IOException {
        switch (kind) {
            case GZIP:
                return new GzipCompressorOutputStream(out);
            case BZIP2:
                return new BZip2CompressorOutputStream(out, 1);
            case XZ:
                return new XZCompressorOutputStream(out, 0);
            case ZSTD:
                return new ZstdCompressorOutputStream(out, 1);
            default:
                return out;
        }
    }
}
