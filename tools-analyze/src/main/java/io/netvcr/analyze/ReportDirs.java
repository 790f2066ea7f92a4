package io.netvcr.analyze;

import io.netvcr.cli.DirectoryConverter;
import picocli.CommandLine.Option;

/** --csv and --plot, declared once: the directories a report's tables and figures go to (analyze, compare). */
final class ReportDirs {
    @Option(
            names = "--csv",
            paramLabel = "DIR",
            converter = DirectoryConverter.class,
            description = "Write the report's tables as CSV files into DIR (a trace: time series and histograms; "
                    + "compare: epsilon.csv, one row per matched packet).")
    String csvDir;

    @Option(
            names = "--plot",
            paramLabel = "DIR",
            converter = DirectoryConverter.class,
            description = "Write the report's plots, PNG and SVG, into DIR (a trace: inter-arrival CDF and histogram, "
                    + "rate, packet sizes; compare: ε by packet index and ε CDF).")
    String plotDir;
}
