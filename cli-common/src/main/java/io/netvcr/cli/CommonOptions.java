package io.netvcr.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every tool takes; mixed into each command so they read and behave alike. */
public final class CommonOptions {
    @Mixin
    CommandHeader header = new CommandHeader();

    @Option(
            names = "--json",
            description = "Print the result as one JSON object (on stdout, or stderr when stdout carries data).")
    public boolean json;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    public boolean debug;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress bar and no summary line.")
    public boolean quiet;

    @Option(names = "--no-progress", description = "Never draw a progress bar (it is drawn only on a terminal anyway).")
    public boolean noProgress;

    public boolean showProgress() {
        return !quiet && !noProgress && !json && Terminal.stderrIsTerminal();
    }
}
