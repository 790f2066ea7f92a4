package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Distribution reads the percentiles of a small stream off its sorted values; each must be exactly what HdrHistogram's own
 * getValueAtPercentile gives (the reports compare with tshark and with earlier runs), computed here from two
 * histograms of the same values, as Distribution computed it one percentile at a time before.
 */
class DistributionPercentilesTest {
    private static final double[] PS = {0, 0.1, 1, 5, 10, 25, 33.3, 50, 66.7, 75, 90, 95, 99, 99.9, 99.99, 100};

    /** Distribution's percentile as it was: one getValueAtPercentile per percentile. */
    private static final class Reference {
        final Histogram positive = new Histogram(Distribution.SIGNIFICANT_DIGITS);
        final Histogram negative = new Histogram(Distribution.SIGNIFICANT_DIGITS);
        long count;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;

        Reference() {
            positive.setAutoResize(true);
            negative.setAutoResize(true);
        }

        void record(long v) {
            count++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v >= 0) {
                positive.recordValue(v);
            } else {
                negative.recordValue(v == Long.MIN_VALUE ? Long.MAX_VALUE : -v);
            }
        }

        long percentile(double p) {
            long neg = negative.getTotalCount();
            double rank = p / 100.0 * count;
            long v;
            if (rank <= neg && neg > 0) {
                double q = 100.0 * (1.0 - rank / neg);
                v = -negative.lowestEquivalentValue(negative.getValueAtPercentile(Math.max(0, Math.min(100, q))));
            } else {
                long pos = positive.getTotalCount();
                double q = pos == 0 ? 100 : 100.0 * (rank - neg) / pos;
                v = positive.lowestEquivalentValue(positive.getValueAtPercentile(Math.max(0, Math.min(100, q))));
            }
            return Math.max(min, Math.min(max, v));
        }
    }

    private static List<long[]> streams() {
        SplittableRandom r = new SplittableRandom(16);
        List<long[]> streams = new ArrayList<>();
        streams.add(new long[] {42});
        streams.add(new long[] {7, 7, 7, 7});
        streams.add(new long[] {-3});
        streams.add(new long[] {0, 1});
        streams.add(new long[] {-5, 5, 0});
        // past KEPT_VALUES the percentiles come from the histograms themselves
        for (int size :
                new int[] {2, 3, 10, 123, 1000, 20_000, Distribution.KEPT_VALUES, Distribution.KEPT_VALUES + 1}) {
            long[] gaps = new long[size];
            long[] mixed = new long[size];
            long[] negatives = new long[size];
            for (int i = 0; i < size; i++) {
                // inter-arrival-like: heavy-tailed over ns to seconds
                gaps[i] = (long) Math.pow(10, r.nextDouble(2, 9.5)) + r.nextInt(1000);
                mixed[i] = r.nextLong(-2_000_000, 5_000_000);
                negatives[i] = -1 - r.nextLong(1L << 40);
            }
            streams.add(gaps);
            streams.add(mixed);
            streams.add(negatives);
        }
        return streams;
    }

    @Test
    void everyPercentileIsHdrHistogramsOwn() {
        SplittableRandom r = new SplittableRandom(5);
        for (long[] values : streams()) {
            Distribution d = new Distribution();
            Reference ref = new Reference();
            for (long v : values) {
                d.record(v);
                ref.record(v);
            }
            double[] ps = PS.clone();
            ps[ps.length / 2] = r.nextDouble(0, 100);
            long[] all = d.percentiles(ps);
            for (int i = 0; i < ps.length; i++) {
                assertThat(all[i]).as("p%s of %d values", ps[i], values.length).isEqualTo(ref.percentile(ps[i]));
                assertThat(d.percentile(ps[i])).isEqualTo(all[i]);
            }
            Distribution.Stats s = d.stats();
            assertThat(new long[] {s.p1(), s.p50(), s.p999()})
                    .containsExactly(ref.percentile(1), ref.percentile(50), ref.percentile(99.9));
        }
    }

    @Test
    void aMergedDistributionToo() {
        Distribution a = new Distribution();
        Distribution b = new Distribution();
        Reference ref = new Reference();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 5000; i++) {
            long v = r.nextLong(-1_000_000, 100_000_000);
            (i % 3 == 0 ? a : b).record(v);
            ref.record(v);
        }
        a.merge(b);
        for (double p : PS) {
            assertThat(a.percentile(p)).as("p%s", p).isEqualTo(ref.percentile(p));
        }
    }

    @Test
    void anEmptyDistributionIsZeroEverywhere() {
        assertThat(new Distribution().percentiles(Distribution.PERCENTILES)).containsOnly(0L);
    }

    @Test
    void theMapHasTheRecordsComponentsInOrder() {
        Distribution d = new Distribution();
        for (long v : new long[] {5, 1, 9, -2}) {
            d.record(v);
        }
        Distribution.Stats s = d.stats();
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (RecordComponent c : Distribution.Stats.class.getRecordComponents()) {
            names.add(c.getName());
            try {
                values.add(c.getAccessor().invoke(s));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(d.toMap().keySet()).containsExactlyElementsOf(names);
        assertThat(d.toMap().values()).containsExactlyElementsOf(values);
    }
}
