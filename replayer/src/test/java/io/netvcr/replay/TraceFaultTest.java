package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.nvcr.NvcrLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace changes under a running replay (child JVM, null sink): truncated, the mapped pages lose their file
 * and reading them raises SIGBUS; replaced by a rename, the replay keeps the old inode. Neither may crash
 * the JVM; a truncation stops the replay with exit 74, the report of what was sent and one line naming the
 * file and the record.
 */
class TraceFaultTest {
    private static final int KEEP_RECORDS = 50;

    @TempDir
    Path dir;

    @Test
    void shouldStopWithReportAndExit74WhenTheTraceIsTruncatedDuringReplay() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("shrinks.nvcr"), 100_000, 200_000, 32);
        int recordLength = io.netvcr.formats.nvcr.NvcrFile.readHeader(f).recordLength;
        ChildReplay r = ChildReplay.run(
                p -> {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.truncate(NvcrLayout.recordOffset(KEEP_RECORDS, recordLength));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                "--sink",
                "null",
                "--window",
                "64k",
                f.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(74);
        assertThat(r.out()).contains("Actual: ").contains("Successful packets:");
        assertThat(r.out() + r.err())
                .doesNotContain("SIGBUS")
                .doesNotContain("hs_err")
                .containsPattern(java.util.regex.Pattern.quote(f.toString())
                        + ": record \\d+ at byte offset \\d+ is no longer in the file");
        assertThat(r.err()).doesNotContain("at io.netvcr"); // no stack trace without --debug
    }

    @Test
    void shouldKeepReplayingTheOldTraceWhenAnotherFileIsRenamedOverIt() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("replaced.nvcr"), 40, 50_000_000, 32);
        Path other = PreparedTraces.periodic(dir.resolve("other.nvcr"), 3, 1000, 32);
        ChildReplay r = ChildReplay.run(
                p -> {
                    try {
                        Files.move(other, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                "--sink",
                "null",
                "--window",
                "64k",
                f.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Successful packets:        40");
    }
}
