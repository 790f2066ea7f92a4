package io.netvcr.analyze;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * How faithfully a replay reproduced its trace: packet accounting (from matching a capture) and the
 * distribution of ε, plus a thinned ε-by-index series for plots. Also filled from an ε log alone, in which
 * case only the ε part is known.
 */
public final class Fidelity {
    private final Distribution epsilon = new Distribution();
    private final EpsilonSeries series = new EpsilonSeries();
    private Accounting accounting;
    private long lateCount;
    private long earlyCount;

    public void acceptEpsilon(long index, long epsilonNs) {
        epsilon.record(epsilonNs);
        series.add(index, epsilonNs);
        if (epsilonNs > 0) {
            lateCount++;
        } else if (epsilonNs < 0) {
            earlyCount++;
        }
    }

    /** Reads every sample of a source (e.g. the replayer's ε log). */
    public static Fidelity of(EpsilonSource source) throws java.io.IOException {
        Fidelity f = new Fidelity();
        EpsilonSample s = new EpsilonSample();
        while (source.next(s)) {
            f.acceptEpsilon(s.index, s.epsilonNs);
        }
        return f;
    }

    /** What matching a capture against the replayed trace found (null when ε came from a log alone). */
    public record Accounting(
            String original,
            String capture,
            int matchBytes,
            List<Integer> truncatedKeyLengths,
            long originalPackets,
            long capturedPackets,
            long matched,
            long missing,
            long duplicated,
            long extra,
            long reordered,
            List<Integer> firstMissing) {}

    /** The ε distribution with how many packets were late, early and on time. */
    public record EpsilonStats(@JsonUnwrapped Distribution.Stats distribution, long late, long early, long onTime) {}

    /** compare's JSON: the accounting (when a capture was matched), ε, and the plot files when drawn. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(@JsonUnwrapped Accounting accounting, EpsilonStats epsilonNs, List<String> plotFiles) {}

    void accounting(Accounting a) {
        accounting = a;
    }

    public Accounting accounting() {
        return accounting;
    }

    public Distribution epsilon() {
        return epsilon;
    }

    public EpsilonSeries series() {
        return series;
    }

    public Report report(List<String> plotFiles) {
        return new Report(
                accounting,
                new EpsilonStats(epsilon.stats(), lateCount, earlyCount, epsilon.count() - lateCount - earlyCount),
                plotFiles);
    }
}
