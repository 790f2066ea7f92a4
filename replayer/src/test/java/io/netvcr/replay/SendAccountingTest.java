package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.timing.SpinTimer;
import io.netvcr.replay.trace.TraceWindows;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every planned packet is sent, failed, skipped or reported as never attempted, however the replay stops. */
class SendAccountingTest {
    @TempDir
    Path dir;

    @Test
    void shouldReportPacketsNotAttemptedWhenDurationStopsTheReplay() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 1000, 1_000_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--duration", "50ms", "--json", f.toString());
        JsonNode p = new ObjectMapper().readTree(r.out).get("packets");
        assertBalanced(p, 1000);
        assertThat(p.get("notAttempted").asLong()).isEqualTo(950);
    }

    @Test
    void shouldReportNothingLeftWhenTheReplayCompletes() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 100, 10_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--loop", "3", "--json", f.toString());
        JsonNode p = new ObjectMapper().readTree(r.out).get("packets");
        assertBalanced(p, 300);
        assertThat(p.get("notAttempted").asLong()).isZero();
    }

    @Test
    void shouldAccountForEveryPacketWhenASendErrorStopsTheReplay() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10, 1000, 32);
        ReplayStats stats = new ReplayStats();
        stats.planned = ReplayStats.plannedPackets(10, 2, 0);
        try (TraceWindows w = new TraceWindows(f, 1 << 20, true, false, new Mechanisms())) {
            new ReplayLoop(
                            w,
                            new FrameBuilder(),
                            new SendErrorTest.ScriptedSink(90 /* EMSGSIZE */, 0, 0, 0, 1),
                            new SpinTimer(),
                            new Sleeper(true),
                            stats,
                            null,
                            new StopSignal())
                    .run(new Schedule(System.nanoTime(), 1, 1.0), 2, 0, 0, false);
        }
        ReplayResult result = new ReplayResult(
                stats,
                "scripted",
                "spin",
                List.of(),
                List.of(),
                1,
                0,
                0,
                ReplayResult.Outcome.FAILED,
                ReplayException.Kind.IO,
                0,
                "stopped",
                List.of());
        JsonNode p = new ObjectMapper()
                .readTree(ReplayReport.summary(result).toJson())
                .get("packets");
        assertBalanced(p, 20);
        assertThat(p.get("failed").asLong()).isEqualTo(1);
        assertThat(p.get("notAttempted").asLong()).isEqualTo(16);
        assertThat(ReplayReport.text(result)).contains("Not attempted (stopped):   16 of 20 planned");
    }

    @Test
    void shouldReportPacketsNotAttemptedWhenSigintStopsTheReplay() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("slow.nvcr"), 600, 50_000_000, 32);
        ChildReplay r = ChildReplay.run(p -> ChildReplay.signal(p, "INT"), "--sink", "null", "--json", f.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(130);
        JsonNode p = new ObjectMapper().readTree(r.out()).get("packets");
        assertBalanced(p, 600);
        assertThat(p.get("notAttempted").asLong()).isPositive();
    }

    @Test
    void shouldLeaveNotAttemptedOutOfAnEndlessReplay() {
        assertThat(ReplayStats.plannedPackets(100, 0, 0)).isEqualTo(-1);
        assertThat(ReplayStats.plannedPackets(100, 0, 250)).isEqualTo(250);
        assertThat(ReplayStats.plannedPackets(100, 2, 250)).isEqualTo(200);
        assertThat(ReplayStats.plannedPackets(0, 0, 0)).isZero();
        ReplayStats s = new ReplayStats();
        s.sent = 7;
        assertThat(s.notAttempted()).isEqualTo(-1);
    }

    /** sent + failed + skipped = attempted, attempted + notAttempted = planned. */
    private static void assertBalanced(JsonNode p, long planned) {
        long attempted = p.get("attempted").asLong();
        assertThat(p.get("sent").asLong()
                        + p.get("failed").asLong()
                        + p.get("skipped").asLong())
                .isEqualTo(attempted);
        assertThat(p.get("planned").asLong()).isEqualTo(planned);
        assertThat(attempted + p.get("notAttempted").asLong()).isEqualTo(planned);
    }
}
