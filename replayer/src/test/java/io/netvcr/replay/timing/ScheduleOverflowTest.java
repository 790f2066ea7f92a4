package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Loop pass k of a long schedule is due later than pass k-1, however large k gets: no wrap to "at once". */
class ScheduleOverflowTest {
    private static final long START = 1_000_000_000L;
    private static final long NINE_YEARS = 1L << 58;

    @Test
    void shouldKeepEveryLaterLoopLaterInsteadOfWrappingToThePast() {
        Schedule s = new Schedule(START, NINE_YEARS, 1.0);
        long previous = START;
        for (long loop = 1; loop < 100; loop++) {
            long d = s.deadlineNs(loop, NINE_YEARS - 1);
            assertThat(d).as("loop %d", loop).isGreaterThanOrEqualTo(previous);
            previous = d;
        }
        // exact while it fits: pass 30 of a 2^58 period
        assertThat(s.deadlineNs(30, 5)).isEqualTo(START + 30 * NINE_YEARS + 5);
        assertThat(s.deadlineNs(40, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(s.deadlineNs(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldSaturateASlowedDownScheduleToo() {
        Schedule s = new Schedule(START, NINE_YEARS, 0.001);
        assertThat(s.deadlineNs(0, NINE_YEARS)).isEqualTo(Long.MAX_VALUE);
        assertThat(s.deadlineNs(1_000_000, 0)).isEqualTo(Long.MAX_VALUE);
        assertThat(s.deadlineNs(0, 1_000)).isEqualTo(START + 1_000_000);
    }

    @Test
    void shouldNotWrapTheDefaultLoopPeriod() {
        assertThat(Schedule.defaultLoopPeriod(0, Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Schedule.defaultLoopPeriod(0, 9_000, 10)).isEqualTo(10_000);
    }
}
