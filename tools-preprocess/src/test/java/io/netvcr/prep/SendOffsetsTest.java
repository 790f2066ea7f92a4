package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendOffsetsTest {
    private static final long T0 = 1_700_000_000_123_456_789L;

    private static Ratio r(String s) {
        return Ratio.parse("--test", s);
    }

    @Test
    void shouldScaleCaptureTimesByTheMultiplierOnAnAbsoluteTimeLine() {
        SendOffsets s = new SendOffsets(ScheduleMode.MULTIPLIER, r("3"), 0, false);
        long[] ts = {T0, T0 + 1, T0 + 2, T0 + 1000, T0 + 1_000_000_001L};
        long[] expected = {0, 0, 1, 333, 333_333_334};
        for (int i = 0; i < ts.length; i++) {
            assertThat(s.next(ts[i], 60)).as("record %d", i).isEqualTo(expected[i]);
        }
        assertThat(s.durationNs()).isEqualTo(333_333_334);
    }

    @Test
    void shouldNotDriftWhereSummedRoundedGapsWould() {
        // 10^6 gaps of 1 ns at x3: each rounded gap is 0, the absolute time line reaches 333,333 ns.
        SendOffsets s = new SendOffsets(ScheduleMode.MULTIPLIER, r("3"), 0, false);
        long last = 0;
        for (int i = 0; i <= 1_000_000; i++) {
            last = s.next(T0 + i, 64);
        }
        assertThat(last).isEqualTo(333_333);
    }

    @Test
    void shouldHandleFractionalMultipliersExactly() {
        SendOffsets s = new SendOffsets(ScheduleMode.MULTIPLIER, r("2.5"), 0, false);
        s.next(T0, 60);
        assertThat(s.next(T0 + 1_000_000_000L, 60)).isEqualTo(400_000_000L);
        assertThat(s.next(T0 + 1_000_000_001L, 60)).isEqualTo(400_000_000L);
        assertThat(s.next(T0 + 1_000_000_002L, 60)).isEqualTo(400_000_001L);
        SendOffsets slow = new SendOffsets(ScheduleMode.MULTIPLIER, r("0.001"), 0, false);
        slow.next(T0, 60);
        assertThat(slow.next(T0 + 7, 60)).isEqualTo(7000);
    }

    @Test
    void shouldSpacePacketsEvenlyAtAPacketRate() {
        SendOffsets s = new SendOffsets(ScheduleMode.PPS, r("3"), 0, false);
        long[] expected = {0, 333_333_333, 666_666_667, 1_000_000_000, 1_333_333_333};
        for (int i = 0; i < expected.length; i++) {
            assertThat(s.next(T0 + 999 * i, 1514)).isEqualTo(expected[i]);
        }
        assertThat(s.loopPeriodNs()).isEqualTo(1_666_666_667L);
        SendOffsets frac = new SendOffsets(ScheduleMode.PPS, r("1.5"), 0, false);
        frac.next(T0, 60);
        assertThat(frac.next(T0, 60)).isEqualTo(666_666_667L);
    }

    @Test
    void shouldSpacePacketsByTheirBitsAtABitRate() {
        SendOffsets s = new SendOffsets(ScheduleMode.MBPS, r("1000"), 0, false);
        assertThat(s.next(T0, 1500)).isZero();
        assertThat(s.next(T0, 60)).isEqualTo(12_000); // 1500 B = 12,000 bits at 1 bit/ns
        assertThat(s.next(T0, 1514)).isEqualTo(12_480); // + 60 B = 480 bits
        assertThat(s.loopPeriodNs()).isEqualTo(12_480 + 1514 * 8);
        SendOffsets l1 = new SendOffsets(ScheduleMode.MBPS, r("1000"), 0, true);
        l1.next(T0, 64);
        assertThat(l1.next(T0, 64)).isEqualTo(672); // (64 + 20) * 8
        SendOffsets slow = new SendOffsets(ScheduleMode.MBPS, r("3"), 0, false);
        slow.next(T0, 1);
        assertThat(slow.next(T0, 1)).isEqualTo(2667); // 8 bits / 3 Mbit/s = 2666.67 ns
    }

    @Test
    void shouldGiveEveryRecordOffsetZeroAtTopSpeed() {
        SendOffsets s = new SendOffsets(ScheduleMode.TOPSPEED, null, 0, false);
        for (int i = 0; i < 10; i++) {
            assertThat(s.next(T0 + i * 1_000_000L, 1514)).isZero();
        }
        assertThat(s.durationNs()).isZero();
        assertThat(s.loopPeriodNs()).isZero();
    }

    @Test
    void shouldCapLongSilencesAndShiftEverythingAfterThem() {
        SendOffsets s = new SendOffsets(ScheduleMode.MULTIPLIER, r("1"), 1_000, false);
        assertThat(s.next(T0, 60)).isZero();
        assertThat(s.next(T0 + 500, 60)).isEqualTo(500);
        assertThat(s.next(T0 + 1_000_000, 60)).isEqualTo(1_500);
        assertThat(s.next(T0 + 1_000_100, 60)).isEqualTo(1_600);
        assertThat(s.next(T0 + 1_000_100 + 5_000, 60)).isEqualTo(2_600);
    }

    @Test
    void shouldClampOutOfOrderTimestampsAndKeepTheAbsoluteTimeLine() {
        SendOffsets s = new SendOffsets(ScheduleMode.MULTIPLIER, r("1"), 0, false);
        s.next(T0, 60);
        assertThat(s.next(T0 + 100, 60)).isEqualTo(100);
        assertThat(s.next(T0 + 50, 60)).isEqualTo(100);
        assertThat(s.next(T0 - 10, 60)).isEqualTo(100);
        assertThat(s.next(T0 + 200, 60)).isEqualTo(200);
        assertThat(s.outOfOrder()).isEqualTo(2);
    }

    @Test
    void shouldNotOverflowAtTenBillionPacketsOrTenToTheTwelveNanoseconds() {
        // The arithmetic behind the schedule, at the sizes it must survive: packet 10^10 at 3 pps.
        assertThat(MulDiv.mulDivRound(10_000_000_000L, 1_000_000_000L, 3)).isEqualTo(3_333_333_333_333_333_333L);
        // 10^10 packets at 7 Mpps with a rate given to 9 decimals: factor 10^9 * 10^9.
        Ratio pps = r("7000000.000000001");
        long factor = 1_000_000_000L * pps.den();
        long expected = new java.math.BigDecimal(
                        java.math.BigInteger.valueOf(10_000_000_000L).multiply(java.math.BigInteger.valueOf(factor)))
                .divide(new java.math.BigDecimal(pps.num()), 0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
        assertThat(MulDiv.mulDivRound(10_000_000_000L, factor, pps.num())).isEqualTo(expected);
        // 10^12 ns of capture at x0.000001 (a million times slower) = 10^18 ns.
        SendOffsets slow = new SendOffsets(ScheduleMode.MULTIPLIER, r("0.000001"), 0, false);
        slow.next(T0, 60);
        assertThat(slow.next(T0 + 1_000_000_000_000L, 60)).isEqualTo(1_000_000_000_000_000_000L);
        // 10^12 ns at x3, one packet short of a third: exact rounding far beyond double precision.
        SendOffsets fast = new SendOffsets(ScheduleMode.MULTIPLIER, r("3"), 0, false);
        fast.next(0, 60);
        assertThat(fast.next(1_000_000_000_001L, 60)).isEqualTo(333_333_333_334L);
        assertThat(fast.next(999_999_999_999_999_999L, 60)).isEqualTo(333_333_333_333_333_333L);
        // mbps: 10^10 full frames of 1514 bytes at 100 Gbit/s.
        long bits = 10_000_000_000L * 1514 * 8;
        assertThat(MulDiv.mulDivRound(bits, 1000, 100_000)).isEqualTo(bits / 100);
    }

    @Test
    void shouldContinueTheTimeLineOnLoopForAMultiplier() {
        SendOffsets s = new SendOffsets(ScheduleMode.MULTIPLIER, r("1"), 0, false);
        s.next(T0, 60);
        s.next(T0 + 100, 60);
        s.next(T0 + 300, 60);
        assertThat(s.durationNs()).isEqualTo(300);
        assertThat(s.loopPeriodNs()).isEqualTo(450);
    }
}
