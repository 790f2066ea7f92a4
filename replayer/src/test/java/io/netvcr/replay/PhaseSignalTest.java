package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.ChildTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGINT/SIGTERM are answered within a second in the phases before the first packet, too. */
class PhaseSignalTest {
    @TempDir
    Path dir;

    private record Stopped(int exit, double seconds, String out, String err) {}

    /** Starts the replay in a child JVM (its own java.io.tmpdir), waits until ready says so, signals, times the exit. */
    private Stopped signalWhen(java.util.function.Predicate<String> ready, String signal, Path tmp, String... args)
            throws Exception {
        Process p = new ProcessBuilder(
                        ChildTool.command(List.of("-Djava.io.tmpdir=" + tmp), ReplayCommand.class.getName(), args))
                .start();
        try {
            StringBuffer errSoFar = new StringBuffer();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try (java.io.BufferedReader r = new java.io.BufferedReader(
                        new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        errSoFar.append(line).append('\n');
                    }
                } catch (java.io.IOException e) {
                    // gone
                }
                return errSoFar.toString();
            });
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!ready.test(errSoFar.toString())) {
                assertThat(p.isAlive())
                        .as("child still running before the signal: " + errSoFar)
                        .isTrue();
                assertThat(System.nanoTime()).as("phase reached in time").isLessThan(deadline);
                Thread.sleep(20);
            }
            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .start()
                    .waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Stopped(p.exitValue(), secs, out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static boolean preparing(Path tmp) {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.anyMatch(d -> d.getFileName().toString().startsWith("netvcr-replay-") && hasFiles(d));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean hasFiles(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.findAny().isPresent();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** --prep of a large unprepared trace: SIGINT stops the preparation, removes its temporary files, exits 130. */
    @Test
    void shouldStopOnTheFlyPrepOnSigintAndRemoveItsTemporaries() throws Exception {
        Path f = PreparedTraces.write(dir.resolve("raw.nvcr"), 1_500_000, 1000, 16, false, 64);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Stopped s = signalWhen(e -> preparing(tmp), "INT", tmp, "--sink", "null", "--prep", f.toString());
        assertThat(s.exit()).as(s.out() + s.err()).isEqualTo(130);
        // a second to react, plus the JVM's exit on a loaded machine
        assertThat(s.seconds()).as("seconds from SIGINT to exit").isLessThan(3.0);
        assertThat(s.err()).contains("stopped by SIGINT while preparing").contains("temporary files removed");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.filter(q -> q.getFileName().toString().startsWith("netvcr-replay-"))
                            .toList())
                    .as("temporary prepare directory removed")
                    .isEmpty();
        }
    }

    /** SIGTERM during the long wait for a packet due in an hour: 143, report printed, nothing sent. */
    @Test
    void shouldStopWaitingForAFarDeadlineOnSigtermWithReport() throws Exception {
        // Two packets an hour apart: the replay sends the first at once, then waits; the signal comes once live
        // stats lines show the replay has been running for 0.3 s.
        Path f = PreparedTraces.periodic(dir.resolve("far.nvcr"), 2, 3_600_000_000_000L, 32);
        Path tmp = Files.createDirectories(dir.resolve("tmp2"));
        Path log = dir.resolve("e.log");
        Stopped s = signalWhen(
                e -> e.split("Actual:", -1).length > 4,
                "TERM",
                tmp,
                "--stats",
                "0.1",
                "--sink",
                "null",
                "--epsilon-log",
                log.toString(),
                f.toString());
        assertThat(s.exit()).as(s.out() + s.err()).isEqualTo(143);
        assertThat(s.seconds()).isLessThan(3.0);
        assertThat(s.out())
                .contains("Successful packets:        1")
                .contains("Not attempted (stopped):   1 of 2 planned")
                .contains("stopped by SIGTERM");
        assertThat(Files.size(log))
                .as("a stopped replay keeps its epsilon log")
                .isEqualTo(io.netvcr.replay.report.EpsilonLogWriter.HEADER_LENGTH
                        + io.netvcr.replay.report.EpsilonLogWriter.RECORD_LENGTH);
    }
}
