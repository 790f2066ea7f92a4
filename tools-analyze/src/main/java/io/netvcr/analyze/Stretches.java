package io.netvcr.analyze;

import java.io.IOException;
import java.util.List;

/**
 * Folds the statistics of consecutive stretches of one trace, analysed apart (in parallel, on other machines),
 * into the one-pass answer. A stretch that cannot be merged exactly (see {@link TrafficStats#canMerge}) is
 * analysed again knowing what came before it; that costs a second read of that stretch only.
 */
public final class Stretches {
    /** Analyses stretch i again, starting after what carry describes. */
    @FunctionalInterface
    public interface Again {
        TrafficStats analyse(int stretch, TrafficStats.Carry carry) throws IOException;
    }

    private Stretches() {}

    /**
     * @param originNs the first timestamp of the whole trace (every stretch was analysed with it as origin)
     * @param parts the stretches in trace order
     * @return the statistics of the whole trace, and how many stretches were analysed again
     */
    public static Folded fold(TrafficStats.Settings settings, long originNs, List<TrafficStats> parts, Again again)
            throws IOException {
        TrafficStats all = new TrafficStats(settings, TrafficStats.Carry.origin(originNs));
        int redone = 0;
        for (int i = 0; i < parts.size(); i++) {
            TrafficStats part = parts.get(i);
            if (!all.canMerge(part)) {
                part = again.analyse(i, all.carry());
                redone++;
                if (!all.canMerge(part)) {
                    throw new IllegalStateException("stretch " + i + " analysed with its carry still does not merge");
                }
            }
            all.merge(part);
        }
        return new Folded(all, redone);
    }

    /** The whole trace's statistics; redone: stretches that were analysed a second time. */
    public record Folded(TrafficStats stats, int redone) {}
}
