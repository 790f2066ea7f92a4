package io.netvcr.formats;

import java.io.IOException;

/**
 * --salvage: a trace damaged part-way (typically a capture cut off mid-record) ends at the damage instead of
 * failing, so every whole record before it is kept. The damage is remembered for the tool to report; a
 * damaged header still fails, as there is nothing to keep.
 */
public final class SalvagingReader extends ForwardingTraceReader {
    private TraceFormatException damage;
    private long delivered;

    public SalvagingReader(TraceReader reader) {
        super(reader);
    }

    @Override
    public boolean next(Packet p) throws IOException {
        if (damage != null) {
            return false;
        }
        try {
            boolean more = reader.next(p);
            if (more) {
                delivered++;
            }
            return more;
        } catch (TraceFormatException e) {
            damage = e;
            return false;
        }
    }

    /** What ended the trace early, or null when it ended cleanly. */
    public TraceFormatException damage() {
        return damage;
    }

    /** Records delivered before the damage. */
    public long kept() {
        return delivered;
    }

    /** One line for the user: where the damage is and what was dropped. */
    public String warning() {
        if (damage == null) {
            return null;
        }
        return damage.getMessage() + "; --salvage kept the " + kept() + " whole record" + (kept() == 1 ? "" : "s")
                + " before it and dropped the damaged record and everything after byte offset " + damage.byteOffset();
    }
}
