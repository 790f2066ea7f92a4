package io.netvcr.replay.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartInstantTest {
    @Test
    void parsesIsoWithNanosecondFractionAndEpochNanoseconds() {
        assertThat(StartInstant.parse("2026-12-01T10:00:00.000000001Z"))
                .isEqualTo(Instant.parse("2026-12-01T10:00:00Z").getEpochSecond() * 1_000_000_000L + 1);
        assertThat(StartInstant.parse("2026-12-01T10:00:00.5Z") % 1_000_000_000L)
                .isEqualTo(500_000_000L);
        assertThat(StartInstant.parse("1764583200123456789")).isEqualTo(1764583200123456789L);
    }

    @Test
    void refusesTextThatIsNeitherFormat() {
        assertThatThrownBy(() -> StartInstant.parse("tomorrow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> StartInstant.parse("99999999999999999999")).hasMessageContaining("out of range");
    }

    @Test
    void refusesPastAndFarFutureInstantsOnEitherClock() {
        for (StartInstant.Clock c : StartInstant.Clock.values()) {
            long now = StartInstant.at(c, nowOn(c) + 60_000_000_000L).clockNs();
            assertThatThrownBy(() -> StartInstant.at(c, now - 1_000_000)).hasMessageContaining("in the past");
            assertThatThrownBy(() -> StartInstant.at(c, now + StartInstant.MAX_AHEAD_NS + 60_000_000_000L))
                    .hasMessageContaining("more than 24 h ahead");
        }
    }

    @Test
    void taiRunsAheadOfRealtimeByTheLeapSecondOffsetOrNotAtAll() {
        long rt = nowOn(StartInstant.Clock.REALTIME);
        long tai = nowOn(StartInstant.Clock.TAI);
        // Without a PTP daemon setting the kernel's TAI offset it is 0; with one, 37 s since 2017.
        assertThat(Math.round((tai - rt) / 1e9)).isIn(0L, 37L);
    }

    @Test
    void awaitNeverEndsBeforeTheInstantAndStopsWhenAsked() {
        for (StartInstant.Clock c : StartInstant.Clock.values()) {
            StartInstant s = StartInstant.at(c, nowOn(c) + 30_000_000L);
            long start = s.await(new Sleeper(true), () -> false);
            assertThat(start).isNotEqualTo(Long.MIN_VALUE);
            assertThat(s.lateNs()).isGreaterThanOrEqualTo(0);

            StartInstant far = StartInstant.at(c, nowOn(c) + 3_600_000_000_000L);
            long t0 = System.nanoTime();
            assertThat(far.await(new Sleeper(true), () -> System.nanoTime() - t0 > 100_000_000L))
                    .isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void convertsTheInstantToTheMonotonicTimeLine() {
        for (StartInstant.Clock c : StartInstant.Clock.values()) {
            long ahead = 500_000_000L;
            StartInstant s = StartInstant.at(c, nowOn(c) + ahead);
            long mono = s.monotonicNs();
            long left = mono - System.nanoTime();
            // ahead minus the time taken since nowOn(): well under a millisecond unless the machine stalls.
            assertThat(left).isBetween(ahead - 50_000_000L, ahead);
            // Two conversions agree to within a few microseconds (each brackets the wall clock read).
            assertThat(Math.abs(s.monotonicNs() - mono)).isLessThan(50_000L);
        }
    }

    @Test
    void awaitReachesTheConvertedInstantNotBeforeIt() {
        StartInstant s = StartInstant.at(StartInstant.Clock.REALTIME, nowOn(StartInstant.Clock.REALTIME) + 20_000_000L);
        StartApproach a = new StartApproach();
        long reached = s.await(a, new Sleeper(true), () -> false);
        assertThat(reached).isGreaterThanOrEqualTo(a.startNs());
        assertThat(s.clockNs()).isGreaterThanOrEqualTo(s.instantNs());
        assertThat(Math.abs(a.startNs() - s.monotonicNs())).isLessThan(50_000L);
    }

    private static long nowOn(StartInstant.Clock c) {
        // A probe instant far enough ahead to be accepted, only to read the clock.
        long guess = c == StartInstant.Clock.REALTIME
                ? System.currentTimeMillis() * 1_000_000L
                : System.currentTimeMillis() * 1_000_000L + 10_000_000_000L;
        return StartInstant.at(c, guess + 3_600_000_000_000L).clockNs();
    }
}
