package io.netvcr.formats.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Recognises compressed input by its magic bytes (never the file name: real traces lie about their
 * extension) and wraps the matching decompressor.
 */
public enum Compression {
    NONE, GZIP, BZIP2, XZ, ZSTD;

    /** Buffer for the decompressed side: large reads keep the decompressor out of the profile. */
    public static final int BUFFER = 1 << 20;

    public static Compression detect(byte[] h, int n) {
        if (n >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (n >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') {
            return BZIP2;
        }
        if (n >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z' && h[5] == 0) {
            return XZ;
        }
        if (n >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f && (h[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** Wraps in (which must support mark/reset) in the decompressor its magic asks for. */
    public static InputStream decompress(BufferedInputStream in) throws IOException {
        byte[] head = Streams.peek(in, 8);
        Compression c = detect(head, head.length);
        try {
            return open(c, in);
        } catch (IOException e) {
            // The decompressors read their stream header on construction: damage there is bad data too.
            throw new CompressedDataException(c.name().toLowerCase(java.util.Locale.ROOT) + " data is damaged or cut off ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    private static InputStream open(Compression c, BufferedInputStream in) throws IOException {
        switch (c) {
            case GZIP:
                // decompressConcatenated: multi-member gzip (cat a.gz b.gz) is common for rotated captures
                return buffered(new GzipCompressorInputStream(in, true), "gzip");
            case BZIP2:
                return buffered(new BZip2CompressorInputStream(in, true), "bzip2");
            case XZ:
                return buffered(new XZCompressorInputStream(in, true), "xz");
            case ZSTD:
                return buffered(new ZstdCompressorInputStream(in), "zstd");
            default:
                return in;
        }
    }

    private static BufferedInputStream buffered(InputStream decompressor, String codec) {
        return new BufferedInputStream(new GuardedDecompressor(decompressor, codec), BUFFER);
    }
}
