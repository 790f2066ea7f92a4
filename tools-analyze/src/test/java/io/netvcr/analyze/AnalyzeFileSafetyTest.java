package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ExitCodes;
import io.netvcr.formats.testing.ChildTool;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netvcr-analyze: its report reaches the reader or the run fails; its files appear as one set; inputs are safe. */
class AnalyzeFileSafetyTest {
    @TempDir
    Path dir;

    private Path trace() throws Exception {
        return Files.write(dir.resolve("t.pcap"), ChildTool.pcapWithRecords(50));
    }

    private int child(File out, String... args) throws Exception {
        Process p = new ProcessBuilder(ChildTool.command(AnalyzeCommand.class.getName(), args))
                .redirectOutput(out)
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void shouldFailWhenTheReportCannotBeWritten() throws Exception {
        Path t = trace();
        File full = new File("/dev/full");
        assertThat(child(full, "compare", "--no-progress", t.toString(), t.toString()))
                .isEqualTo(ExitCodes.IO_ERROR);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("cannot write to standard output");
        assertThat(child(full, "--json", "--no-progress", t.toString())).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(child(dir.resolve("ok.json").toFile(), "--json", "--no-progress", t.toString()))
                .isZero();
        assertThat(Files.readString(dir.resolve("ok.json"))).contains("\"packets\"");
    }

    @Test
    void shouldWriteNoneOfTheCsvFilesWhenOneCannotBeWritten() throws Exception {
        Path t = trace();
        Path csv = Files.createDirectory(dir.resolve("csv"));
        for (String n :
                List.of("rate.csv", "interarrival-histogram.csv", "interarrival-cdf.csv", "size-histogram.csv")) {
            Files.writeString(csv.resolve(n), "old");
        }
        // The last file of the set is blocked by a directory of that name.
        Files.createDirectories(csv.resolve("flows.csv").resolve("x"));
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("--no-progress", "--csv", csv.toString(), t.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.CANNOT_CREATE);
        assertThat(r.err()).contains("flows.csv: cannot create output: is a directory");
        for (String n :
                List.of("rate.csv", "interarrival-histogram.csv", "interarrival-cdf.csv", "size-histogram.csv")) {
            assertThat(Files.readString(csv.resolve(n))).as(n).isEqualTo("old");
        }
        assertThat(ChildTool.filesIn(csv)).hasSize(5);
    }

    @Test
    void shouldRefuseACsvFileThatIsTheTrace() throws Exception {
        Path csv = Files.createDirectory(dir.resolve("csv"));
        Path t = Files.write(csv.resolve("rate.csv"), ChildTool.pcapWithRecords(50));
        byte[] before = Files.readAllBytes(t);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("--no-progress", "--csv", csv.toString(), t.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("is an input of this run");
        assertThat(Files.readAllBytes(t)).isEqualTo(before);
        assertThat(ChildTool.filesIn(csv)).containsExactly("rate.csv");
    }

    @Test
    void shouldRefuseStandardOutputAsAReportDirectory() throws Exception {
        Path t = trace();
        for (String option : List.of("--csv", "--plot")) {
            AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("--no-progress", option, "-", t.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains(option).contains("give a directory");
            AnalyzeCommandTest.Run c =
                    AnalyzeCommandTest.run("compare", "--no-progress", option, "-", t.toString(), t.toString());
            assertThat(c.code()).as(c.err()).isEqualTo(ExitCodes.USAGE);
        }
        AnalyzeCommandTest.Run p = AnalyzeCommandTest.run("plot", "--out", "-", "a=" + t);
        assertThat(p.code()).as(p.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(p.err()).contains("--out").contains("give a directory");
        assertThat(Path.of("-")).doesNotExist();
    }
}
