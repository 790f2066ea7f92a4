package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.ChildTool;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netvcr-analyze stopped by SIGINT/SIGTERM while it reads a trace (fed through a pipe that stays open, so it
 * is certainly mid-run once the pipe has taken the input): exit 130/143, a notice, no CSV or plot files.
 */
class AnalyzeSignalTest {
    @TempDir
    Path dir;

    @Test
    void shouldStopWithoutOutputsAndExit130OnSigint() throws Exception {
        stopMidAnalysis("INT", 130);
    }

    @Test
    void shouldStopWithoutOutputsAndExit143OnSigterm() throws Exception {
        stopMidAnalysis("TERM", 143);
    }

    private void stopMidAnalysis(String signal, int exit) throws Exception {
        Path csv = dir.resolve("csv");
        Path plots = dir.resolve("plots");
        // 3000 records are several pipe buffers: once written, the child has read most of them.
        ChildTool.Stopped s = ChildTool.stopMidRun(
                signal,
                ChildTool.pcapWithRecords(3000),
                () -> true,
                dir.resolve("stderr.txt"),
                AnalyzeCommand.class.getName(),
                "--no-progress",
                "--csv",
                csv.toString(),
                "--plot",
                plots.toString(),
                "-");
        assertThat(s.exit()).as(s.stderr()).isEqualTo(exit);
        assertThat(ChildTool.filesIn(csv)).isEmpty();
        assertThat(ChildTool.filesIn(plots)).isEmpty();
        assertThat(s.stderr())
                .contains("netvcr-analyze: stopped by a signal before finishing; unfinished output files removed");
    }
}
