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
        long scale;
        switch (unit) {
            case "":
            case "b":
                scale = 1L;
                break;
            case "k":
            case "kb":
            case "kib":
                scale = 1L << 10;
                break;
            case "m":
            case "mb":
            case "mib":
                scale = 1L << 20;
                break;
            case "g":
            case "gb":
            case "gib":
                scale = 1L << 30;
                break;
            case "t":
            case "tb":
            case "tib":
                scale = 1L << 40;
                break;
            default:
                throw new CommandLine.TypeConversionException(
                        "unknown size unit '" + unit + "' in '" + value + "' (k, M, G, T; KiB, MiB, GiB, TiB)");
        }
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
}
