package io.netvcr.convert;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * --time-range START,END: packets with START &lt;= time &lt; END (like editcap -A/-B). Each bound is epoch
 * seconds with an optional fraction ("1095292801.0007") or ISO-8601 ("2004-09-16T00:00:01.5Z", an offset is
 * required); either may be empty for an open end.
 *
 * @param startNs first included time, epoch ns (Long.MIN_VALUE: open)
 * @param endNs first excluded time, epoch ns (Long.MAX_VALUE: open)
 */
public record TimeRange(long startNs, long endNs) {
    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public boolean contains(long ns) {
        return ns >= startNs && ns < endNs;
    }

    public static TimeRange parse(String text) {
        int comma = text.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("--time-range '" + text + "': expected START,END (either may be empty)");
        }
        String a = text.substring(0, comma).trim();
        String b = text.substring(comma + 1).trim();
        long start = a.isEmpty() ? Long.MIN_VALUE : instant(a);
        long end = b.isEmpty() ? Long.MAX_VALUE : instant(b);
        if (end <= start) {
            throw new IllegalArgumentException("--time-range '" + text + "': END must be after START");
        }
        return new TimeRange(start, end);
    }

    /** Epoch seconds (with fraction) or ISO-8601 with offset, to epoch ns (finer than ns is cut off). */
    static long instant(String s) {
        try {
            return new BigDecimal(s)
                    .movePointRight(9)
                    .setScale(0, java.math.RoundingMode.FLOOR)
                    .longValueExact();
        } catch (NumberFormatException | ArithmeticException notNumber) {
            try {
                Instant t = OffsetDateTime.parse(s).toInstant();
                return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
            } catch (DateTimeException | ArithmeticException e) {
                throw new IllegalArgumentException(
                        "--time-range: '" + s
                                + "' is neither epoch seconds (1095292801.5) nor ISO-8601 with an offset (2004-09-16T00:00:01.5Z)");
            }
        }
    }
}
