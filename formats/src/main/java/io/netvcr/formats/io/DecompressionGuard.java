package io.netvcr.formats.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Stands between a decompressor and the readers. On damaged or cut-off data the compression libraries throw
 * whatever they like (an EOFException without a message, an IOException, even a RuntimeException) and drop
 * what they had already produced in that call. The guard asks for bounded steps, so at most one step of good
 * data is lost before the damage (and --salvage keeps the records before it), and reports the damage as a
 * {@link DamagedCompressionException}. Failures of the raw input underneath (a disk error) pass through
 * unchanged: they are I/O errors, not bad data.
 */
final class DecompressionGuard extends InputStream {
    /**
     * Steps start small, so that little is lost when a short stream is damaged early, and double after every
     * good read up to a size that keeps per-call costs out of the profile. Measured with bench/decompress.sh
     * (300 MB ERF): fixed 4 KiB steps cost gzip ~45% and zstd ~50% of the bare decompressor's throughput,
     * 16 KiB still ~35% for zstd; at 64 KiB both run at the bare speed.
     */
    private static final int FIRST_STEP = 4 * 1024;

    private static final int MAX_STEP = 64 * 1024;

    private final InputStream decompressor;
    private final RawInput raw;
    private final String name;
    private final Compression kind;
    private long position;
    private int step = FIRST_STEP;
    private IOException failure;

    DecompressionGuard(InputStream decompressor, RawInput raw, String name, Compression kind) {
        this.decompressor = decompressor;
        this.raw = raw;
        this.name = name;
        this.kind = kind;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        try {
            int n = decompressor.read(b, off, Math.min(len, step));
            step = Math.min(MAX_STEP, step * 2);
            if (n > 0) {
                position += n;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            failure = classify(e, raw, name, kind, position);
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        decompressor.close();
    }

    /** The raw input's own failure as it was, anything else as damage at the given decompressed offset. */
    static IOException classify(Exception e, RawInput raw, String name, Compression kind, long position) {
        if (raw.failure != null && (e == raw.failure || e.getCause() == raw.failure)) {
            return raw.failure;
        }
        String detail = e.getMessage() == null || e instanceof java.io.EOFException
                ? "unexpected end of data (file truncated?)"
                : e.getMessage();
        return new DamagedCompressionException(
                name,
                position,
                kind.name().toLowerCase(Locale.ROOT) + " data is damaged or cut off after " + position
                        + " decompressed bytes: " + detail);
    }

    /** The compressed input, remembering its own I/O failure so it is not mistaken for damaged data. */
    static final class RawInput extends FilterInputStream {
        IOException failure;

        RawInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
