package io.netvcr.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A stream of nanosecond values (signed: ε can be negative) summarised in bounded memory. Count, min, max,
 * mean and the standard deviation are exact (from exact sums of values and squares, so two halves of a stream
 * {@linkplain #merge merge} into exactly the answer of the whole: the Spark engine relies on it); percentiles come from HdrHistogram at
 * 1 ns resolution with {@value #SIGNIFICANT_DIGITS} significant digits (relative error below 0.01 %),
 * auto-resizing so no range has to be guessed. Negative values go to a second histogram of magnitudes.
 * Percentiles are clamped to [min, max], so a constant stream reports that constant at every percentile.
 */
public final class Distribution implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final int SIGNIFICANT_DIGITS = 4;
    /** The percentiles reported in JSON, as (key, percentile) pairs. */
    public static final String[] PERCENTILE_KEYS = {"p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "p999"
    };

    public static final double[] PERCENTILES = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9};

    private transient Histogram positive = new Histogram(SIGNIFICANT_DIGITS);
    private transient Histogram negative = new Histogram(SIGNIFICANT_DIGITS);
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    /** Exact sum of squares. */
    private final Int128 squares = new Int128();
    /** Exact sum, for an exact mean even over billions of values. */
    private java.math.BigInteger bigSum = java.math.BigInteger.ZERO;

    private long sum;
    private int sumOverflows;

    /** How many values are also {@linkplain #kept kept} as they are, at most (512 KB). */
    static final int KEPT_VALUES = 1 << 16;
    /**
     * Every value recorded so far, while there are at most {@value #KEPT_VALUES} of them (null after more, after a
     * merge, and in a copy sent to Spark): small inputs read their percentiles off these, sorted.
     */
    private transient long[] kept = new long[64];

    private transient int keptCount;
    private transient boolean keptSorted;

    public Distribution() {
        positive.setAutoResize(true);
        negative.setAutoResize(true);
    }

    public void record(long v) {
        count++;
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
        squares.addSquare(v);
        long s = sum + v;
        if (((sum ^ s) & (v ^ s)) < 0) {
            // overflow: park the long sum in the BigInteger and restart it
            bigSum = bigSum.add(java.math.BigInteger.valueOf(sum));
            s = v;
            sumOverflows++;
        }
        sum = s;
        if (kept != null) {
            keep(v);
        }
        if (v >= 0) {
            positive.recordValue(v);
        } else {
            negative.recordValue(v == Long.MIN_VALUE ? Long.MAX_VALUE : -v);
        }
    }

    private void keep(long v) {
        if (keptCount == kept.length) {
            if (keptCount >= KEPT_VALUES) {
                kept = null;
                return;
            }
            kept = java.util.Arrays.copyOf(kept, keptCount * 2);
        }
        kept[keptCount++] = v;
        keptSorted = false;
    }

    // Histograms travel compressed (their count arrays run to megabytes, mostly zeros): the Spark engine
    // ships one distribution per split to the driver.
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        writeHistogram(out, positive);
        writeHistogram(out, negative);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        positive = readHistogram(in);
        negative = readHistogram(in);
    }

    private static void writeHistogram(java.io.ObjectOutputStream out, Histogram h) throws java.io.IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buf, java.util.zip.Deflater.BEST_SPEED);
        out.writeInt(n);
        out.write(buf.array(), 0, n);
    }

    private static Histogram readHistogram(java.io.ObjectInputStream in) throws java.io.IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(java.nio.ByteBuffer.wrap(b), 0);
            h.setAutoResize(true);
            return h;
        } catch (java.util.zip.DataFormatException e) {
            throw new java.io.InvalidObjectException("damaged histogram: " + e.getMessage());
        }
    }

    public long count() {
        return count;
    }

    public long min() {
        return count == 0 ? 0 : min;
    }

    public long max() {
        return count == 0 ? 0 : max;
    }

    /** Exact arithmetic mean (from the exact sum, the same however the sum was reached), 0 when empty. */
    public double mean() {
        if (count == 0) {
            return 0;
        }
        if (sumOverflows == 0) {
            return (double) sum / count;
        }
        java.math.BigInteger total = exactSum();
        if (total.bitLength() < 63) {
            return (double) total.longValue() / count;
        }
        return new java.math.BigDecimal(total)
                .divide(java.math.BigDecimal.valueOf(count), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }

    private java.math.BigInteger exactSum() {
        return bigSum.add(java.math.BigInteger.valueOf(sum));
    }

    /** Population standard deviation: sqrt((n·Σv² − (Σv)²) / n²), the fraction computed exactly. */
    public double stddev() {
        if (count == 0) {
            return 0;
        }
        java.math.BigInteger n = java.math.BigInteger.valueOf(count);
        java.math.BigInteger s = exactSum();
        java.math.BigInteger num = n.multiply(squares.value()).subtract(s.multiply(s));
        if (num.signum() <= 0) {
            return 0;
        }
        return Math.sqrt(new java.math.BigDecimal(num)
                .divide(new java.math.BigDecimal(n.multiply(n)), java.math.MathContext.DECIMAL128)
                .doubleValue());
    }

    /** Adds the values of another distribution, as if they had been recorded here. */
    public void merge(Distribution o) {
        if (o.count == 0) {
            return;
        }
        count += o.count;
        kept = null;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        bigSum = exactSum().add(o.exactSum());
        sum = 0;
        sumOverflows++;
        squares.add(o.squares);
        positive.add(o.positive);
        negative.add(o.negative);
    }

    /** Coefficient of variation (stddev / mean), 0 when the mean is 0. */
    public double cv() {
        double m = mean();
        return m == 0 ? 0 : stddev() / Math.abs(m);
    }

    /** The value at percentile p (0..100), clamped to the exact [min, max]. */
    public long percentile(double p) {
        return percentiles(p)[0];
    }

    /**
     * The values at percentiles PS (each 0..100), each clamped to the exact [min, max]. The rank-th smallest value
     * lies among the negatives (the (neg - rank)-th largest magnitude) or among the positives; there each is the
     * lowest value of the bucket HdrHistogram's getValueAtPercentile lands in: the bucket holding the t-th smallest
     * value, t being the library's target count. While every value is still {@linkplain #kept kept}, that value is
     * read off the sorted values instead of walking the histogram's counts from the start for every percentile
     * (some 10^5 counts for inter-arrival times, ten times per distribution: the first thing an analysis of a
     * small pcap spent its time on).
     */
    public long[] percentiles(double... ps) {
        long[] out = new long[ps.length];
        if (count == 0) {
            return out;
        }
        if (kept != null && !keptSorted) {
            java.util.Arrays.sort(kept, 0, keptCount);
            keptSorted = true;
        }
        long neg = negative.getTotalCount();
        long pos = positive.getTotalCount();
        for (int i = 0; i < ps.length; i++) {
            double rank = ps[i] / 100.0 * count;
            boolean onNegative = rank <= neg && neg > 0;
            Histogram h = onNegative ? negative : positive;
            double q = onNegative ? 100.0 * (1.0 - rank / neg) : pos == 0 ? 100 : 100.0 * (rank - neg) / pos;
            q = Math.max(0, Math.min(100, q));
            long inBucket = kept != null
                    ? keptValueAtPercentile(h.getTotalCount(), q, onNegative, neg)
                    : h.getValueAtPercentile(q);
            long v = onNegative ? -negative.lowestEquivalentValue(inBucket) : positive.lowestEquivalentValue(inBucket);
            out[i] = Math.max(min, Math.min(max, v));
        }
        return out;
    }

    /**
     * A value in the bucket getValueAtPercentile(Q) returns for a histogram of TOTAL values (the negatives'
     * magnitudes when ON_NEGATIVE, else the others), from the sorted kept values: the t-th smallest, t computed as
     * the library computes its target count; 0 where the library finds none.
     */
    private long keptValueAtPercentile(long total, double q, boolean onNegative, long neg) {
        double requested = Math.min(Math.max(Math.nextAfter(q, Double.NEGATIVE_INFINITY), 0.0D), 100.0D);
        long t = Math.max(1, (long) Math.ceil(requested * total / 100.0));
        if (t > total) {
            return 0;
        }
        if (!onNegative) {
            return kept[(int) (neg + t - 1)];
        }
        // the negatives come first, most negative first: the t-th smallest magnitude is t from their end
        long v = kept[(int) (neg - t)];
        return v == Long.MIN_VALUE ? Long.MAX_VALUE : -v;
    }

    /** Histogram of the non-negative values in log bins: each bin is (low, high], the first starts at 0. */
    public List<long[]> logBins(long firstBucketNs, double base) {
        List<long[]> out = new ArrayList<>();
        if (positive.getTotalCount() == 0) {
            return out;
        }
        long low = 0;
        for (HistogramIterationValue v : positive.logarithmicBucketValues(firstBucketNs, base)) {
            long high = v.getValueIteratedTo();
            out.add(new long[] {low, high, v.getCountAddedInThisIterationStep()});
            low = high;
        }
        return out;
    }

    /** Points (value, cumulative fraction) of the empirical CDF at the histogram's resolution. */
    public List<double[]> cdf() {
        List<double[]> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        long cum = 0;
        List<long[]> negatives = new ArrayList<>();
        for (HistogramIterationValue v : negative.recordedValues()) {
            negatives.add(new long[] {-v.getValueIteratedTo(), v.getCountAtValueIteratedTo()});
        }
        for (int i = negatives.size() - 1; i >= 0; i--) {
            cum += negatives.get(i)[1];
            out.add(new double[] {Math.max(min, negatives.get(i)[0]), (double) cum / count});
        }
        for (HistogramIterationValue v : positive.recordedValues()) {
            cum += v.getCountAtValueIteratedTo();
            out.add(new double[] {Math.min(max, v.getValueIteratedTo()), (double) cum / count});
        }
        return out;
    }

    /** {count, min, mean, stddev, cv, p1..p999, max}: what the JSON reports show of a distribution. */
    public record Stats(
            long count,
            long min,
            double mean,
            double stddev,
            double cv,
            long p1,
            long p5,
            long p10,
            long p25,
            long p50,
            long p75,
            long p90,
            long p95,
            long p99,
            long p999,
            long max) {}

    public Stats stats() {
        long[] p = percentiles(PERCENTILES);
        return new Stats(
                count,
                min(),
                round3(mean()),
                round3(stddev()),
                round6(cv()),
                p[0],
                p[1],
                p[2],
                p[3],
                p[4],
                p[5],
                p[6],
                p[7],
                p[8],
                p[9],
                max());
    }

    /**
     * The same as a map, for the analyze reports still built as maps: the record's components in their order, read
     * directly (not through Jackson, which an analyze printing text must not load, nor by reflection over the
     * record, which cost a small analysis milliseconds). DistributionPercentilesTest holds the keys to the record.
     */
    public Map<String, Object> toMap() {
        Stats st = stats();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", st.count());
        m.put("min", st.min());
        m.put("mean", st.mean());
        m.put("stddev", st.stddev());
        m.put("cv", st.cv());
        long[] p = {st.p1(), st.p5(), st.p10(), st.p25(), st.p50(), st.p75(), st.p90(), st.p95(), st.p99(), st.p999()};
        for (int i = 0; i < p.length; i++) {
            m.put(PERCENTILE_KEYS[i], p[i]);
        }
        m.put("max", st.max());
        return m;
    }

    public String brief(String unit, double scale) {
        long[] median99 = percentiles(50, 99);
        return String.format(
                Locale.ROOT,
                "min %.3f, mean %.3f, p50 %.3f, p99 %.3f, max %.3f %s",
                min() / scale,
                mean() / scale,
                median99[0] / scale,
                median99[1] / scale,
                max() / scale,
                unit);
    }

    static double round3(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
