package io.netvcr.app;

import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.HelpCache;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.convert.ConvertCommand;
import io.netvcr.prep.PrepCommand;
import io.netvcr.replay.ReplayCommand;
import io.netvcr.samples.SamplesCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;

/** The umbrella command: {@code netvcr convert|prep|analyze|replay|demo|samples ...}. */
@Command(
        name = "netvcr",
        header = "NetVCR: replays recorded packet traces on a wire with the timing they were recorded with.",
        description = {
            "Captures are converted once into a fixed-record format (convert), prepared so the send loop does "
                    + "almost nothing (prep), and replayed at their recorded times while the send-time error of every packet is "
                    + "measured (replay); analyze describes traces and judges replays. Each command is also a program of its own: "
                    + "netvcr-convert, netvcr-prep, netvcr-analyze, netvcr-replay.",
            ""
        },
        footer = {
            "  netvcr demo",
            "  netvcr convert in.pcap.gz - | netvcr prep - out.nvcr && netvcr replay --interface IF out.nvcr",
            "  netvcr analyze --json out.nvcr"
        },
        subcommands = {
            ConvertCommand.class,
            PrepCommand.class,
            AnalyzeCommand.class,
            ReplayCommand.class,
            DemoCommand.class,
            SamplesCommand.class
        })
public final class NetvcrMain implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    io.netvcr.cli.CommandHeader header = new io.netvcr.cli.CommandHeader();

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int cachedHelp = HelpCache.print("netvcr", args);
        System.exit(cachedHelp >= 0 ? cachedHelp : commandLine().execute(args));
    }

    /** The umbrella as users see it (also the model the man pages and completion scripts are made from). */
    public static CommandLine commandLine() {
        CommandLine cl = ToolMain.commandLine("netvcr", new NetvcrMain());
        cl.getCommandSpec().usageMessage().exitCodeList(UsageMessageSpec.keyValuesMap(exitCodes()));
        // Subcommands answer to short names under the umbrella.
        for (String name : new String[] {"convert", "prep", "analyze", "replay", "demo", "samples"}) {
            renameSubcommand(cl, name);
        }
        return cl;
    }

    /**
     * The tools' standard exit list ({@link ToolCommand}'s) with replay's 77 added: an annotation cannot extend
     * another's list, so the umbrella's is made here rather than written out a second time.
     */
    static String[] exitCodes() {
        List<String> codes = new ArrayList<>(
                List.of(ToolCommand.class.getAnnotation(Command.class).exitCodeList()));
        codes.add(
                codes.indexOf(ExitCodes.LIST_INTERRUPTED), " 77:not permitted (replay: raw sockets need CAP_NET_RAW)");
        return codes.toArray(String[]::new);
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
