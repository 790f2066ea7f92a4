package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartApproachTest {
    @Test
    void shouldSleepUntilTheSpinThenSpinAndNeverReachTheStartEarly() {
        StartApproach a = new StartApproach();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime() + 10_000_000L + i * 1_000_000L;
            long s = a.sleepUntilSpin(start, new Sleeper(true), () -> false);
            long woke = System.nanoTime();
            assertThat(s).isEqualTo(start);
            assertThat(start - woke).as("slept, but not into the spin").isLessThanOrEqualTo(StartApproach.SPIN_NS);
            long reached = a.spin(s);
            assertThat(reached).isGreaterThanOrEqualTo(start).isEqualTo(a.reachedNs());
            assertThat(a.startNs()).isEqualTo(start);
            assertThat(a.spunNs()).isNotNegative().isLessThanOrEqualTo(reached - woke);
            assertThat(a.longestStallNs()).isNotNegative().isLessThanOrEqualTo(a.spunNs());
        }
    }

    @Test
    void shouldNotSleepWhenTheStartIsCloserThanTheSpin() {
        StartApproach a = new StartApproach();
        long start = System.nanoTime() + StartApproach.SPIN_NS / 4;
        long reached = a.await(() -> start, new Sleeper(true), () -> false);
        assertThat(reached).isGreaterThanOrEqualTo(start);
        assertThat(a.spunNs()).isNotNegative().isLessThanOrEqualTo(StartApproach.SPIN_NS / 4 + (reached - start));
    }

    @Test
    void shouldFollowAStartThatMovesUntilTheLastSleep() {
        // A wall-clock instant converted again after each sleep: here the second answer is 3 ms later.
        long first = System.nanoTime() + 20_000_000L;
        AtomicInteger asked = new AtomicInteger();
        StartApproach a = new StartApproach();
        long reached = a.await(
                () -> asked.getAndIncrement() == 0 ? first : first + 3_000_000L, new Sleeper(true), () -> false);
        assertThat(asked.get()).as("asked before the sleep and again after it").isGreaterThanOrEqualTo(2);
        assertThat(a.startNs()).isEqualTo(first + 3_000_000L);
        assertThat(reached).isGreaterThanOrEqualTo(first + 3_000_000L);
    }

    @Test
    void shouldStopWaitingWhenAskedAndReturnTheMarker() {
        StartApproach a = new StartApproach();
        long t0 = System.nanoTime();
        long far = t0 + 3_600_000_000_000L;
        assertThat(a.sleepUntilSpin(far, new Sleeper(true), () -> System.nanoTime() - t0 > 100_000_000L))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(a.await(() -> far, new Sleeper(true), () -> System.nanoTime() - t0 > 200_000_000L))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(System.nanoTime() - t0).as("seen within a sleep step or so").isLessThan(2_000_000_000L);
    }

    @Test
    void warmingSpinsShortlyAndLeavesNothingBehind() {
        StartApproach a = new StartApproach();
        long t0 = System.nanoTime();
        a.warm();
        assertThat(System.nanoTime() - t0).as("20,000 spins of 1 us").isGreaterThanOrEqualTo(20_000_000L);
        assertThat(a.longestStallNs()).isZero();
        assertThat(a.spunNs()).isZero();
    }
}
