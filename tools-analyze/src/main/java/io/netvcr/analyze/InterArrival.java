package io.netvcr.analyze;

import java.util.Map;

/**
 * Gaps between consecutive packets in file order (like tshark's frame.time_delta). A packet stamped earlier
 * than its predecessor is out of order: it is counted, its backward step is noted, and its negative gap is
 * left out of the distribution (a negative inter-arrival time has no meaning for a sender). The next gap is
 * again measured from this packet, as the file orders it.
 */
public final class InterArrival implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Distribution gaps = new Distribution();
    private long first;
    private long previous;
    private boolean started;
    private long outOfOrder;
    private long largestBackwardStepNs;
    private long zeroGaps;

    public void accept(long timestampNs) {
        if (started) {
            gap(timestampNs - previous);
        } else {
            first = timestampNs;
        }
        previous = timestampNs;
        started = true;
    }

    private void gap(long gap) {
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

    /**
     * Appends the gaps of the packets that followed this stretch of the trace: the gap across the boundary is
     * measured from this stretch's last timestamp to the next one's first, as one pass would have.
     */
    public void merge(InterArrival next) {
        if (!next.started) {
            return;
        }
        if (started) {
            gap(next.first - previous);
        } else {
            first = next.first;
        }
        gaps.merge(next.gaps);
        outOfOrder += next.outOfOrder;
        largestBackwardStepNs = Math.max(largestBackwardStepNs, next.largestBackwardStepNs);
        zeroGaps += next.zeroGaps;
        previous = next.previous;
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
