package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ToolMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * compare and plot are built only when a run can reach them (SubcommandsOnDemand): the full model still has them,
 * under their own names, and a run without them prints exactly what the full model prints.
 */
class AnalyzeSubcommandsOnDemandTest {
    private static final Path SAMPLE =
            Path.of(System.getProperty("netvcr.project.root", "."), "samples", "traces", "netvcr-sample.pcap");

    @TempDir
    Path dir;

    @Test
    void everyOnDemandNameIsItsCommandsOwnName() {
        Map<String, Class<?>> subs = new AnalyzeCommand().subcommands();
        assertThat(subs.keySet()).containsExactly("compare", "plot");
        subs.forEach((name, cls) -> assertThat(new CommandLine(cls).getCommandName())
                .as(cls.getSimpleName())
                .isEqualTo(name));
    }

    @Test
    void theFullModelHasThemInHelpOrder() {
        CommandLine full = ToolMain.commandLine("netvcr-analyze", new AnalyzeCommand());
        assertThat(full.getSubcommands().keySet()).containsExactly("compare", "plot");
        assertThat(full.getSubcommands().get("compare").getCommandSpec().qualifiedName())
                .isEqualTo("netvcr-analyze compare");
        String help = full.getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("Commands:").containsPattern("(?m)^  compare +Judges a replay");
        assertThat(help).containsPattern("(?m)^  plot +Draws several");
    }

    /** ToolMain.run builds the model for its arguments; these reach no subcommand, so it is built without them. */
    @Test
    void aRunWithoutThemPrintsWhatTheFullModelPrints() {
        String sample = SAMPLE.toString();
        List<String[]> cases = List.of(
                new String[] {sample},
                new String[] {"--json", "--top", "3", sample},
                new String[] {"-q", "--interval=10ms", sample},
                new String[] {"--bogus", sample},
                new String[] {"--interval", "0", sample},
                new String[] {"--top", "many", sample},
                new String[] {},
                new String[] {dir.resolve("nope.pcap").toString()},
                new String[] {"--master", "local[2]", sample},
                new String[] {"--version"});
        for (String[] args : cases) {
            AnalyzeCommandTest.Run full = AnalyzeCommandTest.run(args);
            AnalyzeCommandTest.Run lean = runThroughToolMain(args);
            String what = String.join(" ", args);
            assertThat(lean.code()).as(what).isEqualTo(full.code());
            assertThat(withoutTimes(lean.out())).as(what).isEqualTo(withoutTimes(full.out()));
            assertThat(lean.err()).as(what).isEqualTo(full.err());
        }
    }

    @Test
    void aRunNamingOneStillReachesIt() {
        String sample = SAMPLE.toString();
        AnalyzeCommandTest.Run lean = runThroughToolMain("compare", "--json", sample, sample);
        AnalyzeCommandTest.Run full = AnalyzeCommandTest.run("compare", "--json", sample, sample);
        assertThat(lean.code()).as(lean.err()).isZero();
        assertThat(withoutTimes(lean.out())).isEqualTo(withoutTimes(full.out()));
        assertThat(runThroughToolMain("plot").err()).contains("Missing required");
    }

    /** Run times differ between two runs (elapsedNs and the throughput made from it). */
    private static String withoutTimes(String out) {
        return out.replaceAll("\"(elapsedNs|megabytesPerSecond)\" *: *[0-9.E]+", "\"$1\":_");
    }

    private static synchronized AnalyzeCommandTest.Run runThroughToolMain(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = ToolMain.run("netvcr-analyze", new AnalyzeCommand(), args);
            return new AnalyzeCommandTest.Run(
                    code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
