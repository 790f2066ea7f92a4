package io.netvcr.analyze;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How faithfully a replay reproduced its trace: packet accounting (from matching a capture) and the
 * distribution of ε, plus a thinned ε-by-index series for plots. Also filled from an ε log alone, in which
 * case only the ε part is known.
 */
public final class Fidelity {
    private final Distribution epsilon = new Distribution();
    private final EpsilonSeries series = new EpsilonSeries();
    private final Map<String, Object> accounting = new LinkedHashMap<>();
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

    void accounting(String key, Object value) {
        accounting.put(key, value);
    }

    public Object accounting(String key) {
        return accounting.get(key);
    }

    public Distribution epsilon() {
        return epsilon;
    }

    public EpsilonSeries series() {
        return series;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(accounting);
        Map<String, Object> e = epsilon.toMap();
        e.put("late", lateCount);
        e.put("early", earlyCount);
        e.put("onTime", epsilon.count() - lateCount - earlyCount);
        m.put("epsilonNs", e);
        return m;
    }
}
