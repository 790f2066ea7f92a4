package io.netvcr.analyze;

/**
 * The (packet index, ε) points a plot draws, in bounded memory without losing spikes: consecutive samples
 * are grouped in buckets of {@code stride} samples; each bucket keeps its first sample (an evenly spaced
 * sample of the series, which shows its spread honestly) and its lowest and highest ε with their packet
 * indices (so no spike is lost). When {@link #BUCKETS} buckets are full, neighbours merge and the stride
 * doubles. Memory is fixed whatever the number of packets.
 */
public final class EpsilonSeries {
    public static final int BUCKETS = 4096;
    private final long[] firstIndex = new long[BUCKETS];
    private final long[] firstEps = new long[BUCKETS];
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
                firstIndex[buckets] = packetIndex;
                firstEps[buckets] = epsilonNs;
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
            firstIndex[i] = firstIndex[a];
            firstEps[i] = firstEps[a];
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

    /** Number of buckets (= evenly spaced samples). */
    public int size() {
        return buckets;
    }

    /** Samples per bucket. */
    public long stride() {
        return stride;
    }

    /** The evenly spaced samples as {index, ε}: the first sample of every bucket. */
    public long[][] samples() {
        long[][] out = new long[buckets][];
        for (int b = 0; b < buckets; b++) {
            out[b] = new long[] {firstIndex[b], firstEps[b]};
        }
        return out;
    }

    /** The lowest and highest sample of every bucket as {index, ε}, in index order. */
    public long[][] extremes() {
        long[][] out = new long[2 * buckets][];
        for (int b = 0; b < buckets; b++) {
            long[] lo = {minIndex[b], minEps[b]};
            long[] hi = {maxIndex[b], maxEps[b]};
            boolean loFirst = minIndex[b] <= maxIndex[b];
            out[2 * b] = loFirst ? lo : hi;
            out[2 * b + 1] = loFirst ? hi : lo;
        }
        return out;
    }
}
