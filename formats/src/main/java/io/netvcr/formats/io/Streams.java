package io.netvcr.formats.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Small stream helpers shared by the readers. */
public final class Streams {
    private Streams() {}

    /** The first n bytes (fewer at EOF) without consuming them. */
    public static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] b = new byte[n];
        int got = readFully(in, b, 0, n);
        in.reset();
        return got == n ? b : Arrays.copyOf(b, got);
    }

    /** Reads up to len bytes, fewer only at EOF; returns the count read. */
    public static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Skips exactly n bytes or returns how many could be skipped before EOF. */
    public static long skipFully(InputStream in, long n) throws IOException {
        long done = 0;
        byte[] scratch = null;
        while (done < n) {
            long s = in.skip(n - done);
            if (s > 0) {
                done += s;
                continue;
            }
            if (scratch == null) {
                scratch = new byte[8192];
            }
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
