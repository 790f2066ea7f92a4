package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.ChildTool;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A report that could not be written is a failure (exit 74), said on the stream that still works. */
class StdioFailureTest {
    @TempDir
    Path dir;

    /** Prints a summary like every tool does: JSON on stdout, or the text line on stderr. */
    @Command(name = "netvcr-report")
    public static final class Reporter implements Callable<Integer> {
        @Mixin
        CommonOptions common = new CommonOptions();

        @Option(names = "--fail")
        boolean fail;

        public static void main(String[] args) {
            ToolMain.main("netvcr-report", new Reporter(), args);
        }

        @Override
        public Integer call() {
            if (fail) {
                throw new ToolException(ExitCodes.DATA_ERROR, "bad data");
            }
            new Summary().put("packets", 42).print(common, System.out, "42 packets");
            return ExitCodes.OK;
        }
    }

    private int run(File out, File err, String... args) throws Exception {
        Process p = new ProcessBuilder(ChildTool.command(Reporter.class.getName(), args))
                .redirectOutput(out)
                .redirectError(err)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void shouldExit74WhenStdoutIsFull() throws Exception {
        File err = dir.resolve("err").toFile();
        assertThat(run(new File("/dev/full"), err, "--json")).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(Files.readString(err.toPath())).contains("netvcr-report: cannot write to standard output");
        // A run that failed anyway keeps its own code.
        assertThat(run(new File("/dev/full"), err, "--json", "--fail")).isEqualTo(ExitCodes.DATA_ERROR);
        // All is well when the report was received.
        File out = dir.resolve("out").toFile();
        assertThat(run(out, err, "--json")).isEqualTo(0);
        assertThat(Files.readString(out.toPath())).contains("\"packets\" : 42");
    }

    @Test
    void shouldExit74AndSaySoOnStdoutWhenStderrIsFull() throws Exception {
        File out = dir.resolve("out").toFile();
        assertThat(run(out, new File("/dev/full"))).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(Files.readString(out.toPath())).contains("netvcr-report: cannot write to standard error");
    }
}
