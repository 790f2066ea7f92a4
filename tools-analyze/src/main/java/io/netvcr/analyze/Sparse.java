package io.netvcr.analyze;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/** Writes a mostly-zero counter array as (index, value) pairs. */
final class Sparse {
    private Sparse() {}

    static void write(ObjectOutputStream out, long[] a) throws IOException {
        int n = 0;
        for (long v : a) {
            n += v != 0 ? 1 : 0;
        }
        out.writeInt(n);
        for (int i = 0; i < a.length; i++) {
            if (a[i] != 0) {
                out.writeInt(i);
                out.writeLong(a[i]);
            }
        }
    }

    static long[] read(ObjectInputStream in, int length) throws IOException {
        long[] a = new long[length];
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            int i = in.readInt();
            if (i < 0 || i >= length) {
                throw new java.io.InvalidObjectException("counter index " + i + " out of range");
            }
            a[i] = in.readLong();
        }
        return a;
    }
}
