package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitSettleTest {
    private final Sleeper sleeper = new Sleeper(false);

    @Test
    void shouldWaitUntilTheCompileTimeStoodStillForTheQuietSpan() {
        long t0 = System.nanoTime();
        // Compiling for the first 300 ms (the count grows at every look), then idle.
        long waited = JitSettle.await(
                () -> System.nanoTime() - t0 < 300_000_000L ? System.nanoTime() : 0,
                sleeper,
                100_000_000L,
                5_000_000_000L,
                () -> false);
        long total = System.nanoTime() - t0; // from before the call: the busy span started here
        assertThat(total)
                .as("busy 300 ms, then quiet 100 ms")
                .isGreaterThanOrEqualTo(400_000_000L)
                .isLessThan(4_000_000_000L);
        assertThat(waited).isLessThanOrEqualTo(total).isGreaterThanOrEqualTo(100_000_000L);
    }

    @Test
    void shouldGiveUpAfterTheMaximumWhenTheCompilerNeverRests() {
        AtomicLong c = new AtomicLong();
        long waited = JitSettle.await(c::incrementAndGet, sleeper, 100_000_000L, 250_000_000L, () -> false);
        assertThat(waited).isGreaterThanOrEqualTo(250_000_000L).isLessThan(2_000_000_000L);
    }

    @Test
    void shouldEndAtAStopAndNotWaitWhenTheJvmDoesNotCount() {
        AtomicLong c = new AtomicLong();
        assertThat(JitSettle.await(c::incrementAndGet, sleeper, 100_000_000L, 60_000_000_000L, () -> true))
                .isLessThan(1_000_000_000L);
        assertThat(JitSettle.await(null, sleeper, 100_000_000L, 60_000_000_000L, () -> false))
                .isZero();
    }
}
