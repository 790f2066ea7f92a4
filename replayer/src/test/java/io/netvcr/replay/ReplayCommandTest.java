package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.analyze.EpsilonLog;
import io.netvcr.analyze.EpsilonSample;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
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
        // 2000 packets 20 us apart: the run spans the schedule's 40 ms, give or take the first and last lateness.
        long max = j.at("/epsilonNs/max").asLong();
        assertThat(j.at("/durationNs").asLong()).isBetween(39_980_000L - max, 39_980_000L + max + 1_000_000L);
        assertThat(j.at("/rate/pps").asDouble()).isPositive();
        assertThat(j.at("/rate/mbps").asDouble()).isPositive();
        assertThat(j.at("/epsilonNs/p50").asLong())
                .isLessThanOrEqualTo(j.at("/epsilonNs/p90").asLong());
        assertThat(j.at("/epsilonNs/p90").asLong())
                .isLessThanOrEqualTo(j.at("/epsilonNs/p99").asLong());
        assertThat(j.at("/epsilonNs/p99").asLong())
                .isLessThanOrEqualTo(j.at("/epsilonNs/p999").asLong());
        assertThat(j.at("/epsilonNs/p999").asLong())
                .isLessThanOrEqualTo(j.at("/epsilonNs/max").asLong());
        assertThat(j.at("/cpu/utilization").asDouble()).isPositive();
        assertThat(j.at("/mechanisms").toString()).contains("timer slack 1 ns");
    }

    @Test
    void shouldPrintTcpreplayStyleTextReport() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 500, 10_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", f.toString());
        assertThat(r.exitCode).isZero();
        assertThat(r.out)
                .contains("Actual: 500 packets (37000 bytes) sent in")
                .contains("Rated: ")
                .contains("Successful packets:        500")
                .contains("Failed packets:            0")
                .contains("Send-time error (us): p50")
                .contains("Late by more than 1 us")
                .contains("CPU utilisation")
                .contains("Mechanisms in force");
    }

    @Test
    void shouldContinueTheTimeLineAcrossLoopsAndHonourLimit() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 100, 100_000, 32);
        Path log = dir.resolve("eps.bin");
        ReplayRun r =
                ReplayRun.of("--sink", "null", "--loop", "3", "--json", "--epsilon-log", log.toString(), f.toString());
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(300);
        assertThat(j.at("/loopsCompleted").asLong()).isEqualTo(3);
        // One time line: with no loop period in the header, a pass lasts the schedule plus one mean gap, so packet
        // k of pass p is due at (p * 100 + k) * 100 us, whatever lateness occurred.
        assertThat(deadlines(log))
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 300)
                        .map(i -> i * 100_000)
                        .boxed()
                        .toList());
        ReplayRun limited = ReplayRun.of("--sink", "null", "--loop", "0", "--limit", "250", "--json", f.toString());
        assertThat(new ObjectMapper().readTree(limited.out).at("/packets/sent").asLong())
                .isEqualTo(250);
    }

    @Test
    void shouldStopAtDuration() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 1000, 1_000_000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--duration", "50ms", "--json", f.toString());
        assertThat(new ObjectMapper().readTree(r.out).at("/packets/sent").asLong())
                .isEqualTo(50);
    }

    @Test
    void shouldHonourMultiplier() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 101, 1_000_000, 32);
        Path log = dir.resolve("eps.bin");
        ReplayRun r =
                ReplayRun.of("--sink", "null", "--multiplier", "4", "--epsilon-log", log.toString(), f.toString());
        assertThat(r.exitCode).isZero();
        // 1 ms gaps at 4x: due every 250 us.
        assertThat(deadlines(log))
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 101)
                        .map(i -> i * 250_000)
                        .boxed()
                        .toList());
    }

    private static List<Long> deadlines(Path log) throws Exception {
        List<Long> d = new ArrayList<>();
        try (EpsilonLog.Reader rd = EpsilonLog.Reader.open(log)) {
            EpsilonSample s = new EpsilonSample();
            long first = Long.MIN_VALUE;
            while (rd.next(s)) {
                if (first == Long.MIN_VALUE) {
                    first = s.deadlineNs;
                }
                d.add(s.deadlineNs - first);
            }
        }
        return d;
    }

    @Test
    void shouldWritePcapSinkWithAsReplayedFramesAndSendTimes() throws Exception {
        Path f = PreparedTraces.write(dir.resolve("p.nvcr"), 300, 50_000, 400, true, 128);
        Path out = dir.resolve("out.pcap");
        ReplayRun r = ReplayRun.of("--sink", "pcap:" + out, "--json", f.toString());
        assertThat(r.exitCode).isZero();
        long maxEps = new ObjectMapper().readTree(r.out).at("/epsilonNs/max").asLong();
        List<byte[]> expected = PreparedTraces.asReplayed(f);
        List<Long> times = new ArrayList<>();
        try (TraceInput in = TraceInput.open(out.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            int i = 0;
            while (rd.next(p)) {
                assertThat(Arrays.copyOf(p.data(), p.capturedLength()))
                        .as("frame %d", i)
                        .isEqualTo(expected.get(i));
                times.add(p.timestampNs);
                i++;
            }
            assertThat(i).isEqualTo(300);
        }
        // Stamped with actual send times: in order, spanning the schedule give or take lateness, and recent.
        assertThat(times).isSorted();
        long span = times.get(299) - times.get(0);
        assertThat(span).isBetween(299L * 50_000 - maxEps, 299L * 50_000 + maxEps + 1_000_000L);
        assertThat(times.get(0)).isGreaterThan(System.currentTimeMillis() * 1_000_000L - 600_000_000_000L);
    }

    @Test
    void shouldWriteEpsilonLogThatNetvcrAnalyzeReads() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 400, 30_000, 32);
        Path log = dir.resolve("eps.bin");
        ReplayRun r = ReplayRun.of("--sink", "null", "--loop", "2", "--epsilon-log", log.toString(), f.toString());
        assertThat(r.exitCode).isZero();
        try (EpsilonLog.Reader rd = EpsilonLog.Reader.open(log)) {
            assertThat(rd.count()).isEqualTo(800);
            EpsilonSample s = new EpsilonSample();
            long n = 0;
            long prevDeadline = Long.MIN_VALUE;
            while (rd.next(s)) {
                assertThat(s.index).isEqualTo(n % 400);
                assertThat(s.deadlineNs).isGreaterThan(prevDeadline);
                assertThat(s.epsilonNs).isEqualTo(s.actualNs - s.deadlineNs).isGreaterThanOrEqualTo(0);
                prevDeadline = s.deadlineNs;
                n++;
            }
            assertThat(n).isEqualTo(800);
        }
        assertThat(Files.size(log)).isEqualTo(16 + 800 * 40);
    }

    @Test
    void shouldMeasureEpsilonAfterTheSendCallWithEpsilonAtReturn() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 300, 50_000, 32);
        Path log = dir.resolve("ret.bin");
        ReplayRun r = ReplayRun.of(
                "--sink", "null", "--epsilon-at", "return", "--epsilon-log", log.toString(), "--json", f.toString());
        assertThat(r.exitCode).isZero();
        com.fasterxml.jackson.databind.JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/epsilonAt").asText()).isEqualTo("return");
        assertThat(j.at("/epsilonLog/records").asLong()).isEqualTo(300);
        assertThat(j.at("/epsilonLog/dropped").asLong()).isZero();
        try (EpsilonLog.Reader rd = EpsilonLog.Reader.open(log)) {
            EpsilonSample s = new EpsilonSample();
            long n = 0;
            while (rd.next(s)) {
                assertThat(s.returnNs).as("record %d: return after call", n).isGreaterThanOrEqualTo(s.callNs);
                assertThat(s.epsilonNs).isEqualTo(s.returnNs - s.deadlineNs);
                assertThat(s.callNs - s.deadlineNs).isGreaterThanOrEqualTo(0);
                n++;
            }
            assertThat(n).isEqualTo(300);
        }
        assertThat(ReplayRun.of("--sink", "null", "--epsilon-at", "later", f.toString()).exitCode)
                .isEqualTo(64);
    }

    @Test
    void shouldPrepareOnTheFlyWithPrepOrSayWhyNot() throws Exception {
        Path f = PreparedTraces.write(dir.resolve("raw.nvcr"), 50, 10_000, 32, false, 128);
        ReplayRun r = ReplayRun.of("--sink", "null", "--prep", "--json", f.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(new ObjectMapper().readTree(r.out).at("/packets/sent").asLong())
                .isEqualTo(50);
        // A file prep cannot read: the failure names the step and the file.
        Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        ReplayRun bad = ReplayRun.of("--sink", "null", "--prep", junk.toString());
        assertThat(bad.exitCode).as(bad.err).isEqualTo(65); // not a trace: bad data, never usage or success
        assertThat(bad.err).contains("--prep could not prepare " + junk);
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("netvcr-replay-"))
                            .filter(p -> Files.exists(p.resolve("prepared.nvcr"))))
                    .as("temporary prepared files removed")
                    .isEmpty();
        }
    }

    @Test
    void shouldPreloadAndListTheMechanism() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 3000, 1000, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--preload", "--json", f.toString());
        assertThat(r.exitCode).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(3000);
        assertThat(j.at("/mechanisms").toString()).contains("whole trace mapped and locked");
    }

    @Test
    void shouldRejectBadOptionsAsUsageErrors() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10, 1000, 32);
        assertThat(ReplayRun.of("--sink", "bogus:x", f.toString()).exitCode).isEqualTo(64);
        assertThat(ReplayRun.of("--sink", "null", "--timer", "nap", f.toString()).exitCode)
                .isEqualTo(64);
        assertThat(ReplayRun.of("--sink", "null", "--multiplier", "0", f.toString()).exitCode)
                .isEqualTo(64);
        // --window goes through cli-common's ByteSizeConverter: a size that is not positive, or not a size, is refused.
        ReplayRun zeroWindow = ReplayRun.of("--sink", "null", "--window", "0", f.toString());
        assertThat(zeroWindow.exitCode).isEqualTo(64);
        assertThat(zeroWindow.err).contains("--window", "positive");
        assertThat(ReplayRun.of("--sink", "null", "--window", "3 parsecs", f.toString()).exitCode)
                .isEqualTo(64);
        assertThat(ReplayRun.of("--sink", "null", "--interface", "nvcr-none0", f.toString()).err)
                .contains("either --interface or --sink");
        assertThat(ReplayRun.of("--sink", "udp:nohost", f.toString()).exitCode).isEqualTo(64);
        assertThat(ReplayRun.of("--sink", "null", "--send-mode", "turbo", f.toString()).err)
                .contains("unknown --send-mode 'turbo'");
        assertThat(ReplayRun.of("--sink", "null", "--send-mode", "ring", f.toString()).err)
                .contains("--send-mode ring needs --interface");
        assertThat(ReplayRun.of("--interface", "lo", "--batch", "0", f.toString()).exitCode)
                .isEqualTo(64);
    }

    @Test
    void shouldRefuseNonEthernetTraceOnAnInterface() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("raw-ip.nvcr"), 10, 1000, 32);
        io.netvcr.formats.nvcr.NvcrHeader h = io.netvcr.formats.nvcr.NvcrFile.readHeader(f);
        h.linkType = io.netvcr.formats.LinkTypes.RAW;
        try (java.nio.channels.FileChannel ch =
                java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(h.encode(), 0);
        }
        // refused before any socket is opened; the name exists nowhere, so nothing could be sent anyway
        ReplayRun r = ReplayRun.of("--interface", "nvcr-none0", f.toString());
        assertThat(r.exitCode).isEqualTo(64);
        assertThat(r.err).contains("sends Ethernet frames").contains("--link-ethernet");
    }

    @Test
    void shouldReplayAPcapWithPrepAndRefuseItWithout() throws Exception {
        Path pcap = dir.resolve("in.pcap");
        io.netvcr.samples.WorkloadGenerator.writePeriodicPcap(pcap, 40, 100_000, 32, PreparedTraces.BASE_TIME_NS);
        ReplayRun refused = ReplayRun.of("--sink", "null", pcap.toString());
        assertThat(refused.exitCode).isEqualTo(65);
        assertThat(refused.err)
                .contains("is not a NetVCR file")
                .contains("netvcr-prep")
                .contains("--prep");
        ReplayRun r = ReplayRun.of("--sink", "null", "--prep", "--json", pcap.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(new ObjectMapper().readTree(r.out).at("/packets/sent").asLong())
                .isEqualTo(40);
    }
}
