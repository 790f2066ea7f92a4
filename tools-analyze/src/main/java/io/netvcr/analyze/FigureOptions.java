package io.netvcr.analyze;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How several ε logs are drawn as one figure: netvcr-analyze plot, and compare with several --epsilon-log,
 * which draws them through plot.
 */
final class FigureOptions {
    @Option(
            names = "--panel",
            paramLabel = "KEY=CAPTION",
            description = "A panel of the figure, in order: KEY (the paper's a, b) is what a log's [KEY:] names, "
                    + "CAPTION what the panel shows.")
    List<String> panelSpecs = new ArrayList<>();

    @Option(
            names = "--name",
            paramLabel = "BASE",
            description = "The figure's file name stem (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--title", paramLabel = "TEXT", description = "The figure's title (default: the logs' labels).")
    String title;

    @Option(
            names = "--y-title",
            paramLabel = "TEXT",
            description = "Title of the value axis (default ${DEFAULT-VALUE}); the logs hold ns, drawn as µs.")
    String yTitle = "ε (µs)";

    /** @param name the command's own default file name stem */
    FigureOptions(String name) {
        this.name = name;
    }
}
