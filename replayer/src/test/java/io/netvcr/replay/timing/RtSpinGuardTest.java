package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The RT guard forces a rest only when a 0.5 s window went by with less than 30 ms asleep. */
class RtSpinGuardTest {
    @Test
    void shouldRestOnceAfterHalfASecondOfSpinningWithoutSleep() {
        RtSpinGuard guard = new RtSpinGuard(new Sleeper(false));
        long start = System.nanoTime();
        long now = guard.beforeSpin(start);
        long restStart = 0;
        long restEnd = 0;
        while (now - start < 700_000_000L) {
            long t = System.nanoTime();
            now = guard.beforeSpin(t);
            if (now - t > 10_000_000L && restStart == 0) {
                restStart = t;
                restEnd = now;
            }
        }
        assertThat(guard.forcedRests()).isEqualTo(1);
        assertThat(restEnd - restStart).as("forced rest").isGreaterThanOrEqualTo(RtSpinGuard.REST_NS);
        assertThat(restStart - start).as("rest comes after the window").isGreaterThanOrEqualTo(RtSpinGuard.WINDOW_NS);
    }

    @Test
    void shouldNotRestWhenTheTimerSleptEnough() {
        RtSpinGuard guard = new RtSpinGuard(new Sleeper(false));
        long start = System.nanoTime();
        guard.beforeSpin(start);
        guard.rested(RtSpinGuard.REST_NS);
        long now = guard.beforeSpin(start + RtSpinGuard.WINDOW_NS + 1);
        assertThat(now).isEqualTo(start + RtSpinGuard.WINDOW_NS + 1);
        assertThat(guard.forcedRests()).isZero();
    }
}
