package io.netvcr.analyze;

import java.util.Arrays;

/**
 * The (packet index, ε) points a plot draws, thinned in bounded memory: every stride-th sample is kept, and
 * when the buffer fills, every other kept point is dropped and the stride doubles. A plot of millions of
 * packets thus shows an evenly spaced sample of at most {@link #CAPACITY} points.
 */
public final class EpsilonSeries {
    public static final int CAPACITY = 1 << 16;
    private long[] index = new long[CAPACITY];
    private long[] eps = new long[CAPACITY];
    private int size;
    private long stride = 1;
    private long seen;

    public void add(long packetIndex, long epsilonNs) {
        if (seen++ % stride != 0) {
            return;
        }
        if (size == CAPACITY) {
            for (int i = 0; i < CAPACITY / 2; i++) {
                index[i] = index[2 * i];
                eps[i] = eps[2 * i];
            }
            size = CAPACITY / 2;
            stride *= 2;
            if ((seen - 1) % stride != 0) {
                return;
            }
        }
        index[size] = packetIndex;
        eps[size] = epsilonNs;
        size++;
    }

    public int size() {
        return size;
    }

    public long index(int i) {
        return index[i];
    }

    public long epsilonNs(int i) {
        return eps[i];
    }

    public long stride() {
        return stride;
    }

    long[] indices() {
        return Arrays.copyOf(index, size);
    }
}
