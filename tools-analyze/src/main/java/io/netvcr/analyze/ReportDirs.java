package io.netvcr.analyze;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** --csv and --plot, declared once: the directories a report's tables and figures go to (analyze, compare). */
final class ReportDirs {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    String csvDir;
    String plotDir;

    @Option(
            names = "--csv",
            paramLabel = "DIR",
            description = "Write the report's tables as CSV files into DIR (a trace: time series and histograms; "
                    + "compare: epsilon.csv, one row per matched packet).")
    void csvDir(String dir) {
        csvDir = directory("--csv", dir);
    }

    @Option(
            names = "--plot",
            paramLabel = "DIR",
            description = "Write the report's plots, PNG and SVG, into DIR (a trace: inter-arrival CDF and histogram, "
                    + "rate, packet sizes; compare: ε by packet index and ε CDF).")
    void plotDir(String dir) {
        plotDir = directory("--plot", dir);
    }

    /**
     * Elsewhere "-" means standard output, which cannot hold a set of files: taken as a name, it made a directory
     * called "-" in the working directory.
     */
    private String directory(String option, String dir) {
        if (dir.equals("-")) {
            throw new ParameterException(
                    spec.commandLine(),
                    option + " wants a directory for several files; - (standard output) cannot hold them");
        }
        return dir;
    }
}
