package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.nvcr.NvcrLayout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
        Result r = replayWhile(f, trace -> {
            try (FileChannel ch = FileChannel.open(trace, StandardOpenOption.WRITE)) {
                ch.truncate(NvcrLayout.recordOffset(KEEP_RECORDS, recordLength));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(r.exit).as(r.out + r.err).isEqualTo(74);
        assertThat(r.out).contains("Actual: ").contains("Successful packets:");
        assertThat(r.out + r.err).doesNotContain("SIGBUS").doesNotContain("hs_err")
            .containsPattern(java.util.regex.Pattern.quote(f.toString()) + ": record \\d+ at byte offset \\d+ is no longer in the file");
        assertThat(r.err).doesNotContain("at io.netvcr"); // no stack trace without --debug
    }

    @Test
    void shouldKeepReplayingTheOldTraceWhenAnotherFileIsRenamedOverIt() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("replaced.nvcr"), 40, 50_000_000, 32);
        Path other = PreparedTraces.periodic(dir.resolve("other.nvcr"), 3, 1000, 32);
        Result r = replayWhile(f, trace -> {
            try {
                Files.move(other, trace, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(r.exit).as(r.out + r.err).isZero();
        assertThat(r.out).contains("Successful packets:        40");
    }

    private record Result(int exit, String out, String err) {
    }

    /** Starts the replay, applies change once the replay is sending, and collects the outcome. */
    private Result replayWhile(Path trace, Consumer<Path> change) throws Exception {
        Process p = new ProcessBuilder(ChildJvm.command(List.of(), ReplayCommand.class.getName(),
            "--sink", "null", "--stats", "0.1", "--window", "64k", trace.toString())).start();
        try {
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            StringBuilder err = new StringBuilder();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (err) {
                            err.append(line).append('\n');
                        }
                        if (line.startsWith("Actual:")) {
                            started.complete(true);
                        }
                    }
                } catch (java.io.IOException e) {
                    // gone
                }
                started.complete(false);
            });
            t.start();
            assertThat(started.get(120, TimeUnit.SECONDS)).as("replay started (live stats line): " + err).isTrue();
            change.accept(trace);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child stopped").isTrue();
            t.join(10_000);
            synchronized (err) {
                return new Result(p.exitValue(), out, err.toString());
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
