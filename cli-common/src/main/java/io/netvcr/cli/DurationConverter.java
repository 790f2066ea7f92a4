package io.netvcr.cli;

import picocli.CommandLine;

/** Parses "70us", "1.5ms", "2s", "100ns" (bare numbers are ns) into nanoseconds. */
public final class DurationConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parseNs(value);
    }

    public static long parseNs(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (use e.g. 70us, 2ms, 1s)");
        }
        String unit = v.substring(i).trim();
        long scale;
        switch (unit) {
            case "":
            case "ns":
                scale = 1L;
                break;
            case "us":
            case "µs":
                scale = 1_000L;
                break;
            case "ms":
                scale = 1_000_000L;
                break;
            case "s":
                scale = 1_000_000_000L;
                break;
            case "m":
            case "min":
                scale = 60_000_000_000L;
                break;
            case "h":
                scale = 3_600_000_000_000L;
                break;
            default:
                throw new CommandLine.TypeConversionException(
                        "unknown duration unit '" + unit + "' in '" + value + "' (ns, us, ms, s, min, h)");
        }
        java.math.BigDecimal ns =
                new java.math.BigDecimal(v.substring(0, i)).multiply(java.math.BigDecimal.valueOf(scale));
        try {
            return ns.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            throw new CommandLine.TypeConversionException("duration too large: '" + value + "'");
        }
    }
}
