package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MulDivTest {
    private static long reference(long a, long b, long c) {
        BigInteger p = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        return new java.math.BigDecimal(p)
                .divide(new java.math.BigDecimal(c), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    @Test
    void shouldMatchBigIntegerOnRandomOperandsWhoseProductOverflows64Bits() {
        SplittableRandom rnd = new SplittableRandom(42);
        int wide = 0;
        for (int i = 0; i < 200_000; i++) {
            long a = rnd.nextLong(Long.MAX_VALUE);
            long b = rnd.nextLong(1, 1L << rnd.nextInt(1, 63));
            long c = rnd.nextLong(1, Long.MAX_VALUE);
            if (BigInteger.valueOf(a)
                            .multiply(BigInteger.valueOf(b))
                            .divide(BigInteger.valueOf(c))
                            .bitLength()
                    > 62) {
                continue;
            }
            if (Math.multiplyHigh(a, b) != 0) {
                wide++;
            }
            assertThat(MulDiv.mulDivRound(a, b, c)).as("%d * %d / %d", a, b, c).isEqualTo(reference(a, b, c));
        }
        assertThat(wide).isGreaterThan(10_000);
    }

    @Test
    void shouldMatchBigIntegerNearPowersOfTwoAndSmallDivisors() {
        long[] edge = {
            1, 2, 3, 7, 1_000_000_000L, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, (1L << 62) - 1, Long.MAX_VALUE
        };
        for (long a : edge) {
            for (long b : edge) {
                for (long c : edge) {
                    BigInteger q = new java.math.BigDecimal(
                                    BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
                            .divide(new java.math.BigDecimal(c), 0, RoundingMode.HALF_UP)
                            .toBigIntegerExact();
                    if (q.bitLength() > 63) {
                        assertThatThrownBy(() -> MulDiv.mulDivRound(a, b, c)).isInstanceOf(ArithmeticException.class);
                    } else {
                        assertThat(MulDiv.mulDivRound(a, b, c))
                                .as("%d * %d / %d", a, b, c)
                                .isEqualTo(reference(a, b, c));
                    }
                }
            }
        }
    }

    @Test
    void shouldRoundToTheNearestNanosecondWithHalvesUp() {
        assertThat(MulDiv.mulDivRound(1, 1, 3)).isZero();
        assertThat(MulDiv.mulDivRound(2, 1, 3)).isEqualTo(1);
        assertThat(MulDiv.mulDivRound(1, 1, 2)).isEqualTo(1);
        assertThat(MulDiv.mulDivRound(5, 1, 2)).isEqualTo(3);
        assertThat(MulDiv.mulDivRound(10_000_000_000L, 1_000_000_000L, 3)).isEqualTo(3_333_333_333_333_333_333L);
    }
}
