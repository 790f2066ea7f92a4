package io.netvcr.cli;

import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceFormats;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * -F/--format, declared once for every tool that reads traces: its values are the format registry's names and
 * aliases, checked while parsing (an unknown name is a usage error listing the known ones).
 */
public final class InputFormatOption {
    @Option(
            names = {"-F", "--format"},
            paramLabel = "FORMAT",
            converter = Converter.class,
            completionCandidates = FormatNames.class,
            description =
                    "Input format instead of detection by content (headerless formats need it): ${COMPLETION-CANDIDATES}.")
    private TraceFormat format;

    /** The named format, or null for detection by content. */
    public TraceFormat format() {
        return format;
    }

    /** The named format's registry name, or null for detection by content. */
    public String name() {
        return format == null ? null : format.name();
    }

    /** Looks a --format value up in the registry. */
    public static final class Converter implements CommandLine.ITypeConverter<TraceFormat> {
        @Override
        public TraceFormat convert(String value) {
            return TraceFormats.byName(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "unknown format '" + value + "'; known: " + String.join(", ", TraceFormats.names())));
        }
    }
}
