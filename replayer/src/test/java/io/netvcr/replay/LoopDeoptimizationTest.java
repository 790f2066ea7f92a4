package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.testing.ChildTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up takes every branch the replay will, so no compiled code of the replayer is thrown away while packets
 * are due: a deoptimised send loop runs interpreted until it is compiled again, and the packets of that time leave
 * late. Gaps over ReplayLoop.LONG_WAIT_NS (slept in steps) and sleeps in the hybrid timer's longest class once
 * trapped at the replay's first long gap (the bundled sample: packets up to 1.4 ms late). Checked with the JVM's
 * own record of deoptimisations (JFR jdk.Deoptimization) over the replay's time line.
 */
class LoopDeoptimizationTest {
    private static final long GAP_NS = 150_000_000L;
    private static final int PACKETS = 6;

    @TempDir
    Path dir;

    @Test
    void shouldNotDeoptimiseTheReplayersCodeWhilePacketsAreDue() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("gaps.nvcr"), PACKETS, GAP_NS, 64);
        Path jfr = dir.resolve("replay.jfr");
        List<String> cmd = ChildTool.command(
                List.of(
                        "-XX:+UseSerialGC",
                        "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile",
                        "-Xlog:jfr+startup=warning"),
                ReplayCommand.class.getName(),
                "--sink",
                "null",
                "--timer",
                "hybrid",
                "--json",
                trace.toString());
        Process p = new ProcessBuilder(cmd)
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        JsonNode j = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(PACKETS);
        Instant start = Instant.ofEpochSecond(0, j.at("/startRealtimeNs").asLong());
        Instant end = start.plusNanos(GAP_NS * (PACKETS - 1));

        List<String> inReplay = new ArrayList<>();
        int seen = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.Deoptimization")) {
                continue;
            }
            seen++;
            RecordedMethod m = e.getValue("method");
            String where = m.getType().getName() + "." + m.getName() + " line " + e.getValue("lineNumber") + " ("
                    + e.getValue("reason") + ")";
            if (where.startsWith("io.netvcr.")
                    && !e.getStartTime().isBefore(start)
                    && !e.getStartTime().isAfter(end)) {
                inReplay.add(e.getStartTime() + " " + where);
            }
        }
        // the recording works: the warm-up's own traps (before the start) are in it
        assertThat(seen).as("deoptimisations recorded at all").isPositive();
        assertThat(inReplay)
                .as("deoptimisations of NetVCR code between the start and the last packet")
                .isEmpty();
    }
}
