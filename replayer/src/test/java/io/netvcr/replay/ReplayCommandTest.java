package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.epsilon.EpsilonLogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldRefuseUnpreparedTraceNamingNetvcrPrep() throws Exception {
        Path f = PreparedTraces.write(dir.resolve("raw.nvcr"), 10, 1000, 32, false, 128);
        ReplayRun r = ReplayRun.of("--sink", "null", f.toString());
        assertThat(r.exitCode).isEqualTo(65);
        assertThat(r.err).contains("not prepared").contains("netvcr-prep").contains("--prep");
    }

    @Test
    void shouldRefuseToRunWithoutATarget() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10, 1000, 32);
        ReplayRun r = ReplayRun.of(f.toString());
        assertThat(r.exitCode).isEqualTo(64);
        assertThat(r.err).contains("--interface").contains("--sink");
    }

    @Test
    void shouldReportMissingInputWithExit66() {
        ReplayRun r = ReplayRun.of("--sink", "null", dir.resolve("nope.nvcr").toString());
        assertThat(r.exitCode).isEqualTo(66);
    }

    @Test
    void shouldReplayToNullSinkWithJsonReport() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 2000, 20_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--timer", "spin", "--json", f.toString());
        assertThat(r.exitCode).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(2000);
        assertThat(j.at("/packets/failed").asLong()).isZero();
        assertThat(j.at("/bytes").asLong()).isEqualTo(2000L * 74);
        // 2000 packets 20 us apart: the replay takes the schedule's 40 ms, not less.
        assertThat(j.at("/durationNs").asLong()).isBetween(39_900_000L, 2_000_000_000L);
        assertThat(j.at("/rate/pps").asDouble()).isPositive();
        assertThat(j.at("/rate/mbps").asDouble()).isPositive();
        assertThat(j.at("/epsilonNs/p50").asLong()).isLessThanOrEqualTo(j.at("/epsilonNs/p90").asLong());
        assertThat(j.at("/epsilonNs/p90").asLong()).isLessThanOrEqualTo(j.at("/epsilonNs/p99").asLong());
        assertThat(j.at("/epsilonNs/p99").asLong()).isLessThanOrEqualTo(j.at("/epsilonNs/p999").asLong());
        assertThat(j.at("/epsilonNs/p999").asLong()).isLessThanOrEqualTo(j.at("/epsilonNs/max").asLong());
        assertThat(j.at("/cpu/utilization").asDouble()).isPositive();
        assertThat(j.at("/mechanisms").toString()).contains("timer slack 1 ns");
    }

    @Test
    void shouldPrintTcpreplayStyleTextReport() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 500, 10_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", f.toString());
        assertThat(r.exitCode).isZero();
        assertThat(r.out).contains("Actual: 500 packets (37000 bytes) sent in").contains("Rated: ")
            .contains("Successful packets:        500").contains("Failed packets:            0")
            .contains("Send-time error (us): p50").contains("Late by more than 1 us")
            .contains("CPU utilisation").contains("Mechanisms in force");
    }

    @Test
    void shouldContinueTheTimeLineAcrossLoopsAndHonourLimit() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 100, 100_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--loop", "3", "--json", f.toString());
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(300);
        // 300 packets 100 us apart on one time line: 29.9 ms from first to last.
        assertThat(j.at("/durationNs").asLong()).isBetween(29_900_000L, 1_000_000_000L);
        ReplayRun limited = ReplayRun.of("--sink", "null", "--loop", "0", "--limit", "250", "--json", f.toString());
        assertThat(new ObjectMapper().readTree(limited.out).at("/packets/sent").asLong()).isEqualTo(250);
    }

    @Test
    void shouldStopAtDuration() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 1000, 1_000_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--duration", "50ms", "--json", f.toString());
        assertThat(new ObjectMapper().readTree(r.out).at("/packets/sent").asLong()).isEqualTo(50);
    }

    @Test
    void shouldHonourMultiplier() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 101, 1_000_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--multiplier", "4", "--json", f.toString());
        // 100 ms of schedule at 4x: 25 ms.
        assertThat(new ObjectMapper().readTree(r.out).at("/durationNs").asLong()).isBetween(24_900_000L, 60_000_000L);
    }

    @Test
    void shouldWritePcapSinkWithAsReplayedFramesAndSendTimes() throws Exception {
        Path f = PreparedTraces.write(dir.resolve("p.nvcr"), 300, 50_000, 400, true, 128);
        Path out = dir.resolve("out.pcap");
        ReplayRun r = ReplayRun.of("--sink", "pcap:" + out, f.toString());
        assertThat(r.exitCode).isZero();
        List<byte[]> expected = PreparedTraces.asReplayed(f);
        List<Long> times = new ArrayList<>();
        try (TraceInput in = TraceInput.open(out.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            int i = 0;
            while (rd.next(p)) {
                assertThat(Arrays.copyOf(p.data(), p.capturedLength())).as("frame %d", i).isEqualTo(expected.get(i));
                times.add(p.timestampNs);
                i++;
            }
            assertThat(i).isEqualTo(300);
        }
        // Stamped with actual send times: 50 us apart on average over the run, and recent.
        long span = times.get(299) - times.get(0);
        assertThat(span).isBetween(299L * 50_000, 299L * 50_000 + 500_000_000L);
        assertThat(times.get(0)).isGreaterThan(System.currentTimeMillis() * 1_000_000L - 600_000_000_000L);
    }

    @Test
    void shouldWriteEpsilonLogReadableByTheReader() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 400, 30_000, 32);
        Path log = dir.resolve("eps.bin");
        ReplayRun r = ReplayRun.of("--sink", "null", "--loop", "2", "--epsilon-log", log.toString(), f.toString());
        assertThat(r.exitCode).isZero();
        try (EpsilonLogReader rd = new EpsilonLogReader(log)) {
            assertThat(rd.count()).isEqualTo(800);
            long n = 0;
            long prevDeadline = -1;
            while (rd.next()) {
                assertThat(rd.index()).isEqualTo(n);
                assertThat(rd.deadlineNs()).isGreaterThan(prevDeadline);
                assertThat(rd.epsilonNs()).isGreaterThanOrEqualTo(0);
                prevDeadline = rd.deadlineNs();
                n++;
            }
            assertThat(n).isEqualTo(800);
            assertThat(rd.startRealtimeNs()).isGreaterThan(1_600_000_000_000_000_000L);
        }
        assertThat(Files.size(log)).isEqualTo(64 + 800 * 24);
    }
}
