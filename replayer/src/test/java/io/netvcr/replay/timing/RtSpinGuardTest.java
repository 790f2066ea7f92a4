package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The RT guard's decisions as pure logic: it rests only when the current half-second window is short of rest,
 * only inside a schedule gap long enough, and always wakes a margin before the deadline; a window that ended
 * short of rest is counted as exposed; no guard when the kernel does not throttle.
 */
class RtSpinGuardTest {
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private final RtSpinGuard guard = new RtSpinGuard(new Sleeper(false), 30 * MS, 200 * US);

    @Test
    void shouldRestInALongGapButWakeBeforeTheDeadline() {
        long now = 1_000 * MS;
        long deadline = now + 10 * MS;
        long until = guard.restUntil(now, deadline);
        assertThat(until).isEqualTo(deadline - 200 * US);
    }

    @Test
    void shouldRestOnlyTheDeficitWhenTheGapIsLonger() {
        long now = 1_000 * MS;
        guard.restUntil(now, now + 1);
        guard.rested(25 * MS);
        assertThat(guard.restUntil(now + MS, now + 90 * MS)).isEqualTo(now + MS + 5 * MS);
    }

    @Test
    void shouldNeverRestInAGapShorterThanMarginPlusMinimum() {
        long now = 1_000 * MS;
        assertThat(guard.restUntil(now, now + 20 * US)).isZero(); // delta = 20 us schedule: never
        assertThat(guard.restUntil(now, now + 200 * US + RtSpinGuard.MIN_REST_NS - 1))
                .isZero();
        assertThat(guard.restUntil(now, now + 200 * US + RtSpinGuard.MIN_REST_NS))
                .isEqualTo(now + RtSpinGuard.MIN_REST_NS);
        assertThat(guard.restUntil(now, now - 5 * US))
                .as("a packet already late")
                .isZero();
    }

    @Test
    void shouldNotRestOnceTheWindowHasItsRest() {
        long now = 1_000 * MS;
        guard.restUntil(now, now + 1);
        guard.rested(30 * MS);
        assertThat(guard.restUntil(now + 100 * MS, now + 300 * MS)).isZero();
        // The next window starts short again.
        assertThat(guard.restUntil(now + RtSpinGuard.WINDOW_NS, now + RtSpinGuard.WINDOW_NS + 50 * MS))
                .isNotZero();
        assertThat(guard.exposedWindows()).isZero();
    }

    @Test
    void shouldCountAWindowWithoutGapsAsExposed() {
        long t = 1_000 * MS;
        for (long k = 0; k < 1_200; k++) { // 1.2 s of a 1 ms-spaced schedule... seen through 20 us gaps only
            assertThat(guard.restUntil(t, t + 20 * US)).isZero();
            t += MS;
        }
        assertThat(guard.exposedWindows()).isEqualTo(2);
    }

    @Test
    void shouldSleepForRealOnlyWhenTheDecisionSaysSo() {
        long now = System.nanoTime();
        assertThat(guard.beforeSpin(now, now + 50 * US)).isEqualTo(now);
        assertThat(guard.forcedRests()).isZero();
        long after = guard.beforeSpin(System.nanoTime(), System.nanoTime() + 3 * MS);
        assertThat(guard.forcedRests()).isEqualTo(1);
        assertThat(after - now).isGreaterThanOrEqualTo(2 * MS);
    }

    @Test
    void shouldNeedNoGuardWhenTheKernelDoesNotThrottle() {
        assertThat(new RtSpinGuard.RtThrottling(-1, 1_000_000).guardNeeded()).isFalse();
        assertThat(new RtSpinGuard.RtThrottling(1_000_000, 1_000_000).guardNeeded())
                .isFalse();
        RtSpinGuard.RtThrottling on = new RtSpinGuard.RtThrottling(950_000, 1_000_000);
        assertThat(on.guardNeeded()).isTrue();
        assertThat(on.restPerWindowNs(RtSpinGuard.WINDOW_NS)).isEqualTo(30 * MS);
        assertThat(on.describe()).contains("sched_rt_runtime_us=-1");
        assertThat(DeadlineTimer.create(
                                SpinTimer.KIND,
                                new Sleeper(false),
                                0,
                                true,
                                new RtSpinGuard.RtThrottling(-1, 1_000_000))
                        .describe())
                .doesNotContain("RT guard");
        assertThat(DeadlineTimer.create(SpinTimer.KIND, new Sleeper(false), 0, true, on)
                        .describe())
                .contains("RT guard");
    }
}
