package io.netvcr.convert;

import io.netvcr.formats.Packet;

/**
 * Cuts a piece out of a trace: packets inside --time-range are counted, the first --skip of them dropped,
 * and at most --limit kept. Applied after --filter, so "--filter tcp --skip 10" skips ten TCP packets.
 */
public final class PacketWindow {
    /** What to do with a packet. */
    public enum Verdict {
        KEEP,
        DROP,
        STOP
    }

    private final TimeRange range;
    private final long skip;
    private final long limit;
    private long seen;
    private long kept;

    /** limit &lt; 0: no limit. */
    public PacketWindow(TimeRange range, long skip, long limit) {
        this.range = range;
        this.skip = skip;
        this.limit = limit;
    }

    public Verdict judge(Packet p) {
        if (limit >= 0 && kept >= limit) {
            return Verdict.STOP;
        }
        if (!range.contains(p.timestampNs)) {
            return Verdict.DROP;
        }
        if (seen++ < skip) {
            return Verdict.DROP;
        }
        kept++;
        return Verdict.KEEP;
    }

    /** True once no further packet can be kept (stop reading early). */
    public boolean full() {
        return limit >= 0 && kept >= limit;
    }
}
