package io.netvcr.analyze;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.FormatNames;
import io.netvcr.cli.InputFormatOption;
import io.netvcr.cli.OutputSet;
import io.netvcr.cli.Progress;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolException;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netvcr-analyze compare}: the fidelity of a replay, from a receiver capture or the replayer's ε log. */
@Command(
        name = "compare",
        header = "Judges a replay: missing, extra and reordered packets and the send-time error of each packet.",
        description = {
            "Given the replayed trace (original or prepared .nvcr) and a capture taken at a receiver (e.g. "
                    + "tcpdump --time-stamp-precision=nano -w cap.pcap), matches each captured frame to its packet by header "
                    + "bytes (not by position) and reports missing, extra, duplicated and reordered packets and the "
                    + "receiver-side send-time error ε = capture time − first capture time − scheduled offset.",
            "",
            "Given --epsilon-log FILE instead (written by netvcr-replay), reports ε from the replayer's own log. Given "
                    + "several (ε logs or --read-log files), reports each and, with --plot, draws them as one figure: one panel "
                    + "per --panel, the logs of a panel overlaid with a legend, over packet number and as CDFs.",
            "",
            "Exit 65 when nothing could be judged (no packet matched, or an empty ε log); the report is still printed.",
            ""
        },
        footer = {
            "  netvcr-analyze compare prepared.nvcr receiver.pcap",
            "  netvcr-replay --interface veth0 --epsilon-log eps.bin prepared.nvcr",
            "  netvcr-analyze compare --epsilon-log eps.bin --plot plots/",
            "  netvcr-analyze compare --panel a=cold --panel b=warm --epsilon-log a:read=c-read.log --epsilon-log a:mmap=c-mmap.log "
                    + "--epsilon-log b:read=w-read.log --epsilon-log b:mmap=w-mmap.log --y-title 'read latency (µs)' --plot figs/"
        })
public final class CompareCommand extends ToolCommand {
    @Option(
            names = "--epsilon-log",
            paramLabel = "[KEY:][LABEL=]FILE",
            description = "Read ε from the replayer's log "
                    + "instead of matching a capture (a --read-log too). Several: each one's ε, and with --plot one figure of all "
                    + "of them, overlaid with a legend, one panel per --panel KEY (as netvcr-analyze plot draws them).")
    List<String> epsilonLogs = new ArrayList<>();

    @Mixin
    FigureOptions figure = new FigureOptions("compare");

    /** The one log of the single-log report (null when comparing a capture). */
    private String epsilonLog;

    @Option(
            names = "--match-bytes",
            paramLabel = "N",
            description = "Leading frame bytes that identify a packet (default ${DEFAULT-VALUE}).")
    int matchBytes = 64;

    /* Checked against the format registry while parsing, as -F/--format is (InputFormatOption). */
    @Option(
            names = "--original-format",
            paramLabel = "FORMAT",
            converter = InputFormatOption.Converter.class,
            completionCandidates = FormatNames.class,
            description = "Format of ORIGINAL instead of detection: ${COMPLETION-CANDIDATES}.")
    TraceFormat originalFormat;

    @Option(
            names = "--capture-format",
            paramLabel = "FORMAT",
            converter = InputFormatOption.Converter.class,
            completionCandidates = FormatNames.class,
            description = "Format of CAPTURE instead of detection: ${COMPLETION-CANDIDATES}.")
    TraceFormat captureFormat;

    @Mixin
    ReportDirs dirs = new ReportDirs();

