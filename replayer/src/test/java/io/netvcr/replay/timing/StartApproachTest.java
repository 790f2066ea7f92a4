package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartApproachTest {
    @Test
    void shouldSleepThenSpinAndNeverReachTheStartEarly() {
        StartApproach a = new StartApproach();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime() + 10_000_000L + i * 1_000_000L;
            long reached = a.await(start, new Sleeper(true), () -> false);
            assertThat(reached).isGreaterThanOrEqualTo(start);
            assertThat(a.startNs()).isEqualTo(start);
            // It slept until SPIN_NS before (waking late, if at all, not early), so it spun at most that long.
            assertThat(a.spunNs()).isPositive().isLessThanOrEqualTo(StartApproach.SPIN_NS + (reached - start));
            assertThat(a.longestStallNs()).isNotNegative().isLessThanOrEqualTo(a.spunNs());
        }
    }

    @Test
    void shouldSpinAllTheWayWhenTheStartIsCloserThanTheSpin() {
        StartApproach a = new StartApproach();
        long start = System.nanoTime() + StartApproach.SPIN_NS / 4;
        long reached = a.await(start, new Sleeper(true), () -> false);
        assertThat(reached).isGreaterThanOrEqualTo(start);
        assertThat(a.spunNs()).isGreaterThan(0).isLessThanOrEqualTo(StartApproach.SPIN_NS / 4 + (reached - start));
    }

    @Test
    void shouldFollowAStartThatMovesUntilTheLastSleep() {
        // A wall-clock instant converted again after each sleep: here the second answer is 3 ms later.
        long first = System.nanoTime() + 20_000_000L;
        AtomicInteger asked = new AtomicInteger();
        StartApproach a = new StartApproach();
        long reached = a.await(
                () -> asked.getAndIncrement() == 0 ? first : first + 3_000_000L, new Sleeper(true), () -> false);
        assertThat(asked.get())
                .as("asked before the sleep and again before the spin")
                .isGreaterThanOrEqualTo(2);
        assertThat(a.startNs()).isEqualTo(first + 3_000_000L);
        assertThat(reached).isGreaterThanOrEqualTo(first + 3_000_000L);
    }

    @Test
    void shouldStopWaitingWhenAskedAndReturnTheMarker() {
        StartApproach a = new StartApproach();
        long t0 = System.nanoTime();
        long r = a.await(t0 + 3_600_000_000_000L, new Sleeper(true), () -> System.nanoTime() - t0 > 100_000_000L);
        assertThat(r).isEqualTo(Long.MIN_VALUE);
        assertThat(System.nanoTime() - t0).as("seen within one sleep step").isLessThan(2_000_000_000L);
    }

    @Test
    void warmingSpinsShortlyAndLeavesNoStall() {
        StartApproach a = new StartApproach();
        long t0 = System.nanoTime();
        a.warm();
        assertThat(System.nanoTime() - t0).as("20,000 spins of 1 us").isGreaterThanOrEqualTo(20_000_000L);
        assertThat(a.longestStallNs()).isZero();
    }
}
