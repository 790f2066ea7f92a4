package io.netvcr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --limit N}, one meaning in every tool: at most N packets, N &gt;= 1, and no limit when the option is left
 * out. 0 is refused (exit 64) rather than given a meaning: convert used to read it as "nothing" and replay as "no
 * limit", and tcpreplay's --limit also takes only N &gt;= 1.
 */
public final class PacketLimit {
    @Option(
            names = {"-L", "--limit"},
            paramLabel = "N",
            converter = AtLeastOne.class,
            description = "Stop after N packets (N >= 1; default: no limit).")
    Long limit;

    /** Whether --limit was given. */
    public boolean isSet() {
        return limit != null;
    }

    /** The limit, or {@code none} (the caller's own "unlimited" value) when --limit was not given. */
    public long orElse(long none) {
        return limit == null ? none : limit;
    }

    /** Sets the limit as if given on the command line (tests, and commands that drive another). */
    public PacketLimit set(long n) {
        limit = AtLeastOne.check(Long.toString(n));
        return this;
    }

    /** A whole number &gt;= 1; 0, negatives and garbage are usage errors naming the value. */
    public static final class AtLeastOne implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return check(value);
        }

        static long check(String value) {
            long n;
            try {
                n = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a packet count (N >= 1)");
            }
            if (n < 1) {
                throw new CommandLine.TypeConversionException(
                        "takes N >= 1, got " + value + " (leave --limit out for no limit)");
            }
            return n;
        }
    }
}
