package io.netvcr.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/**
 * An Ethernet MAC address as options take it: six hex bytes separated by ':' or '-' (02:00:00:00:00:01,
 * 02-00-00-00-00-01). The one parser for every MAC option (convert's synthetic header, prep's rewrites,
 * samples); {@link Converter} makes it a typed picocli option.
 */
public final class Mac {
    private final byte[] bytes;

    private Mac(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Parses aa:bb:cc:dd:ee:ff or aa-bb-cc-dd-ee-ff; IllegalArgumentException naming the text otherwise. */
    public static Mac parse(String text) {
        String[] parts = text.trim().split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a MAC address: expected six hex bytes like " + "02:00:00:00:00:01");
        }
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            String p = parts[i];
            if (p.isEmpty()
                    || p.length() > 2
                    || Character.digit(p.charAt(0), 16) < 0
                    || Character.digit(p.charAt(p.length() - 1), 16) < 0) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not a MAC address: '" + p + "' is not a hex byte");
            }
            b[i] = (byte) Integer.parseInt(p, 16);
        }
        return new Mac(b);
    }

    /** The six bytes, a copy the caller may keep. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mac && Arrays.equals(bytes, ((Mac) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Lower-case, colon separated: 02:00:00:00:00:01. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(17);
        for (byte b : bytes) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(String.format(Locale.ROOT, "%02x", b & 0xff));
        }
        return s.toString();
    }

    /** For {@code @Option(converter = Mac.Converter.class) Mac mac}; a bad address is a usage error (64). */
    public static final class Converter implements CommandLine.ITypeConverter<Mac> {
        @Override
        public Mac convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
