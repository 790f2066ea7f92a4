package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PacketLimitTest {
    @Command(name = "t")
    static final class Limited implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();

        @Mixin
        PacketLimit limit = new PacketLimit();

        @Override
        public Integer call() {
            return (int) limit.orElse(99);
        }
    }

    private static String[] run(String... args) {
        CommandLine cl = ToolMain.commandLine("netvcr-test", new Limited());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        return new String[] {String.valueOf(cl.execute(args)), err.toString()};
    }

    @Test
    void shouldMeanAtMostNAndNoLimitWhenLeftOut() {
        assertThat(run("--limit", "5")[0]).isEqualTo("5");
        assertThat(run("-L", "7")[0]).isEqualTo("7");
        assertThat(run()[0]).isEqualTo("99");
        assertThat(new PacketLimit().isSet()).isFalse();
        assertThat(new PacketLimit().set(3).orElse(0)).isEqualTo(3);
    }

    @Test
    void shouldRefuseZeroNegativeAndGarbageAsUsageErrors() {
        String[] zero = run("--limit", "0");
        assertThat(zero[0]).isEqualTo("64");
        assertThat(zero[1]).contains("--limit").contains("N >= 1");
        assertThat(run("--limit=-3")[0]).isEqualTo("64");
        assertThat(run("--limit", "many")[0]).isEqualTo("64");
        assertThatThrownBy(() -> new PacketLimit().set(0)).isInstanceOf(CommandLine.TypeConversionException.class);
    }
}
