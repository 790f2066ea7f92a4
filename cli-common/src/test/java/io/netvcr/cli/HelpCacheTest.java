package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class HelpCacheTest {
    @Command(
            name = "netvcr-test",
            header = "A command with a long description that picocli wraps at the width of the page.",
            description = "The description is one paragraph long enough to be wrapped by picocli at eighty columns, "
                    + "so a page rendered at another width or with colours would differ from the cached one.",
            subcommands = Sub.class)
    static final class Tool implements Callable<Integer> {
        @Mixin
        CommandHeader header = new CommandHeader();

        @Option(names = "--speed", description = "How fast; a long option description wraps as well, in its column.")
        double speed = 1.0;

        @Parameters(paramLabel = "TRACE", description = "The trace.")
        List<String> traces;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "sub", header = "The subcommand.")
    static final class Sub implements Callable<Integer> {
        @Mixin
        CommandHeader header = new CommandHeader();

        @Override
        public Integer call() {
            return 0;
        }
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream realOut;

    @BeforeEach
    void captureStdout() {
        realOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.clearProperty(HelpCache.DIR_PROPERTY);
    }

    /** What a user's run prints through the picocli path (no console here: 80 columns, no colours). */
    private static String picocli(String... args) {
        CommandLine cl = ToolMain.commandLine("netvcr-test", new Tool());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void writesThePagePicocliPrintsForTheCommandAndEachSubcommand() throws Exception {
        List<String> written = HelpCache.write(dir, ToolMain.commandLine("netvcr-test", new Tool()));

        assertThat(written).containsExactly("netvcr-test", "netvcr-test sub");
        assertThat(Files.readString(dir.resolve("netvcr-test.txt"))).isEqualTo(picocli("--help"));
        assertThat(Files.readString(dir.resolve("netvcr-test_sub.txt"))).isEqualTo(picocli("sub", "--help"));
        assertThat(Files.readString(dir.resolve("netvcr-test.txt")))
                .contains("Usage: netvcr-test")
                .doesNotContain("\u001b[");
    }

    @Test
    void printsTheCachedPageForAHelpRequestOnly() throws Exception {
        HelpCache.write(dir, ToolMain.commandLine("netvcr-test", new Tool()));
        System.setProperty(HelpCache.DIR_PROPERTY, dir.toString());

        assertThat(HelpCache.print("netvcr-test", new String[] {"--help"})).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(picocli("--help"));
        stdout.reset();
        assertThat(HelpCache.print("netvcr-test", new String[] {"sub", "-h"})).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(picocli("sub", "--help"));
        stdout.reset();

        // anything else is picocli's to answer: options, operands, unknown subcommands, paths
        for (String[] other : new String[][] {
            {},
            {"--json"},
            {"--speed", "2", "--help"},
            {"x.pcap", "--help"},
            {"nosuch", "--help"},
            {"../netvcr-test", "--help"},
            {"--help", "sub"}
        }) {
            assertThat(HelpCache.print("netvcr-test", other))
                    .as(String.join(" ", other))
                    .isEqualTo(-1);
        }
        assertThat(stdout.size()).isZero();
    }

    @Test
    void printsTheVersionLinesAsPicocliDoesWhereTheTrainingRunFoundThemEqual() throws Exception {
        HelpCache.write(dir, ToolMain.commandLine("netvcr-test", new Tool()));
        assertThat(dir.resolve("netvcr-test.version")).exists();
        assertThat(dir.resolve("netvcr-test_sub.version")).exists();
        System.setProperty(HelpCache.DIR_PROPERTY, dir.toString());

        assertThat(HelpCache.print("netvcr-test", new String[] {"--version"})).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .isEqualTo(picocli("--version"))
                .startsWith("NetVCR ")
                .contains("libpcap");
        stdout.reset();
        assertThat(HelpCache.print("netvcr-test", new String[] {"sub", "-V"})).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo(picocli("sub", "-V"));
        stdout.reset();

        Files.delete(dir.resolve("netvcr-test.version"));
        assertThat(HelpCache.print("netvcr-test", new String[] {"--version"})).isEqualTo(-1);
        assertThat(stdout.size()).isZero();
    }

    @Test
    void withoutTheLaunchersDirectoryPicocliAnswers() throws Exception {
        HelpCache.write(dir, ToolMain.commandLine("netvcr-test", new Tool()));

        assertThat(HelpCache.print("netvcr-test", new String[] {"--help"})).isEqualTo(-1);
        System.setProperty(HelpCache.DIR_PROPERTY, dir.resolve("elsewhere").toString());
        assertThat(HelpCache.print("netvcr-test", new String[] {"--help"})).isEqualTo(-1);
        assertThat(stdout.size()).isZero();
    }

    @Test
    void aWidthOrColourOverrideGoesToPicocli() throws Exception {
        HelpCache.write(dir, ToolMain.commandLine("netvcr-test", new Tool()));
        System.setProperty(HelpCache.DIR_PROPERTY, dir.toString());
        System.setProperty("picocli.usage.width", "120");
        try {
            assertThat(HelpCache.print("netvcr-test", new String[] {"--help"})).isEqualTo(-1);
        } finally {
            System.clearProperty("picocli.usage.width");
        }
        assertThat(stdout.size()).isZero();
    }
}
