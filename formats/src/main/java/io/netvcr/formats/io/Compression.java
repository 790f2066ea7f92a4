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
        switch (detect(head, head.length)) {
            case GZIP:
                // decompressConcatenated: multi-member gzip (cat a.gz b.gz) is common for rotated captures
                return new BufferedInputStream(smallReads(new GzipCompressorInputStream(in, true)), BUFFER);
            case BZIP2:
                return new BufferedInputStream(smallReads(new BZip2CompressorInputStream(in, true)), BUFFER);
            case XZ:
                return new BufferedInputStream(smallReads(new XZCompressorInputStream(in, true)), BUFFER);
            case ZSTD:
                return new BufferedInputStream(smallReads(new ZstdCompressorInputStream(in)), BUFFER);
            default:
                return in;
        }
    }

    /** Largest decompressed read passed to a decompressor in one call. */
    static final int READ_CHUNK = 64 * 1024;

    /**
     * Caps each read. A decompressor fills the whole request before returning and, when the compressed data
     * ends abruptly, throws away what it inflated in that call; with small requests a truncated file yields
     * all but its last few KiB, and the reader then names the record where the data stops.
     */
    static InputStream smallReads(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, READ_CHUNK));
            }
        };
    }
}
