package io.netvcr.app;

import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.cli.VersionProvider;
import io.netvcr.convert.ConvertCommand;
import io.netvcr.prep.PrepCommand;
import io.netvcr.replay.ReplayCommand;
import io.netvcr.samples.SamplesCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The umbrella command: {@code netvcr convert|prep|analyze|replay|demo|samples ...}. */
@Command(name = "netvcr", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"NetVCR: record-once, replay-exactly packet traces.",
        "Typical pipeline: netvcr convert in.pcap.gz - | netvcr prep - out.nvcr && netvcr replay --interface IF out.nvcr"},
    subcommands = {ConvertCommand.class, PrepCommand.class, AnalyzeCommand.class, ReplayCommand.class,
        DemoCommand.class, SamplesCommand.class})
public final class NetvcrMain implements Callable<Integer> {
    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The umbrella as users see it (also the model the man pages and completion scripts are made from). */
    public static CommandLine commandLine() {
        CommandLine cl = ToolMain.commandLine("netvcr", new NetvcrMain());
        // Subcommands answer to short names under the umbrella.
        for (String name : new String[] {"convert", "prep", "analyze", "replay", "demo", "samples"}) {
            renameSubcommand(cl, name);
        }
        return cl;
    }

    private static void renameSubcommand(CommandLine cl, String shortName) {
        for (var e : new java.util.ArrayList<>(cl.getSubcommands().entrySet())) {
            String n = e.getKey();
            if (n.equals("netvcr-" + shortName) || n.equals("netvcr " + shortName)) {
                CommandLine sub = e.getValue();
                cl.getCommandSpec().removeSubcommand(n);
                sub.getCommandSpec().name(shortName);
                cl.addSubcommand(shortName, sub);
            }
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCodes.USAGE;
    }
}
