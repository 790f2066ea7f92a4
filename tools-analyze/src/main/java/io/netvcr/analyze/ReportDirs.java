package io.netvcr.analyze;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** --csv and --plot, declared once: the directories a report's tables and figures go to (analyze, compare). */
final class ReportDirs {
    @Option(
            names = "--csv",
            paramLabel = "DIR",
            converter = Directory.class,
            description = "Write the report's tables as CSV files into DIR (a trace: time series and histograms; "
                    + "compare: epsilon.csv, one row per matched packet).")
    String csvDir;

    @Option(
            names = "--plot",
            paramLabel = "DIR",
            converter = Directory.class,
            description = "Write the report's plots, PNG and SVG, into DIR (a trace: inter-arrival CDF and histogram, "
                    + "rate, packet sizes; compare: ε by packet index and ε CDF).")
    String plotDir;

    /**
     * Elsewhere "-" means standard output, which cannot hold a set of files: taken as a name, it made a directory
     * called "-" in the working directory. Refused while the command line is read, so it is a usage error (64).
     */
    static final class Directory implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.equals("-")) {
                throw new TypeConversionException("- (standard output) cannot hold a set of files: give a directory");
            }
            return value;
        }
    }
}
