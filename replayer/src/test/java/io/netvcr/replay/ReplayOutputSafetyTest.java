package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ExitCodes;
import io.netvcr.formats.testing.ChildTool;
import io.netvcr.formats.testing.PrivateTmpfs;
import io.netvcr.replay.report.EpsilonLogWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replayer's output files (--sink pcap:FILE, --epsilon-log FILE): never the trace, never a device replaced, one set. */
class ReplayOutputSafetyTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseToWriteItsOutputsOverTheTraceBeforeSendingAnything() throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("T.nvcr"), 50, 10_000, 32);
        byte[] before = Files.readAllBytes(t);
        Path link = Files.createSymbolicLink(dir.resolve("alias.pcap"), t);
        for (List<String> args : List.of(
                List.of("--sink", "pcap:" + t, t.toString()),
                List.of("--sink", "null", "--epsilon-log", t.toString(), t.toString()),
                List.of("--sink", "pcap:" + link, t.toString()))) {
            ReplayRun r = ReplayRun.of(args.toArray(new String[0]));
            assertThat(r.exitCode).as(r.err).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err).contains("is an input of this run");
        }
        Path same = dir.resolve("both.out");
        ReplayRun r = ReplayRun.of("--sink", "pcap:" + same, "--epsilon-log", same.toString(), t.toString());
        assertThat(r.exitCode).as(r.err).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).contains("given as two outputs");
        assertThat(Files.readAllBytes(t)).isEqualTo(before);
        assertThat(ChildTool.filesIn(dir)).containsExactly("T.nvcr", "alias.pcap");
    }

    @Test
    void shouldCommitTheSinkFileAndEpsilonLogTogether() throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("T.nvcr"), 50, 10_000, 32);
        Path pcap = dir.resolve("out.pcap");
        Path log = dir.resolve("eps.log");
        ReplayRun r = ReplayRun.of("--sink", "pcap:" + pcap, "--epsilon-log", log.toString(), t.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(Files.size(pcap)).isGreaterThan(24);
        assertThat(Files.size(log)).isEqualTo(EpsilonLogWriter.HEADER_LENGTH + 50 * EpsilonLogWriter.RECORD_LENGTH);
        // The ε log cannot be put in place (a directory holds its name): the sink file does not appear either.
        Path pcap2 = dir.resolve("out2.pcap");
        Files.createDirectories(dir.resolve("eps2.log").resolve("x"));
        r = ReplayRun.of(
                "--sink",
                "pcap:" + pcap2,
                "--epsilon-log",
                dir.resolve("eps2.log").toString(),
                t.toString());
        assertThat(r.exitCode).as(r.err).isNotZero();
        assertThat(r.err).contains("eps2.log").contains("is a directory");
        assertThat(pcap2).doesNotExist();
        assertThat(ChildTool.filesIn(dir)).containsExactly("T.nvcr", "eps.log", "eps2.log", "out.pcap");
    }

    @Test
    void shouldWriteThroughADeviceNodeSinkAndLog() throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("T.nvcr"), 50, 10_000, 32);
        try (PrivateTmpfs fs = PrivateTmpfs.mount()) {
            Path nul = fs.charDevice("null", 1, 3);
            // Both outputs through the same node: a device is shared, not two files fighting over one name.
            ReplayRun r = ReplayRun.of("--sink", "pcap:" + nul, "--epsilon-log", nul.toString(), t.toString());
            assertThat(r.exitCode).as(r.err).isZero();
            assertThat(PrivateTmpfs.type(nul)).isEqualTo("c");
            assertThat(ChildTool.filesIn(fs.dir())).containsExactly("null");
        }
    }
}
