package io.netvcr.analyze;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Packets and bytes per interval, intervals starting at the first packet's time (as tshark's io,stat does).
 * Memory is bounded: when a trace would need more than {@link #MAX_INTERVALS} intervals, the interval is
 * doubled and neighbouring intervals merged, and the report gives the interval actually used. A packet stamped
 * before the first packet (out of order) is counted in the first interval.
 */
public final class RateSeries implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_INTERVALS = 1 << 20;
    private long intervalNs;
    private final long requestedIntervalNs;
    private transient long[] packets = new long[1024];
    private transient long[] bytes = new long[1024];
    private int used;
    private long origin;
    private boolean started;

    public RateSeries(long intervalNs) {
        if (intervalNs <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.intervalNs = intervalNs;
        this.requestedIntervalNs = intervalNs;
    }

    /** Starts the intervals at a given time (the first packet of the whole trace) instead of at the first packet seen. */
    public void start(long originNs) {
        origin = originNs;
        started = true;
    }

    public void accept(long timestampNs, long wireBytes) {
        dense();
        if (!started) {
            start(timestampNs);
        }
        long i = Math.max(0, timestampNs - origin) / intervalNs;
        while (i >= MAX_INTERVALS) {
            coarsen();
            i = Math.max(0, timestampNs - origin) / intervalNs;
        }
        int idx = (int) i;
        if (idx >= packets.length) {
            int n = Math.min(MAX_INTERVALS, Math.max(idx + 1, packets.length * 2));
            packets = Arrays.copyOf(packets, n);
            bytes = Arrays.copyOf(bytes, n);
        }
        packets[idx]++;
        bytes[idx] += wireBytes;
        used = Math.max(used, idx + 1);
    }

    private void coarsen() {
        dense();
        for (int i = 0; i < (used + 1) / 2; i++) {
            packets[i] = packets[2 * i] + (2 * i + 1 < used ? packets[2 * i + 1] : 0);
            bytes[i] = bytes[2 * i] + (2 * i + 1 < used ? bytes[2 * i + 1] : 0);
        }
        int n = (used + 1) / 2;
        Arrays.fill(packets, n, used, 0);
        Arrays.fill(bytes, n, used, 0);
        used = n;
        intervalNs *= 2;
    }

    /**
     * Adds the counts of another stretch of the same trace, started at the same origin. Merging two series is
     * exact: both coarsen to the larger interval, whose boundaries are those of the finer one.
     */
    public void merge(RateSeries o) {
        if (!o.started || o.used == 0) {
            return;
        }
        if (started && used > 0 && origin != o.origin) {
            throw new IllegalArgumentException("rate series of one trace must share their origin");
        }
        if (!started) {
            start(o.origin);
        }
        dense();
        while (intervalNs < o.intervalNs) {
            coarsen();
        }
        // intervals are the requested one times powers of two: o's interval i falls in this one's i >> shift
        int shift = Long.numberOfTrailingZeros(intervalNs / o.intervalNs);
        int n = ((o.used - 1) >> shift) + 1;
        if (n > packets.length) {
            packets = Arrays.copyOf(packets, n);
            bytes = Arrays.copyOf(bytes, n);
        }
        if (o.sparseIndex != null) {
            for (int k = 0; k < o.sparseIndex.length; k++) {
                packets[o.sparseIndex[k] >> shift] += o.sparsePackets[k];
                bytes[o.sparseIndex[k] >> shift] += o.sparseBytes[k];
            }
        } else {
            for (int i = 0; i < o.used; i++) {
                packets[i >> shift] += o.packets[i];
                bytes[i >> shift] += o.bytes[i];
            }
        }
        used = Math.max(used, n);
    }

    // Serialized as its non-zero intervals, and kept so until used: a split of a long trace at a fine interval
    // fills few of up to a million intervals, and the driver holds one series per split.
    private transient int[] sparseIndex;
    private transient long[] sparsePackets;
    private transient long[] sparseBytes;

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        dense();
        int n = 0;
        for (int i = 0; i < used; i++) {
            n += packets[i] != 0 || bytes[i] != 0 ? 1 : 0;
        }
        out.writeInt(n);
        for (int i = 0; i < used; i++) {
            if (packets[i] != 0 || bytes[i] != 0) {
                out.writeInt(i);
                out.writeLong(packets[i]);
                out.writeLong(bytes[i]);
            }
        }
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        sparseIndex = new int[n];
        sparsePackets = new long[n];
        sparseBytes = new long[n];
        for (int k = 0; k < n; k++) {
            sparseIndex[k] = in.readInt();
            if (sparseIndex[k] < 0 || sparseIndex[k] >= used) {
                throw new java.io.InvalidObjectException("interval " + sparseIndex[k] + " out of range");
            }
            sparsePackets[k] = in.readLong();
            sparseBytes[k] = in.readLong();
        }
    }

    /** Spreads a deserialized series back into its arrays. */
    private void dense() {
        if (sparseIndex == null) {
            return;
        }
        packets = new long[Math.max(1024, used)];
        bytes = new long[Math.max(1024, used)];
        for (int k = 0; k < sparseIndex.length; k++) {
            packets[sparseIndex[k]] = sparsePackets[k];
            bytes[sparseIndex[k]] = sparseBytes[k];
        }
        sparseIndex = null;
        sparsePackets = null;
        sparseBytes = null;
    }

    public long intervalNs() {
        return intervalNs;
    }

    public int intervals() {
        return used;
    }

    public long packets(int i) {
        dense();
        return packets[i];
    }

    public long bytes(int i) {
        dense();
        return bytes[i];
    }

    public long originNs() {
        return origin;
    }

    public int peakPacketInterval() {
        dense();
        int best = 0;
        for (int i = 1; i < used; i++) {
            if (packets[i] > packets[best]) {
                best = i;
            }
        }
        return best;
    }

    public int peakByteInterval() {
        dense();
        int best = 0;
        for (int i = 1; i < used; i++) {
            if (bytes[i] > bytes[best]) {
                best = i;
            }
        }
        return best;
    }

    public double pps(int i) {
        dense();
        return packets[i] * 1e9 / intervalNs;
    }

    public double bps(int i) {
        dense();
        return bytes[i] * 8e9 / intervalNs;
    }

    public Map<String, Object> toMap() {
        dense();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("intervalNs", intervalNs);
        if (intervalNs != requestedIntervalNs) {
            m.put("requestedIntervalNs", requestedIntervalNs);
        }
        m.put("intervals", used);
        if (used > 0) {
            int pp = peakPacketInterval();
            int pb = peakByteInterval();
            m.put("peakPps", Distribution.round3(pps(pp)));
            m.put("peakPpsIntervalStartNs", origin + pp * intervalNs);
            m.put("peakPpsIntervalPackets", packets[pp]);
            m.put("peakBps", Distribution.round3(bps(pb)));
            m.put("peakBpsIntervalStartNs", origin + pb * intervalNs);
            m.put("peakBpsIntervalBytes", bytes[pb]);
        }
        return m;
    }
}
