package io.netvcr.cli;

import java.math.BigDecimal;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Parses sizes in bytes as options take them: 4096, 64k, 4M, 32MiB, 1G, 1.5GiB. k/M/G (with or without "iB",
 * any case) are powers of 1024, as for mapped windows and buffers, where only page multiples make sense.
 */
public final class ByteSizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        return parseBytes(value);
    }

    /** Bytes &gt; 0; TypeConversionException naming the value otherwise. */
    public static long parseBytes(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new CommandLine.TypeConversionException("not a size: '" + value + "' (use e.g. 64k, 4M, 32MiB, 1G)");
        }
        String unit = v.substring(i).trim();
        int power = powerOf1024(unit);
        if (power < 0) {
            throw new CommandLine.TypeConversionException(
                    "unknown size unit '" + unit + "' in '" + value + "' (k, M, G, T; KiB, MiB, GiB, TiB)");
        }
        long scale = 1L << (10 * power);
        BigDecimal bytes;
        try {
            bytes = new BigDecimal(v.substring(0, i)).multiply(BigDecimal.valueOf(scale));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("not a size: '" + value + "'");
        }
        if (bytes.signum() <= 0 || bytes.stripTrailingZeros().scale() > 0) {
            throw new CommandLine.TypeConversionException(
                    "size must be a positive whole number of bytes: '" + value + "'");
        }
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new CommandLine.TypeConversionException("size too large: '" + value + "'");
        }
    }

    /** 0 for bytes ("" or "b"); 1 to 4 for k, m, g, t, alone or followed by "b" or "ib"; -1 for anything else. */
    private static int powerOf1024(String unit) {
        if (unit.isEmpty() || unit.equals("b")) {
            return 0;
        }
        int power = "kmgt".indexOf(unit.charAt(0)) + 1;
        String rest = unit.substring(1);
        return power > 0 && (rest.isEmpty() || rest.equals("b") || rest.equals("ib")) ? power : -1;
    }
}
