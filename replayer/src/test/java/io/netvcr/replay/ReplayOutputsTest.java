package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.testing.ChildTool;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.replay.report.EpsilonLogWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay that fails after opening its trace still prints its report, and its pcap sink and ε log are written
 * together or not at all. The failures are real: a 16 KiB tmpfs mounted in a private mount namespace of the child
 * JVM (unshare -m), so the full disk is seen by no one else and vanishes with the child.
 */
class ReplayOutputsTest {
    @TempDir
    Path dir;

    private record Child(int exit, String out, String err) {}

    /** netvcr-replay in a child JVM whose mount namespace has a 16 KiB tmpfs on small. */
    private Child replayWithSmallDisk(Path small, String... args) throws Exception {
        Prerequisites.require(
                new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()[0] == '0'
                        && (Files.isExecutable(Path.of("/usr/bin/unshare"))
                                || Files.isExecutable(Path.of("/bin/unshare"))),
                "needs root and unshare (util-linux) to mount a small tmpfs in a private mount namespace");
        Files.createDirectories(small);
        List<String> cmd = new ArrayList<>(List.of(
                "unshare",
                "-m",
                "--propagation",
                "private",
                "sh",
                "-c",
                "mount -t tmpfs -o size=16k tmpfs \"$0\" && exec \"$@\"",
                small.toString()));
        cmd.addAll(ChildTool.command(ReplayCommand.class.getName(), args));
        Process p = new ProcessBuilder(cmd).start();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String e = new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        Prerequisites.require(
                !(e.contains("unshare:") || e.contains("mount:")), "cannot mount a private tmpfs here: " + e);
        return new Child(p.exitValue(), out, e);
    }

    private static List<String> files(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void shouldReportAndWriteNeitherOutputWhenThePcapSinkRunsOutOfSpaceMidReplay() throws Exception {
        // 250,000 frames of 74 bytes: the pcap writer thread's first 1 MiB write fails on the 16 KiB disk, the sink's
        // 16 MiB ring then fills (~170,000 frames) and the next frame handed to the sink stops the replay mid-way.
        int n = 250_000;
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), n, 1000, 32);
        Path small = dir.resolve("small");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Child c = replayWithSmallDisk(
                small,
                "--sink",
                "pcap:" + small.resolve("out.pcap"),
                "--topspeed",
                "--epsilon-log",
                logs.resolve("e.log").toString(),
                "--json",
                f.toString());
        assertThat(c.exit()).as(c.out() + c.err()).isEqualTo(74);
        JsonNode j = new ObjectMapper().readTree(c.out());
        JsonNode p = j.get("packets");
        assertThat(p.get("sent").asLong()).isPositive().isLessThan(n);
        assertThat(p.get("failed").asLong()).isPositive();
        assertThat(p.get("sent").asLong()
                        + p.get("failed").asLong()
                        + p.get("notAttempted").asLong())
                .isEqualTo(n);
        assertThat(j.get("outcome").asText()).isEqualTo("failed");
        assertThat(j.get("stopReason").asText())
                .contains("cannot write the pcap sink")
                .contains("out.pcap")
                .contains("Not written (the replay failed): pcap sink " + small.resolve("out.pcap") + ", epsilon log");
        assertThat(c.err()).contains("netvcr-replay: cannot write the pcap sink");
        assertThat(files(logs))
                .as("the epsilon log of a failed replay is removed, temporaries too")
                .isEmpty();
    }

    @Test
    void shouldReportAndWriteNeitherOutputWhenTheEpsilonLogRunsOutOfSpace() throws Exception {
        // 2,000 packets = 64 KB of epsilon log, written at the end: it fails on the 16 KiB disk, so the pcap
        // sink (on a normal disk, already written out) is removed too.
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 2_000, 1000, 32);
        Path small = dir.resolve("small");
        Path out = Files.createDirectories(dir.resolve("out"));
        Child c = replayWithSmallDisk(
                small,
                "--sink",
                "pcap:" + out.resolve("out.pcap"),
                "--topspeed",
                "--epsilon-log",
                small.resolve("e.log").toString(),
                f.toString());
        assertThat(c.exit()).as(c.out() + c.err()).isEqualTo(74);
        assertThat(c.out())
                .contains("Actual: 2000 packets")
                .contains("Successful packets:        2000")
                .contains("cannot write the epsilon log")
                .contains("Not written (the replay failed)");
        assertThat(c.err()).contains("netvcr-replay: cannot write the epsilon log");
        assertThat(files(out)).as("pcap sink of a failed replay not published").isEmpty();
    }

    @Test
    void shouldWriteBothOutputsWhenTheReplayCompletes() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 500, 1000, 32);
        Path out = Files.createDirectories(dir.resolve("out"));
        ReplayRun r = ReplayRun.of(
                "--sink",
                "pcap:" + out.resolve("out.pcap"),
                "--topspeed",
                "--epsilon-log",
                out.resolve("e.log").toString(),
                f.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(files(out)).containsExactlyInAnyOrder("out.pcap", "e.log");
        assertThat(Files.size(out.resolve("e.log")))
                .isEqualTo(EpsilonLogWriter.HEADER_LENGTH + 500 * EpsilonLogWriter.RECORD_LENGTH);
    }
}