    @Parameters(
            arity = "0..2",
            paramLabel = "[ORIGINAL CAPTURE]",
            hideParamSyntax = true,
            description = "Replayed trace, then the receiver's capture.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (epsilonLogs.size() > 1 || !figure.panelSpecs.isEmpty()) {
            return compareLogs();
        }
        epsilonLog = epsilonLogs.isEmpty() ? null : epsilonLogs.get(0);
        boolean fromLog = epsilonLog != null;
        if (fromLog ? !files.isEmpty() : files.size() != 2) {
            throw ToolException.usage("give either ORIGINAL CAPTURE or --epsilon-log FILE");
        }
        if (matchBytes < 14) {
            throw ToolException.usage("--match-bytes must be at least 14 (an Ethernet header)");
        }
        List<String> inputs = new ArrayList<>(files);
        inputs.add(epsilonLog);
        // epsilon.csv and the plots are one output set: all appear, or none.
        try (OutputSet outputs = OutputSet.begin(inputs)) {
            Report r = report(fromLog);
            outputs.commit();
            r.summary().report(common, r.line());
            if (r.noSamples() != null) {
                throw new ToolException(ExitCodes.DATA_ERROR, r.noSamples());
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Several logs: each one's distribution, and with --plot one figure of them all (netvcr-analyze plot's
     * drawing: panels by KEY, overlays with a legend, index and CDF, PNG and SVG).
     */
    private int compareLogs() throws Exception {
        if (!files.isEmpty()) {
            throw ToolException.usage("several --epsilon-log compare logs with each other: give no ORIGINAL CAPTURE");
        }
        if (dirs.csvDir != null) {
            throw ToolException.usage("--csv writes one log's samples: give one --epsilon-log");
        }
        PlotCommand plot = new PlotCommand();
        plot.figure = figure;
        plot.seriesSpecs = epsilonLogs;
        plot.kind = PlotCommand.Kind.BOTH;
        PlotCommand.Figure fig;
        try (OutputSet outputs = OutputSet.begin(plot.seriesFiles())) {
            plot.outDir = dirs.plotDir;
            fig = plot.draw(dirs.plotDir != null);
            outputs.commit();
        }
        List<PlotCommand.SeriesReport> rows = fig.rows();
        Summary summary = Summary.of(
                new LogsReport(fig.title(), rows, dirs.plotDir == null ? null : AnalyzeCommand.names(fig.files())));
        StringBuilder line = new StringBuilder();
        for (PlotCommand.SeriesReport r : rows) {
            Distribution d = null;
            for (EpsilonFigure.Panel p : fig.panels()) {
                for (EpsilonFigure.Series s : p.series) {
                    if (s.label.equals(r.label()) && p.key.equals(r.panel())) {
                        d = s.epsilon();
                    }
                }
            }
            line.append(String.format(
                    Locale.ROOT,
                    "%s%s: %,d samples; ε %s%n",
                    fig.panels().size() > 1 ? r.panel() + ":" : "",
                    r.label(),
                    d.count(),
                    d.brief("us", 1e3)));
        }
        if (dirs.plotDir != null) {
            line.append("-> ").append(String.join(", ", AnalyzeCommand.names(fig.files())));
        }
        summary.report(common, line.toString().stripTrailing());
        return ExitCodes.OK;
    }

    /** compare of several logs, as --json prints it; plotFiles only with --plot. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record LogsReport(String title, List<PlotCommand.SeriesReport> logs, List<String> plotFiles) {}

    /** noSamples: why there is no ε (nothing matched, or an empty log), else null. */
    private record Report(Summary summary, String line, String noSamples) {}

    /** Compares (or reads the log), writing the CSV and plots into the run's output set. */
    private Report report(boolean fromLog) throws Exception {
        Fidelity f;
        String name;
        if (fromLog) {
            name = epsilonLog;
            try (EpsilonLog.Reader r = EpsilonLog.Reader.open(Path.of(epsilonLog))) {
                f = Fidelity.of(r);
            }
            if (dirs.csvDir != null) {
                writeLogCsv(Path.of(epsilonLog), ReportFiles.directory(dirs.csvDir));
            }
        } else {
            if (TraceInput.isStdio(files.get(0)) && TraceInput.isStdio(files.get(1))) {
                throw ToolException.usage("only one of ORIGINAL and CAPTURE can be stdin");
            }
            name = files.get(1);
            Compare.Settings s = new Compare.Settings();
            s.matchBytes = matchBytes;
            s.originalFormat = originalFormat == null ? null : originalFormat.name();
            s.captureFormat = captureFormat == null ? null : captureFormat.name();
            try (Progress progress =
                    Progress.start(common, "compare", TraceInputSize.of(files.get(1)), "MiB", 1 << 20)) {
                if (dirs.csvDir != null) {
                    Path dir = ReportFiles.directory(dirs.csvDir);
                    Fidelity[] holder = new Fidelity[1];
                    ReportFiles.csv(dir.resolve("epsilon.csv"), w -> {
                        s.perPacket = w;
                        holder[0] = Compare.run(files.get(0), files.get(1), s, progress);
                    });
                    f = holder[0];
                } else {
                    f = Compare.run(files.get(0), files.get(1), s, progress);
                }
            }
        }
        List<String> plotFiles = dirs.plotDir == null
                ? null
                : AnalyzeCommand.names(Plots.epsilon(
                        f.series(), f.epsilon(), ReportFiles.directory(dirs.plotDir), AnalyzeCommand.baseName(name)));
        Summary summary = Summary.of(f.report(plotFiles));
        Distribution e = f.epsilon();
        String eps = e.count() == 0 ? "no samples" : e.brief("us", 1e3);
        String line = fromLog
                ? String.format(Locale.ROOT, "%s: %,d ε samples; ε %s", name, e.count(), eps)
                : String.format(
                        Locale.ROOT,
                        "%s vs %s: %,d of %,d packets matched; %s missing, %s extra, %s duplicated, "
                                + "%s reordered; ε %s",
                        files.get(1),
                        files.get(0),
                        f.accounting().matched(),
                        f.accounting().originalPackets(),
                        f.accounting().missing(),
                        f.accounting().extra(),
                        f.accounting().duplicated(),
                        f.accounting().reordered(),
                        eps);
        String noSamples = null;
        if (e.count() == 0) {
            // The report still shows the counts; but an ε from no samples is no verdict, so no success.
            noSamples = fromLog
                    ? name + ": the ε log holds no samples: nothing was sent, or the log is not from this replay"
                    : files.get(1) + " vs " + files.get(0) + ": no captured packet matched the replayed trace (of "
                            + f.accounting().originalPackets() + " packets and "
                            + f.accounting().extra()
                            + " captured frames): unrelated traces, or the first " + matchBytes
                            + " bytes differ (rewritten addresses? try a smaller --match-bytes); no ε to report";
        }
        return new Report(summary, line, noSamples);
    }

    /** The log's samples as CSV, streamed (the log may be long). */
    private static void writeLogCsv(Path log, Path dir) throws java.io.IOException {
        ReportFiles.csv(dir.resolve("epsilon.csv"), w -> {
            w.println("index,deadline_ns,actual_ns,epsilon_ns");
            try (EpsilonLog.Reader r = EpsilonLog.Reader.open(log)) {
                EpsilonSample s = new EpsilonSample();
                while (r.next(s)) {
                    w.printf(Locale.ROOT, "%d,%d,%d,%d%n", s.index, s.deadlineNs, s.actualNs, s.epsilonNs);
                }
            }
        });
    }
}
