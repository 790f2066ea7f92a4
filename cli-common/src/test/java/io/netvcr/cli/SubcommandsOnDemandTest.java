package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

class SubcommandsOnDemandTest {
    @Command(name = "sub", mixinStandardHelpOptions = true, description = "A subcommand.")
    static final class Sub implements Callable<Integer> {
        @Option(names = "--deep")
        boolean deep;

        @Override
        public Integer call() {
            return deep ? 3 : 2;
        }
    }

    @Command(name = "tool", mixinStandardHelpOptions = true)
    static final class Tool implements Callable<Integer>, SubcommandsOnDemand {
        @Option(names = "-q")
        boolean quiet;

        @Parameters(arity = "0..*")
        java.util.List<String> files = new java.util.ArrayList<>();

        @Override
        public Map<String, Class<?>> subcommands() {
            Map<String, Class<?>> m = new LinkedHashMap<>();
            m.put("sub", Sub.class);
            return m;
        }

        @Override
        public Integer call() {
            return files.size();
        }
    }

    /** An umbrella naming Tool the usual way: Tool's own on-demand subcommands still come with it. */
    @Command(name = "umbrella", subcommands = Tool.class)
    static final class Umbrella implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void theFullModelHasThemAtEveryLevel() {
        assertThat(ToolMain.commandLine("tool", new Tool()).getSubcommands()).containsOnlyKeys("sub");
        CommandLine umbrella = ToolMain.commandLine("umbrella", new Umbrella());
        assertThat(umbrella.getSubcommands().get("tool").getSubcommands()).containsOnlyKeys("sub");
        assertThat(umbrella.execute("tool", "sub", "--deep")).isEqualTo(3);
    }

    @Test
    void aRunGetsThemOnlyWhenItsArgumentsCanReachThem() {
        assertThat(ToolMain.commandLine("tool", new Tool(), new String[] {"a.pcap", "-q"})
                        .getSubcommands())
                .isEmpty();
        assertThat(ToolMain.commandLine("tool", new Tool(), new String[] {}).getSubcommands())
                .isEmpty();
        for (String[] args :
                new String[][] {{"sub"}, {"-q", "sub", "--deep"}, {"--help"}, {"-h"}, {"-qh"}, {"@args"}}) {
            assertThat(ToolMain.commandLine("tool", new Tool(), args).getSubcommands())
                    .as(String.join(" ", args))
                    .containsOnlyKeys("sub");
        }
        assertThat(ToolMain.run("tool", new Tool(), new String[] {"-q", "sub", "--deep"}))
                .isEqualTo(3);
        assertThat(ToolMain.run("tool", new Tool(), new String[] {"a", "b"})).isEqualTo(2);
    }

    @Test
    void onlyTheseWordsReachThem() {
        Set<String> names = Set.of("compare", "plot");
        assertThat(ToolMain.mayReach(names, new String[] {"x.pcap", "--top", "3", "-", "-q", "--json"}))
                .isFalse();
        assertThat(ToolMain.mayReach(names, new String[] {"compare.pcap", "--interval=1h", "plots/"}))
                .isFalse();
        assertThat(ToolMain.mayReach(names, new String[] {"-q", "plot"})).isTrue();
        assertThat(ToolMain.mayReach(names, new String[] {"-qh"})).isTrue();
        assertThat(ToolMain.mayReach(names, new String[] {"x.pcap", "--help"})).isTrue();
        assertThat(ToolMain.mayReach(names, new String[] {"@more-args"})).isTrue();
    }
}
