package io.netvcr.prep;

import io.netvcr.cli.CommonOptions;
import io.netvcr.cli.NotBuiltCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** netvcr-prep: Prepares a converted trace for replay: send schedule, padded payloads with precomputed checksums, rewrites. (not built yet: says so and exits 64). */
@Command(name = "netvcr-prep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Prepares a converted trace for replay: send schedule, padded payloads with precomputed checksums, rewrites.", "Not built yet in this version: running it does nothing and exits 64."})
public final class PrepCommand extends NotBuiltCommand {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Unmatched
    List<String> ignored;

    public static void main(String[] args) {
        ToolMain.main("netvcr-prep", new PrepCommand(), args);
    }

    @Override
    protected String toolName() {
        return "netvcr-prep";
    }
}
