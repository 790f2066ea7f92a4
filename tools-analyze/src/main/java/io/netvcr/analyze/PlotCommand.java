package io.netvcr.analyze;

import io.netvcr.cli.DirectoryConverter;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.OptionWord;
import io.netvcr.cli.OptionWords;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netvcr-analyze plot}: several ε logs as one figure, panels and overlays, as the paper drew them. */
@Command(
        name = "plot",
        header = "Draws several ε logs as one figure (panels, overlays and CDFs) in the style of the NetVCR paper.",
        description = {
            "Draws several ε logs (netvcr-replay --epsilon-log) as one figure in the style of the NetVCR paper: "
                    + "ε in µs over packet number, one panel per --panel, the series of a panel overlaid with a legend; and the "
                    + "same layout for the ε CDFs. Writes BASE.png, BASE.svg, BASE-cdf.png and BASE-cdf.svg.",
            "",
            "A SERIES is [KEY:]LABEL=FILE (or just FILE, labelled by its name); KEY names a --panel. Without --panel every "
                    + "series goes into one panel. Packets are numbered by their position in each log (the record index repeats "
                    + "across --loop passes). Every series is drawn from at most 4096 evenly spaced samples plus each bucket's "
                    + "lowest and highest ε, so no spike is lost. --json prints each series' ε distribution (ns).",
            ""
        },
        exitCodeList = {
            ExitCodes.LIST_OK,
            ExitCodes.LIST_USAGE,
            " 65:a log is not an ε log, or holds no sample",
            " 66:a log is missing",
            ExitCodes.LIST_CANNOT_CREATE,
            ExitCodes.LIST_IO
        },
        footer = {
            "  netvcr-analyze plot --out figs --name fig03 --panel a=cold --panel b=warm a:none=c0.eps a:inline=c1.eps "
                    + "b:none=w0.eps b:inline=w1.eps",
            "  netvcr-analyze plot --out figs --name timers --title 'δ = 70 µs' spin=spin.eps hybrid=hybrid.eps"
        })
