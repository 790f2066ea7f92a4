package io.netvcr.analyze;

/**
 * The (packet index, ε) points a plot draws, in bounded memory without losing spikes: consecutive samples
 * are grouped in buckets of {@code stride} samples and each bucket keeps its lowest and its highest ε (with
 * their packet indices). When {@link #BUCKETS} buckets are full, neighbours merge and the stride doubles.
 * A plot of any number of packets thus shows at most 2 × {@link #BUCKETS} points, and every extreme.
 */
public final class EpsilonSeries {
    public static final int BUCKETS = 4096;
    private final long[] minIndex = new long[BUCKETS];
    private final long[] minEps = new long[BUCKETS];
    private final long[] maxIndex = new long[BUCKETS];
    private final long[] maxEps = new long[BUCKETS];
    private int buckets;
    private long stride = 1;
    private long inBucket;

    public void add(long packetIndex, long epsilonNs) {
        if (buckets == 0 || inBucket == stride) {
            if (buckets == BUCKETS) {
                merge();
            }
            if (buckets == 0 || inBucket == stride) {
                minIndex[buckets] = packetIndex;
                minEps[buckets] = epsilonNs;
                maxIndex[buckets] = packetIndex;
                maxEps[buckets] = epsilonNs;
                buckets++;
                inBucket = 1;
                return;
            }
        }
        int b = buckets - 1;
        if (epsilonNs < minEps[b]) {
            minEps[b] = epsilonNs;
            minIndex[b] = packetIndex;
        }
        if (epsilonNs > maxEps[b]) {
            maxEps[b] = epsilonNs;
            maxIndex[b] = packetIndex;
        }
        inBucket++;
    }

    private void merge() {
        for (int i = 0; i < BUCKETS / 2; i++) {
            int a = 2 * i;
            int b = a + 1;
            boolean lowB = minEps[b] < minEps[a];
            boolean highB = maxEps[b] > maxEps[a];
            minIndex[i] = lowB ? minIndex[b] : minIndex[a];
            minEps[i] = lowB ? minEps[b] : minEps[a];
            maxIndex[i] = highB ? maxIndex[b] : maxIndex[a];
            maxEps[i] = highB ? maxEps[b] : maxEps[a];
        }
        buckets = BUCKETS / 2;
        stride *= 2;
        // the last bucket is complete, so the next sample opens a new one
        inBucket = stride;
    }

    /** Number of points: the low and the high of every bucket (one when they are the same sample). */
    public int size() {
        int n = 0;
        for (int b = 0; b < buckets; b++) {
            n += minIndex[b] == maxIndex[b] ? 1 : 2;
        }
        return n;
    }

    /** Samples per bucket. */
    public long stride() {
        return stride;
    }

    /** The points as {index, ε} in bucket order (each bucket's earlier extreme first). */
    public long[][] points() {
        long[][] out = new long[size()][];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            long[] lo = {minIndex[b], minEps[b]};
            long[] hi = {maxIndex[b], maxEps[b]};
            if (minIndex[b] == maxIndex[b]) {
                out[k++] = lo;
            } else if (minIndex[b] < maxIndex[b]) {
                out[k++] = lo;
                out[k++] = hi;
            } else {
                out[k++] = hi;
                out[k++] = lo;
            }
        }
        return out;
    }
}
