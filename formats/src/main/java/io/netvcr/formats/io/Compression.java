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
    NONE,
    GZIP,
    BZIP2,
    XZ,
    ZSTD;

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
        if (n >= 4
                && (h[0] & 0xff) == 0x28
                && (h[1] & 0xff) == 0xb5
                && (h[2] & 0xff) == 0x2f
                && (h[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /**
     * The most memory an xz stream may ask for: xz -9e needs 65 MiB, so a larger dictionary is damage or
     * hostile input, refused before anything is allocated.
     */
    public static final int XZ_MEMORY_LIMIT_KIB = 128 * 1024;

    /** Wraps in (which must support mark/reset) in the decompressor its magic asks for. */
    public static InputStream decompress(BufferedInputStream in) throws IOException {
        return decompress(in, "<input>");
    }

    /**
     * Like {@link #decompress(BufferedInputStream)}; damaged compressed data then surfaces as a
     * {@link DamagedCompressionException} naming the input, never as a library's own exception.
     */
    public static InputStream decompress(BufferedInputStream in, String name) throws IOException {
        byte[] head = Streams.peek(in, 8);
        Compression kind = detect(head, head.length);
        if (kind == NONE) {
            return in;
        }
        DecompressionGuard.RawInput raw = new DecompressionGuard.RawInput(in);
        InputStream decompressor;
        try {
            decompressor = open(kind, raw);
        } catch (IOException | RuntimeException e) {
            throw DecompressionGuard.classify(e, raw, name, kind, 0);
        }
        return new BufferedInputStream(new DecompressionGuard(decompressor, raw, name, kind), BUFFER);
    }

    private static InputStream open(Compression kind, InputStream in) throws IOException {
        switch (kind) {
            case GZIP:
                // decompressConcatenated: multi-member gzip (cat a.gz b.gz) is common for rotated captures
                return new GzipCompressorInputStream(in, true);
            case BZIP2:
                return new BZip2CompressorInputStream(in, true);
            case XZ:
                return new XZCompressorInputStream(in, true, XZ_MEMORY_LIMIT_KIB);
            case ZSTD:
                return new ZstdCompressorInputStream(in);
            default:
                return in;
        }
    }
}
