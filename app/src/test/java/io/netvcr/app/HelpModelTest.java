package io.netvcr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.analyze.AnalyzeCommand;
import io.netvcr.cli.ToolMain;
import io.netvcr.convert.ConvertCommand;
import io.netvcr.prep.PrepCommand;
import io.netvcr.replay.ReplayCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help texts, man pages and completion scripts are all made from the picocli model, so the model is what
 * is checked here: every command of the umbrella and of each standalone tool has a one-sentence summary (what
 * `netvcr --help` lists and what a man page's NAME line says), descriptions written as paragraphs that picocli
 * wraps to the terminal, an exit status list and examples.
 */
class HelpModelTest {
    static List<CommandSpec> allCommands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(NetvcrMain.commandLine().getCommandSpec(), all);
        collect(ToolMain.commandLine("netvcr-convert", new ConvertCommand()).getCommandSpec(), all);
        collect(ToolMain.commandLine("netvcr-prep", new PrepCommand()).getCommandSpec(), all);
        collect(ToolMain.commandLine("netvcr-analyze", new AnalyzeCommand()).getCommandSpec(), all);
        collect(ToolMain.commandLine("netvcr-replay", new ReplayCommand()).getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        for (CommandLine sub : spec.subcommands().values()) {
            collect(sub.getCommandSpec(), into);
        }
    }

    @Test
    void everyCommandHasAOneSentenceSummaryEndingWithAFullStop() {
        for (CommandSpec spec : allCommands()) {
            String[] header = spec.usageMessage().header();
            assertThat(header).as(spec.qualifiedName() + " header").hasSize(1);
            assertThat(header[0])
                    .as(spec.qualifiedName() + " header")
                    .endsWith(".")
                    .doesNotContain("\n");
        }
    }

    /**
     * picocli's bash completion keeps one array of values per parameter label (MODE_option_args), so two options of
     * one command with values to offer and the same label would both offer the last one's values (--send-mode once
     * offered --prefetch's words).
     */
    @Test
    void optionsOfferingValuesHaveTheirOwnLabelWithinACommand() {
        for (CommandSpec spec : allCommands()) {
            Map<String, OptionSpec> byLabel = new HashMap<>();
            for (OptionSpec o : spec.options()) {
                if (o.completionCandidates() == null || o.arity().max() == 0) {
                    continue;
                }
                OptionSpec earlier = byLabel.put(o.paramLabel(), o);
                if (earlier != null) {
                    // the same values under one label (compare's two --*-format options) are harmless
                    assertThat(o.completionCandidates())
                            .as(spec.qualifiedName() + ": " + o.longestName() + " offers values under label "
                                    + o.paramLabel() + ", as does " + earlier.longestName())
                            .containsExactlyElementsOf(earlier.completionCandidates());
                }
            }
        }
    }

    @Test
    void descriptionsAreParagraphsNotPreBrokenLines() {
        for (CommandSpec spec : allCommands()) {
            for (String line : spec.usageMessage().description()) {
                // a paragraph ends a sentence (or is the blank line between paragraphs); a pre-broken line does not
                assertThat(line.isEmpty() || line.endsWith(".") || line.endsWith(":"))
                        .as(spec.qualifiedName() + " description line '" + line + "'")
                        .isTrue();
            }
        }
    }

    @Test
    void everyCommandListsExitStatusAndExamples() {
        for (CommandSpec spec : allCommands()) {
            assertThat(spec.usageMessage().exitCodeList())
                    .as(spec.qualifiedName() + " exit codes")
                    .containsKeys("  0", " 64");
            assertThat(spec.usageMessage().footerHeading())
                    .as(spec.qualifiedName())
                    .contains("Examples");
            assertThat(spec.usageMessage().footer())
                    .as(spec.qualifiedName() + " examples")
                    .isNotEmpty()
                    .allSatisfy(example -> assertThat(example).startsWith("  ").contains("netvcr"));
        }
    }

    @Test
    void netvcrHelpListsEveryCommandWithItsWholeSummary() {
        String help = NetvcrMain.commandLine()
                .getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");
        for (CommandLine sub : NetvcrMain.commandLine().getSubcommands().values()) {
            assertThat(help)
                    .contains(sub.getCommandName() + " "
                            + sub.getCommandSpec().usageMessage().header()[0]);
        }
    }

    @Test
    void prepSynopsisNamesInputAndOutputOnce() {
        String synopsis = ToolMain.commandLine("netvcr-prep", new PrepCommand())
                .getHelp()
                .synopsis(0)
                .replaceAll("\\s+", " ")
                .trim();
        assertThat(synopsis)
                .endsWith(" INPUT OUTPUT")
                .doesNotContain("INPUT OUTPUT INPUT OUTPUT")
                .doesNotContain(")...");
    }
}
