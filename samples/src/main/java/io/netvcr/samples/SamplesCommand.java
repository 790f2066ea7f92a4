package io.netvcr.samples;

import io.netvcr.cli.CommonOptions;
import io.netvcr.cli.NotBuiltCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** netvcr samples: Generates synthetic workloads (periodic, Poisson) and lists the bundled sample traces. (not built yet: says so and exits 64). */
@Command(name = "netvcr-samples", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Generates synthetic workloads (periodic, Poisson) and lists the bundled sample traces.", "Not built yet in this version: running it does nothing and exits 64."})
public final class SamplesCommand extends NotBuiltCommand {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Unmatched
    List<String> ignored;

    public static void main(String[] args) {
        ToolMain.main("netvcr-samples", new SamplesCommand(), args);
    }

    @Override
    protected String toolName() {
        return "netvcr-samples";
    }
}
