package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hybrid timer's warm-up compiles its learning on throwaway state: the timer itself starts the replay as new. */
class HybridTimerWarmUpTest {
    @Test
    void shouldLeaveTheTimersCountersAndLearntMarginsAsTheyWere() {
        HybridTimer timer = new HybridTimer(new Sleeper(false), 15_000, null);
        long[] before = margins(timer);
        timer.warmUp();
        assertThat(timer.sleeps()).isZero();
        assertThat(timer.oversleeps()).isZero();
        assertThat(timer.spinNs()).isZero();
        assertThat(margins(timer)).containsExactly(before);
    }

    @Test
    void shouldStillWaitUntilTheDeadlineAfterTheWarmUp() {
        HybridTimer timer = new HybridTimer(new Sleeper(false), 15_000, null);
        timer.warmUp();
        for (long ahead : new long[] {5_000, 80_000, 400_000, 3_000_000}) {
            long deadline = System.nanoTime() + ahead;
            assertThat(timer.awaitUntil(deadline)).isGreaterThanOrEqualTo(deadline);
        }
        assertThat(timer.sleeps()).isPositive();
        assertThat(timer.oversleeps()).isBetween(0L, 4L);
    }

    /** The margin of each length class the timer has learnt. */
    private static long[] margins(HybridTimer timer) {
        WakeLateness w = timer.lateness();
        long[] margins = new long[WakeLateness.CLASSES];
        for (int c = 0; c < WakeLateness.CLASSES; c++) {
            margins[c] = w.marginNs(c);
        }
        return margins;
    }
}
