package io.netvcr.samples;

import java.util.SplittableRandom;

/**
 * When the packets of a synthetic workload arrive: packet i at {@link #timeNs(long)} on an absolute time
 * line (computed from i, not by adding rounded gaps), so rounding never drifts over a million packets.
 */
public interface Arrivals {
    /** Arrival time of packet i in ns after the start; called with i = 0, 1, 2, ... in order. */
    long timeNs(long i);

    /** A short description for summaries ("periodic 70000 ns"). */
    String describe();

    /** Every packet exactly deltaNs after the previous one. */
    static Arrivals periodic(long deltaNs) {
        return new Arrivals() {
            @Override
            public long timeNs(long i) {
                return Math.multiplyExact(i, deltaNs);
            }

            @Override
            public String describe() {
                return "periodic, delta " + deltaNs + " ns";
            }
        };
    }

    /**
     * A Poisson process: exponential inter-arrival times with mean meanNs, reproducible from the seed
     * (SplittableRandom gives the same sequence on every JVM). Packet 0 arrives at 0.
     */
    static Arrivals poisson(long meanNs, long seed) {
        return new Arrivals() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private double exact;

            @Override
            public long timeNs(long i) {
                if (i > 0) {
                    // 1 - U is in (0, 1], so the log is finite.
                    exact += -meanNs * Math.log(1.0 - random.nextDouble());
                }
                return Math.round(exact);
            }

            @Override
            public String describe() {
                return "poisson, mean gap " + meanNs + " ns, seed " + seed;
            }
        };
    }
}
