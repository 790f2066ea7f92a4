package io.netvcr.prep;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A positive decimal option value ("2.5", "1e6") as an exact fraction num/den, so schedules multiply and
 * divide integers only.
 */
public record Ratio(long num, long den, double value) {
    public static Ratio parse(String option, String text) {
        BigDecimal d;
        try {
            d = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a number");
        }
        if (d.signum() <= 0) {
            throw new IllegalArgumentException(option + " must be greater than 0, not " + text);
        }
        d = d.stripTrailingZeros();
        BigInteger n = d.scale() > 0 ? d.unscaledValue() : d.toBigIntegerExact();
        BigInteger m = d.scale() > 0 ? BigInteger.TEN.pow(d.scale()) : BigInteger.ONE;
        BigInteger g = n.gcd(m);
        n = n.divide(g);
        m = m.divide(g);
        if (n.bitLength() > 62 || m.bitLength() > 30) {
            throw new IllegalArgumentException(
                    option + " " + text + " has too many digits (at most 9 decimals, below 4.6e18)");
        }
        return new Ratio(n.longValueExact(), m.longValueExact(), d.doubleValue());
    }
}
