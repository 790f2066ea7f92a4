package io.netvcr.samples;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** netvcr samples: synthetic workloads and the bundled sample traces. */
@Command(name = "netvcr-samples", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Generates synthetic workloads (periodic, Poisson) and lists or extracts the bundled sample traces.", ""},
    subcommands = {PeriodicCommand.class, ListSamplesCommand.class, ExtractSampleCommand.class},
    footer = {"", "Exit codes: 0 ok, 64 usage, 66 no such sample, 73 cannot create output, 74 I/O error."})
public final class SamplesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ToolMain.main("netvcr-samples", new SamplesCommand(), args);
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": name a subcommand (periodic, list, extract)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
