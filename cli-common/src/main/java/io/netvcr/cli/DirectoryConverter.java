package io.netvcr.cli;

import picocli.CommandLine;

/**
 * An output directory named on the command line (a report's CSV and plot files, a figure set, kept demo files).
 * Elsewhere "-" means standard output, which cannot hold a set of files: taken as a name, it made a directory
 * called "-" in the working directory. Refused while the command line is read, so it is a usage error (64).
 */
public final class DirectoryConverter implements CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
        if (value.equals("-")) {
            throw new CommandLine.TypeConversionException(
                    "- (standard output) cannot hold a set of files: give a directory");
        }
        return value;
    }
}
