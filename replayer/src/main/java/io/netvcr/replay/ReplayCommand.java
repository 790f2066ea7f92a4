package io.netvcr.replay;

import io.netvcr.cli.CommonOptions;
import io.netvcr.cli.NotBuiltCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** netvcr-replay: Replays a prepared trace onto an interface or sink at its recorded times, measuring each packet's send-time error. (not built yet: says so and exits 64). */
@Command(name = "netvcr-replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Replays a prepared trace onto an interface or sink at its recorded times, measuring each packet's send-time error.", "Not built yet in this version: running it does nothing and exits 64."})
public final class ReplayCommand extends NotBuiltCommand {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Unmatched
    List<String> ignored;

    public static void main(String[] args) {
        ToolMain.main("netvcr-replay", new ReplayCommand(), args);
    }

    @Override
    protected String toolName() {
        return "netvcr-replay";
    }
}
