package io.netvcr.formats.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sits on a decompressor: reads in bounded chunks, so that when the stream turns out to be cut off the
 * packets decompressed before the damage are still delivered (a large single read would lose them with the
 * exception), and reports the failure as {@link CompressedDataException}.
 */
final class GuardedDecompressor extends FilterInputStream {
    private static final int CHUNK = 16 * 1024;
    private final String codec;

    GuardedDecompressor(InputStream decompressor, String codec) {
        super(decompressor);
        this.codec = codec;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, Math.min(len, CHUNK));
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(Math.min(n, CHUNK));
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private IOException damaged(IOException e) {
        if (e instanceof CompressedDataException) {
            return e;
        }
        String m = e.getMessage();
        return new CompressedDataException(codec + " data is damaged or cut off ("
            + (m == null ? e.getClass().getSimpleName() : m) + ")", e);
    }
}
