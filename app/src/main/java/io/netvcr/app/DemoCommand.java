package io.netvcr.app;

import io.netvcr.cli.CommonOptions;
import io.netvcr.cli.NotBuiltCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** netvcr demo: Converts, prepares and replays the bundled sample with a fidelity report. (not built yet: says so and exits 64). */
@Command(name = "netvcr-demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Converts, prepares and replays the bundled sample with a fidelity report.", "Not built yet in this version: running it does nothing and exits 64."})
public final class DemoCommand extends NotBuiltCommand {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Unmatched
    List<String> ignored;

    public static void main(String[] args) {
        ToolMain.main("netvcr-demo", new DemoCommand(), args);
    }

    @Override
    protected String toolName() {
        return "netvcr demo";
    }
}
