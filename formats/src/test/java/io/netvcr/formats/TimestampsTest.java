package io.netvcr.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void shouldScaleDecimalResolutionsExactly() {
        assertThat(Timestamps.decimalTicksToNs(1_095_292_801_000_721L, 6)).isEqualTo(1_095_292_801_000_721_000L);
        assertThat(Timestamps.decimalTicksToNs(123, 9)).isEqualTo(123);
        assertThat(Timestamps.decimalTicksToNs(123_456, 12)).isEqualTo(123);
        assertThat(Timestamps.decimalTicksToNs(5, 0)).isEqualTo(5_000_000_000L);
    }

    @Test
    void shouldRefuseTimestampsBeyondLongNanoseconds() {
        assertThatThrownBy(() -> Timestamps.decimalTicksToNs(Long.MAX_VALUE / 10, 6))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldRoundBinaryFractionsToTheNearestNanosecondLikeWireshark() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long ticks = r.nextLong() >>> 2;
            long expected = new BigDecimal(BigInteger.valueOf(ticks))
                    .multiply(BigDecimal.valueOf(1_000_000_000L))
                    .divide(new BigDecimal(BigInteger.ONE.shiftLeft(32)), 0, RoundingMode.HALF_UP)
                    .longValueExact();
            assertThat(Timestamps.binaryTicksToNs(ticks, 32))
                    .as("ticks %d", ticks)
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldHandleFractionsWithAllSixtyFourBits() {
        assertThat(Timestamps.fractionToNs(1L << 63, 64)).isEqualTo(500_000_000L);
        assertThat(Timestamps.fractionToNs(-1L, 64)).isEqualTo(1_000_000_000L);
        assertThat(Timestamps.fractionToNs(1, 1)).isEqualTo(500_000_000L);
    }
}
