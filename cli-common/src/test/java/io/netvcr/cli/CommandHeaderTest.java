package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command that names only its own parts still gets the shared ones from ToolCommand and its mixins. */
class CommandHeaderTest {
    @Command(name = "toy", header = "A toy.", footer = "  toy --zeta")
    static final class Toy extends ToolCommand {
        @Option(names = "--zeta")
        boolean zeta;

        @Option(names = "--alpha")
        boolean alpha;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(
            name = "own",
            exitCodeList = {" 0:fine"})
    static final class OwnExitList extends ToolCommand {
        @Override
        public Integer call() {
            return 0;
        }
    }

    /** An exit list shared by a few commands, as netvcr samples shares one. */
    @Command(exitCodeList = {" 0:fine", " 66:no such toy"})
    static final class ToyExits {}

    @Command(name = "mixed")
    static final class MixedInExitList implements Callable<Integer> {
        @Mixin
        ToyExits exits = new ToyExits();

        @Mixin
        CommonOptions common = new CommonOptions();

        @Override
        public Integer call() {
            return 0;
        }
    }

    private static String out(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void shouldGiveEveryCommandHelpVersionTheExitListAndExamplesHeading() {
        String help = out(new Toy(), "--help");
        assertThat(help)
                .contains("-h, --help")
                .contains("-V, --version")
                .contains("Exit status:")
                .contains(" 64   usage error")
                .contains("143   stopped by SIGTERM")
                .contains("Examples:" + System.lineSeparator() + "  toy --zeta");
        // Declaration order, not sorted: --zeta before --alpha.
        java.util.List<String> optionLines =
                help.lines().map(String::trim).filter(l -> l.startsWith("--")).toList();
        assertThat(optionLines.indexOf("--zeta"))
                .isLessThan(optionLines.indexOf("--alpha"))
                .isNotNegative();
        assertThat(out(new Toy(), "--version")).contains(VersionProvider.version());
    }

    @Test
    void shouldKeepACommandsOwnExitList() {
        String help = out(new OwnExitList(), "--help");
        assertThat(help).contains("0   fine").doesNotContain("usage error");
    }

    @Test
    void shouldTakeAMixedInExitListBesideTheCommonOptions() {
        String help = out(new MixedInExitList(), "--help");
        assertThat(help)
                .contains("Exit status:")
                .contains("66   no such toy")
                .doesNotContain("usage error")
                .contains("--json");
    }
}
