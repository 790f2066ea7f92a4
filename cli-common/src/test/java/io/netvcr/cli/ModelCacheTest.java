package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class ModelCacheTest {
    static final class Window {
        @Option(names = "--window", converter = ByteSizeConverter.class, defaultValue = "4M")
        long bytes;
    }

    @Command(name = "tool")
    static final class Tool extends ToolCommand {
        @Mixin
        Window window = new Window();

        @Option(
                names = {"-n", "--count"},
                paramLabel = "N")
        int count = 7;

        @Option(names = "--tag")
        List<String> tags = new ArrayList<>();

        @Option(names = "--gap", converter = DurationConverter.class)
        Long gapNs;

        @Parameters(arity = "1..*", paramLabel = "TRACE")
        List<String> traces = new ArrayList<>();

        @Override
        public Integer call() {
            return count;
        }
    }

    @Command(name = "grouped")
    static final class Grouped implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Choice choice;

        static final class Choice {
            @Option(names = "--a")
            boolean a;

            @Option(names = "--b")
            boolean b;
        }

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Command(name = "odd")
    static final class Interpolated implements Callable<Integer> {
        @Option(names = "--home", defaultValue = "${sys:user.home}")
        String home;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void shouldBindEveryValueToTheSameFieldsAsTheAnnotatedModel(@TempDir Path dir) throws Exception {
        assertThat(ModelCache.write(dir, "tool", new Tool())).isTrue();
        Tool cached = new Tool();
        CommandLine cl = ModelCache.load(dir, "tool", cached);
        assertThat(cl).isNotNull();

        cl.parseArgs("--json", "-n", "3", "--tag", "x", "--tag=y", "--window", "2k", "--gap", "5ms", "a", "b");

        assertThat(cached.common.json).isTrue();
        assertThat(cached.count).isEqualTo(3);
        assertThat(cached.tags).containsExactly("x", "y");
        assertThat(cached.window.bytes).isEqualTo(2048);
        assertThat(cached.gapNs).isEqualTo(5_000_000L);
        assertThat(cached.traces).containsExactly("a", "b");
        assertThat(cl.getCommandName()).isEqualTo("tool");
    }

    @Test
    void shouldKeepInitialValuesAndApplyDefaults(@TempDir Path dir) throws Exception {
        ModelCache.write(dir, "tool", new Tool());
        Tool cached = new Tool();
        ModelCache.load(dir, "tool", cached).parseArgs("a");

        assertThat(cached.count).isEqualTo(7);
        assertThat(cached.window.bytes).isEqualTo(4L << 20);
        assertThat(cached.gapNs).isNull();
        assertThat(cached.common.json).isFalse();
    }

    @Test
    void shouldFailLikeTheAnnotatedModel(@TempDir Path dir) throws Exception {
        ModelCache.write(dir, "tool", new Tool());
        for (String[] args : new String[][] {
            {}, {"--bogus", "a"}, {"-n", "x", "a"}, {"-n"}, {"--window", "lots", "a"}, {"--gap", "-1s", "a"}
        }) {
            String annotated = failure(ToolMain.commandLine("tool", new Tool(), new String[0]), args);
            String cached = failure(ModelCache.load(dir, "tool", new Tool()), args);
            assertThat(cached).as(String.join(" ", args)).isEqualTo(annotated).isNotEmpty();
        }
    }

    private static String failure(CommandLine cl, String[] args) {
        try {
            cl.parseArgs(args);
            return "";
        } catch (CommandLine.ParameterException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void shouldRunThroughToolMainWithTheCacheNamedByTheLauncher(@TempDir Path dir) throws Exception {
        ModelCache.write(dir, "tool", new Tool());
        String old = System.getProperty(HelpCache.DIR_PROPERTY);
        System.setProperty(HelpCache.DIR_PROPERTY, dir.toString());
        try {
            assertThat(ModelCache.read("tool", new Tool(), new String[] {"-n", "5", "a"}))
                    .isNotNull();
            assertThat(ToolMain.run("tool", new Tool(), new String[] {"-n", "5", "a"}))
                    .isEqualTo(5);
            assertThat(ToolMain.run("tool", new Tool(), new String[] {"--bogus", "a"}))
                    .isEqualTo(ExitCodes.USAGE);
        } finally {
            if (old == null) {
                System.clearProperty(HelpCache.DIR_PROPERTY);
            } else {
                System.setProperty(HelpCache.DIR_PROPERTY, old);
            }
        }
    }

    @Test
    void shouldLeaveHelpVersionAtFilesAndSubcommandsToTheAnnotatedModel() {
        for (String[] args :
                new String[][] {{"--help"}, {"-h"}, {"-qh"}, {"--version"}, {"-V"}, {"@args.txt"}, {"a", "--help"}}) {
            assertThat(ModelCache.mayNeedFullModel(new Tool(), args))
                    .as(String.join(" ", args))
                    .isTrue();
        }
        assertThat(ModelCache.mayNeedFullModel(new Tool(), new String[] {"-q", "a.pcap", "--", "--help"}))
                .isFalse();
        SubcommandsOnDemand withSub = () -> Map.of("sub", Object.class);
        assertThat(ModelCache.mayNeedFullModel(withSub, new String[] {"sub"})).isTrue();
        assertThat(ModelCache.mayNeedFullModel(withSub, new String[] {"x.pcap"}))
                .isFalse();
    }

    @Test
    void shouldNotCacheWhatItCannotRebuild(@TempDir Path dir) throws Exception {
        assertThat(ModelCache.write(dir, "grouped", new Grouped())).isFalse();
        assertThat(ModelCache.write(dir, "odd", new Interpolated())).isFalse();
        assertThat(Files.list(dir)).isEmpty();
        assertThat(ModelCache.load(dir, "grouped", new Grouped())).isNull();
    }

    @Test
    void shouldIgnoreAFileMadeForAnotherCommand(@TempDir Path dir) throws Exception {
        ModelCache.write(dir, "tool", new Tool());
        Files.copy(ModelCache.file(dir, "tool"), ModelCache.file(dir, "odd"));
        assertThat(ModelCache.load(dir, "odd", new Interpolated())).isNull();
        Files.write(ModelCache.file(dir, "tool"), new byte[] {1, 2, 3});
        assertThat(ModelCache.load(dir, "tool", new Tool())).isNull();
        assertThatThrownBy(() -> ModelCache.decode("tool", new Tool(), new byte[0]))
                .isInstanceOf(java.io.IOException.class);
    }
}
