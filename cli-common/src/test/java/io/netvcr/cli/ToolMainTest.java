package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.TraceFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class ToolMainTest {
    @Command(name = "t")
    static final class Failing implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();

        @Option(names = "--throw")
        String what = "";

        @Override
        public Integer call() throws Exception {
            switch (what) {
                case "data":
                    throw new TraceFormatException("x.pcap", 7, 1234, "bad length");
                case "missing":
                    throw new NoSuchFileException("nope.pcap");
                case "io":
                    throw new IOException("No space left on device");
                case "usage":
                    throw ToolException.usage("--snap is out of range");
                default:
                    return 0;
            }
        }
    }

    private static String[] run(String... args) {
        CommandLine cl = ToolMain.commandLine("netvcr-test", new Failing());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void shouldMapFailuresToSysexitsWithOneLine() {
        String[] data = run("--throw", "data");
        assertThat(data[0]).isEqualTo("65");
        assertThat(data[1])
                .isEqualTo("netvcr-test: x.pcap: record 7 at byte offset 1234: bad length" + System.lineSeparator());
        assertThat(run("--throw", "missing")[0]).isEqualTo("66");
        assertThat(run("--throw", "missing")[1]).contains("no such file: nope.pcap");
        assertThat(run("--throw", "io")[0]).isEqualTo("74");
        assertThat(run("--throw", "usage")[0]).isEqualTo("64");
        assertThat(run("--no-such-option")[0]).isEqualTo("64");
        assertThat(run()[0]).isEqualTo("0");
    }

    @Test
    void shouldPrintAStackTraceOnlyWithDebug() {
        assertThat(run("--throw", "data")[1]).doesNotContain("\tat ");
        assertThat(run("--throw", "data", "--debug")[1]).contains("\tat ");
    }

    @Test
    void shouldDisableChronicleAnalyticsOnLoad() {
        ToolMain.disableAnalytics();
        assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
    }
}
