package io.netvcr.samples;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** netvcr samples: synthetic workloads and the bundled sample traces. */
@Command(
        name = "netvcr-samples",
        header = "Synthetic workloads (periodic, Poisson) and the bundled sample traces.",
        description = {
            "Generates synthetic workloads (periodic, Poisson) and lists or extracts the bundled sample traces.",
            ""
        },
        subcommands = {PeriodicCommand.class, ListSamplesCommand.class, ExtractSampleCommand.class},
        footer = {
            "  netvcr samples list",
            "  netvcr samples extract netvcr-sample.pcap sample.pcap",
            "  netvcr samples periodic --delta 70us --count 1000000 --size 64 periodic.pcap"
        })
public final class SamplesCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    SampleExitCodes exitCodes = new SampleExitCodes();

    @picocli.CommandLine.Mixin
    io.netvcr.cli.CommandHeader header = new io.netvcr.cli.CommandHeader();

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
