package io.netvcr.convert;

import io.netvcr.formats.TraceFormats;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input as named on the command line: a path, optionally prefixed with its format the way libtrace
 * URIs are ("tsh:trace.tsh", "legacy-atm:-"). The prefix is taken only when it names a known format and
 * no file by the whole name exists; otherwise --format (or detection by content) applies.
 *
 * @param path the file, or "-" for stdin
 * @param format format name, or null to use --format / detection
 */
public record InputSpec(String path, String format) {
    public static InputSpec parse(String arg, String defaultFormat) {
        int colon = arg.indexOf(':');
        if (colon > 0 && colon < arg.length() - 1) {
            String prefix = arg.substring(0, colon);
            String rest = arg.substring(colon + 1);
            if (TraceFormats.byName(prefix).isPresent() && ("-".equals(arg) || !Files.exists(Path.of(arg)))) {
                return new InputSpec(rest, prefix);
            }
        }
        return new InputSpec(arg, defaultFormat);
    }
}
