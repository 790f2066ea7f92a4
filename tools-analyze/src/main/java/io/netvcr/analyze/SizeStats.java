package io.netvcr.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wire lengths of packets, counted exactly per byte length up to 64 KiB (one array, no per-packet cost);
 * longer frames (GSO/TSO captures) share the last slot but still count in min, max and mean.
 */
public final class SizeStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SLOTS = 65536;
    private transient long[] byLength = new long[SLOTS + 1];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    private long sum;

    public void accept(int wireLength) {
        byLength[Math.min(wireLength, SLOTS)]++;
        count++;
        sum += wireLength;
        min = Math.min(min, wireLength);
        max = Math.max(max, wireLength);
    }

    public void merge(SizeStats o) {
        for (int i = 0; i <= SLOTS; i++) {
            byLength[i] += o.byLength[i];
        }
        count += o.count;
        sum += o.sum;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
    }

    // Serialized sparse: the Spark engine ships one of these per split to the driver, mostly zeros.
    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        Sparse.write(out, byLength);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        byLength = Sparse.read(in, SLOTS + 1);
    }

    public long count() {
        return count;
    }

    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /** Exact nearest-rank percentile of the wire length. */
    public long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
        long cum = 0;
        for (int i = 0; i <= SLOTS; i++) {
            cum += byLength[i];
            if (cum >= rank) {
                return i == SLOTS ? max : i;
            }
        }
        return max;
    }

    /** Histogram with fixed-width bins: rows of {low (inclusive), high (exclusive), count}; empty tail dropped. */
    public List<long[]> bins(int width) {
        List<long[]> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        long top = Math.min(max, SLOTS);
        for (long low = 0; low <= top; low += width) {
            long c = 0;
            for (long i = low; i < low + width && i <= SLOTS; i++) {
                c += byLength[(int) i];
            }
            out.add(new long[] {low, low + width, c});
        }
        return out;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("min", count == 0 ? 0 : min);
        m.put("mean", Distribution.round3(mean()));
        for (int i = 0; i < Distribution.PERCENTILES.length; i++) {
            m.put(Distribution.PERCENTILE_KEYS[i], percentile(Distribution.PERCENTILES[i]));
        }
        m.put("max", max);
        return m;
    }
}