public final class PlotCommand extends ToolCommand {
    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            required = true,
            converter = DirectoryConverter.class,
            description = "Directory for the figure files.")
    String outDir;

    @Mixin
    FigureOptions figure = new FigureOptions("epsilon");

    /** Which figures plot draws: ε over packet number, its CDF, or both. */
    enum Kind implements OptionWord {
        INDEX,
        CDF,
        BOTH
    }

    static final class KindWords extends OptionWords<Kind> {
        KindWords() {
            super(Kind.class);
        }
    }

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            converter = KindWords.class,
            completionCandidates = KindWords.class,
            defaultValue = "both",
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Kind kind;

    @Parameters(arity = "1..*", paramLabel = "SERIES", description = "[KEY:]LABEL=FILE or FILE: an ε log.")
    List<String> seriesSpecs = new ArrayList<>();

    /** The figure drawn: its panels (with their series read), title and the files written. */
    record Figure(List<EpsilonFigure.Panel> panels, String title, List<Path> files) {
        /** Per series: panel, caption, label, file and its value distribution (ns), as --json prints them. */
        List<SeriesReport> rows() {
            List<SeriesReport> rows = new ArrayList<>();
            for (EpsilonFigure.Panel p : panels) {
                for (EpsilonFigure.Series s : p.series) {
                    rows.add(new SeriesReport(
                            p.key, p.caption, s.label, s.file, s.epsilon().stats()));
                }
            }
            return rows;
        }
    }

    @Override
    public Integer call() throws Exception {
        Figure fig = draw(true);
        List<SeriesReport> rows = fig.rows();
        Summary summary = Summary.of(new Report(fig.title(), rows, AnalyzeCommand.names(fig.files())));
        summary.print(
                common,
                System.out,
                String.format(
                        Locale.ROOT,
                        "%s: %d series in %d panel(s) -> %s",
                        fig.title(),
                        rows.size(),
                        fig.panels().size(),
                        String.join(", ", AnalyzeCommand.names(fig.files()))));
        return ExitCodes.OK;
    }

    /** The ε log each series names, as {@link #draw} reads it ([KEY:] stripped only where KEY is a panel's). */
    List<String> seriesFiles() {
        List<EpsilonFigure.Panel> panels = panels();
        List<String> files = new ArrayList<>();
        for (String spec : seriesSpecs) {
            files.add(parse(spec, panels).file);
        }
        return files;
    }

    /** Reads every series and writes the figure files; also how {@code compare --plot} draws several logs. */
    Figure draw(boolean write) throws Exception {
        if (figure.name.isEmpty() || figure.name.contains("/")) {
            throw ToolException.usage("--name must be a file name stem without '/'");
        }
        List<EpsilonFigure.Panel> panels = panels();
        for (String spec : seriesSpecs) {
            Parsed p = parse(spec, panels);
            for (EpsilonFigure.Series s : p.panel.series) {
                if (s.label.equals(p.label)) {
                    throw ToolException.usage("label '" + p.label + "' appears twice in panel " + p.panel.key);
                }
            }
            EpsilonFigure.Series s = EpsilonFigure.Series.read(p.label, Path.of(p.file));
            if (s.epsilon().count() == 0) {
                throw new ToolException(
                        ExitCodes.DATA_ERROR,
                        p.file + ": no ε samples to plot (record 0, byte offset "
                                + io.netvcr.formats.epsilon.EpsilonLogFormat.HEADER_LENGTH + ")");
            }
            p.panel.series.add(s);
        }
        panels.removeIf(p -> p.series.isEmpty());
        String figTitle = figure.title != null ? figure.title : defaultTitle(panels);
        List<Path> files = new ArrayList<>();
        if (!write) {
            return new Figure(panels, figTitle, files);
        }
        Path dir = ReportFiles.directory(outDir);
        if (kind != Kind.CDF) {
            files.addAll(EpsilonFigure.byIndex(panels, figTitle, figure.yTitle, dir, figure.name));
        }
        if (kind != Kind.INDEX) {
            // the CDF's x axis is the quantity the index plot draws upwards
            files.addAll(EpsilonFigure.cdf(panels, figTitle + " (CDF)", figure.yTitle, dir, figure.name + "-cdf"));
        }
        return new Figure(panels, figTitle, files);
    }

    /** One drawn series in plot's JSON: where it was drawn, its label and file, and its ε distribution. */
    record SeriesReport(String panel, String caption, String label, String file, Distribution.Stats epsilonNs) {}

    /** plot's JSON. */
    record Report(String title, List<SeriesReport> series, List<String> plotFiles) {}

    private List<EpsilonFigure.Panel> panels() {
        List<EpsilonFigure.Panel> out = new ArrayList<>();
        for (String spec : figure.panelSpecs) {
            int eq = spec.indexOf('=');
            String key = eq < 0 ? spec : spec.substring(0, eq);
            if (!key.matches("[A-Za-z0-9]{1,8}")) {
                throw ToolException.usage("--panel '" + spec + "': KEY must be 1-8 letters or digits (e.g. a=cold)");
            }
            for (EpsilonFigure.Panel p : out) {
                if (p.key.equals(key)) {
                    throw ToolException.usage("--panel " + key + " given twice");
                }
            }
            out.add(new EpsilonFigure.Panel(key, eq < 0 ? "" : spec.substring(eq + 1)));
        }
        if (out.isEmpty()) {
            out.add(new EpsilonFigure.Panel("a", ""));
        }
        return out;
    }

    private record Parsed(EpsilonFigure.Panel panel, String label, String file) {}

    /** [KEY:]LABEL=FILE or FILE; the label may itself hold '=' (δ=20us), so FILE follows the last '='. */
    private Parsed parse(String spec, List<EpsilonFigure.Panel> panels) {
        EpsilonFigure.Panel panel = null;
        String rest = spec;
        int colon = spec.indexOf(':');
        if (colon > 0) {
            String key = spec.substring(0, colon);
            for (EpsilonFigure.Panel p : panels) {
                if (p.key.equals(key)) {
                    panel = p;
                }
            }
            if (panel != null) {
                rest = spec.substring(colon + 1);
            }
        }
        if (panel == null) {
            if (!figure.panelSpecs.isEmpty()) {
                throw ToolException.usage("series '" + spec + "' names no --panel KEY (KEY:LABEL=FILE); panels: "
                        + String.join(", ", panels.stream().map(p -> p.key).toList()));
            }
            panel = panels.get(0);
        }
        int eq = rest.lastIndexOf('=');
        String label = eq < 0 ? String.valueOf(Path.of(rest).getFileName()) : rest.substring(0, eq);
        String file = eq < 0 ? rest : rest.substring(eq + 1);
        if (label.isEmpty() || file.isEmpty()) {
            throw ToolException.usage("series '" + spec + "': expected [KEY:]LABEL=FILE");
        }
        return new Parsed(panel, label, file);
    }

    private static String defaultTitle(List<EpsilonFigure.Panel> panels) {
        List<String> labels = new ArrayList<>();
        for (EpsilonFigure.Panel p : panels) {
            for (EpsilonFigure.Series s : p.series) {
                if (!labels.contains(s.label)) {
                    labels.add(s.label);
                }
            }
        }
        return "Send-time error ε: " + String.join(" vs ", labels);
    }
}
