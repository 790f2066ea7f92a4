package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.ChildTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netvcr-prep stopped by SIGINT/SIGTERM mid-run: exit 130/143, a notice, and no output (not even its temporary file). */
class PrepSignalTest {
    @TempDir
    Path dir;

    @Test
    void shouldRemoveThePartialOutputAndExit130OnSigint() throws Exception {
        stopMidPrep("INT", 130);
    }

    @Test
    void shouldRemoveThePartialOutputAndExit143OnSigterm() throws Exception {
        stopMidPrep("TERM", 143);
    }

    private void stopMidPrep(String signal, int exit) throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        ChildTool.Stopped s = ChildTool.stopMidRun(
                signal,
                ChildTool.pcapWithRecords(3000),
                () -> hasTemporaryOutput(out),
                dir.resolve("stderr.txt"),
                PrepCommand.class.getName(),
                "--no-progress",
                "-",
                out.resolve("p.nvcr").toString());
        assertThat(s.exit()).as(s.stderr()).isEqualTo(exit);
        assertThat(ChildTool.filesIn(out)).isEmpty();
        assertThat(s.stderr())
                .contains("netvcr-prep: stopped by a signal before finishing; unfinished output files removed");
    }

    private static boolean hasTemporaryOutput(Path out) {
        try {
            return ChildTool.filesIn(out).stream().anyMatch(n -> n.startsWith(".p.nvcr.netvcr-tmp-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
