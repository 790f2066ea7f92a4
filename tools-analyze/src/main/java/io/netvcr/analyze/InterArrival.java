package io.netvcr.analyze;

import java.util.Map;

/**
 * Gaps between consecutive packets in file order (like tshark's frame.time_delta). A packet stamped earlier
 * than its predecessor is out of order: it is counted, its backward step is noted, and its negative gap is
 * left out of the distribution (a negative inter-arrival time has no meaning for a sender). The next gap is
 * again measured from this packet, as the file orders it.
 */
public final class InterArrival {
    private final Distribution gaps = new Distribution();
    private long previous;
    private boolean started;
    private long outOfOrder;
    private long largestBackwardStepNs;
    private long zeroGaps;

    public void accept(long timestampNs) {
        if (started) {
            long gap = timestampNs - previous;
            if (gap < 0) {
                outOfOrder++;
                largestBackwardStepNs = Math.max(largestBackwardStepNs, -gap);
            } else {
                if (gap == 0) {
                    zeroGaps++;
                }
                gaps.record(gap);
            }
        }
        previous = timestampNs;
        started = true;
    }

    public Distribution gaps() {
        return gaps;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = gaps.toMap();
        m.put("zeroGaps", zeroGaps);
        m.put("outOfOrder", outOfOrder);
        m.put("largestBackwardStepNs", largestBackwardStepNs);
        return m;
    }
}
