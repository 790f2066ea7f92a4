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
    private long[] packets = new long[1024];
    private long[] bytes = new long[1024];
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
        RateSeries src = o;
        if (o.intervalNs < intervalNs) {
            src = o.copy();
            while (src.intervalNs < intervalNs) {
                src.coarsen();
            }
        }
        while (intervalNs < src.intervalNs) {
            coarsen();
        }
        if (src.used > packets.length) {
            packets = Arrays.copyOf(packets, src.used);
            bytes = Arrays.copyOf(bytes, src.used);
        }
        for (int i = 0; i < src.used; i++) {
            packets[i] += src.packets[i];
            bytes[i] += src.bytes[i];
        }
        used = Math.max(used, src.used);
    }

    private RateSeries copy() {
        RateSeries c = new RateSeries(requestedIntervalNs);
        c.intervalNs = intervalNs;
        c.packets = Arrays.copyOf(packets, Math.max(used, 1));
        c.bytes = Arrays.copyOf(bytes, Math.max(used, 1));
        c.used = used;
        c.origin = origin;
        c.started = started;
        return c;
    }

    public long intervalNs() {
        return intervalNs;
    }

    public int intervals() {
        return used;
    }

    public long packets(int i) {
        return packets[i];
    }

    public long bytes(int i) {
        return bytes[i];
    }

    public long originNs() {
        return origin;
    }

    public int peakPacketInterval() {
        int best = 0;
        for (int i = 1; i < used; i++) {
            if (packets[i] > packets[best]) {
                best = i;
            }
        }
        return best;
    }

    public int peakByteInterval() {
        int best = 0;
        for (int i = 1; i < used; i++) {
            if (bytes[i] > bytes[best]) {
                best = i;
            }
        }
        return best;
    }

    public double pps(int i) {
        return packets[i] * 1e9 / intervalNs;
    }

    public double bps(int i) {
        return bytes[i] * 8e9 / intervalNs;
    }

    public Map<String, Object> toMap() {
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
