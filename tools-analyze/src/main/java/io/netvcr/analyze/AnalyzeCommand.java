package io.netvcr.analyze;

import io.netvcr.cli.CommonOptions;
import io.netvcr.cli.NotBuiltCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** netvcr-analyze: Inter-arrival and traffic statistics, plots, and the fidelity of a replay. (not built yet: says so and exits 64). */
@Command(name = "netvcr-analyze", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Inter-arrival and traffic statistics, plots, and the fidelity of a replay.", "Not built yet in this version: running it does nothing and exits 64."})
public final class AnalyzeCommand extends NotBuiltCommand {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Unmatched
    List<String> ignored;

    public static void main(String[] args) {
        ToolMain.main("netvcr-analyze", new AnalyzeCommand(), args);
    }

    @Override
    protected String toolName() {
        return "netvcr-analyze";
    }
}
