package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.testing.SharedTraces;
import io.netvcr.prep.PrepOptions;
import io.netvcr.prep.Preparer;
import io.netvcr.prep.Sharder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several shards in one process on one time line, and --start-at, without a network: sinks are pcap files and
 * null. The veth tests (root) are in {@link ShardedVethTest}.
 */
class ShardedReplayTest {
    @TempDir
    Path dir;

    /** A real shared trace prepared with --shards 2 by prep's own API; the shard files in order. */
    static List<Path> shards(Path dir, int n) throws Exception {
        Path src = SharedTraces.require().resolve("pcap/libtrace_100_packets.pcap");
        PrepOptions p = new PrepOptions();
        p.input = src.toString();
        p.output = dir.resolve("s.nvcr").toString();
        p.shards = n;
        Preparer.run(p, io.netvcr.cli.Progress.none());
        List<Path> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(Path.of(Sharder.shardName(p.output, i)));
        }
        return l;
    }

    static List<String> hex(List<byte[]> frames) {
        List<String> l = new ArrayList<>();
        for (byte[] f : frames) {
            l.add(java.util.HexFormat.of().formatHex(f));
        }
        return l;
    }

    static List<byte[]> read(Path pcap) throws Exception {
        List<byte[]> l = new ArrayList<>();
        try (TraceInput in = TraceInput.open(pcap.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            while (rd.next(p)) {
                l.add(Arrays.copyOf(p.data(), p.capturedLength()));
            }
        }
        return l;
    }

    @Test
    void shouldReplayTwoShardsEachIntoItsOwnSinkCompleteAndInOrderWithMergedTotals() throws Exception {
        List<Path> s = shards(dir, 2);
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        ReplayRun run = ReplayRun.of(
                "--json",
                "--sink",
                "pcap:" + a,
                "--sink",
                "pcap:" + b,
                s.get(0).toString(),
                s.get(1).toString());
        assertThat(run.exitCode).as(run.err).isZero();
        List<byte[]> e0 = PreparedTraces.asReplayed(s.get(0));
        List<byte[]> e1 = PreparedTraces.asReplayed(s.get(1));
        assertThat(e0).isNotEmpty();
        assertThat(e1).isNotEmpty();
        assertThat(hex(read(a))).containsExactlyElementsOf(hex(e0));
        assertThat(hex(read(b))).containsExactlyElementsOf(hex(e1));
        JsonNode j = new ObjectMapper().readTree(run.out);
        assertThat(j.at("/shards").size()).isEqualTo(2);
        assertThat(j.at("/shards/0/packets/sent").asLong()).isEqualTo(e0.size());
        assertThat(j.at("/shards/1/packets/sent").asLong()).isEqualTo(e1.size());
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(e0.size() + e1.size());
        assertThat(j.at("/bytes").asLong())
                .isEqualTo(j.at("/shards/0/bytes").asLong()
                        + j.at("/shards/1/bytes").asLong());
        assertThat(j.at("/epsilonNs/count").asLong()).isEqualTo(e0.size() + e1.size());
        assertThat(j.at("/epsilonNs/max").asLong())
                .isEqualTo(Math.max(
                        j.at("/shards/0/epsilonNs/max").asLong(),
                        j.at("/shards/1/epsilonNs/max").asLong()));
        // One time line: without --start-at both shards start at the point their shared gate fixed.
        assertThat(j.at("/shards/0/startRealtimeNs").asLong())
                .isEqualTo(j.at("/shards/1/startRealtimeNs").asLong())
                .isPositive();
        assertThat(j.at("/shards/0/start").isMissingNode())
                .as("no --start-at: no instant to be late for")
                .isTrue();
        // Each sending thread's preemptions (from /proc), summed in the merge.
        assertThat(j.at("/shards/0/cpu/senderPreemptions").asLong(-1)).isNotNegative();
        assertThat(j.at("/cpu/senderPreemptions").asLong())
                .isEqualTo(j.at("/shards/0/cpu/senderPreemptions").asLong()
                        + j.at("/shards/1/cpu/senderPreemptions").asLong());
        assertThat(j.at("/outcome").asText()).isEqualTo("completed");
    }

    @Test
    void shouldStartOneShardAtTheGivenInstantAndReportHowLate() throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("p.nvcr"), 50, 100_000, 64);
        Instant at = Instant.now().plusSeconds(4);
        long atNs = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        ReplayRun run = ReplayRun.of("--json", "--sink", "null", "--start-at", at.toString(), t.toString());
        long after = System.currentTimeMillis() * 1_000_000L;
        assertThat(run.exitCode).as(run.err).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out);
        assertThat(j.at("/start/atNs").asLong()).isEqualTo(atNs);
        assertThat(j.at("/start/clock").asText()).isEqualTo("realtime");
        assertThat(j.at("/start/lateNs").asLong()).isNotNegative();
        // The instant was approached by a spin, whose longest stall (the sender not running) is reported.
        assertThat(j.at("/start/spinStallNs").asLong(-1)).isNotNegative();
        assertThat(j.at("/mechanisms").toString()).contains("start approached by spinning");
        assertThat(j.at("/startRealtimeNs").asLong()).isEqualTo(atNs);
        assertThat(after).as("the replay waited for the instant").isGreaterThan(atNs);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(50);
        assertThat(j.has("shards")).as("one shard: today's report").isFalse();
    }

    @Test
    void shouldRefuseAnInstantInThePastWith64() throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("p.nvcr"), 5, 100_000, 64);
        ReplayRun run = ReplayRun.of("--sink", "null", "--start-at", "2020-01-01T00:00:00.000000000Z", t.toString());
        assertThat(run.exitCode).isEqualTo(64);
        assertThat(run.err).contains("in the past");
        ReplayRun ahead = ReplayRun.of(
                "--sink",
                "null",
                "--clock",
                "tai",
                "--start-at",
                Instant.now().plusSeconds(3 * 24 * 3600).toString(),
                t.toString());
        assertThat(ahead.exitCode).isEqualTo(64);
        assertThat(ahead.err).contains("24 h");
    }

    @Test
    void shouldRefuseCpuCountNotMatchingShardsWith64() throws Exception {
        Path t0 = PreparedTraces.periodic(dir.resolve("p0.nvcr"), 5, 100_000, 64);
        Path t1 = PreparedTraces.periodic(dir.resolve("p1.nvcr"), 5, 100_000, 64);
        ReplayRun run = ReplayRun.of("--sink", "null", "--cpus", "0,1,0", t0.toString(), t1.toString());
        assertThat(run.exitCode).isEqualTo(64);
        assertThat(run.err).contains("--cpus lists 3 CPUs for 2 shards");
    }

    @Test
    void shouldRefusePerShardPcapSinksNamingOneFileWith64() throws Exception {
        Path t0 = PreparedTraces.periodic(dir.resolve("p0.nvcr"), 5, 100_000, 64);
        Path t1 = PreparedTraces.periodic(dir.resolve("p1.nvcr"), 5, 100_000, 64);
        Path x = dir.resolve("x.pcap");
        ReplayRun once = ReplayRun.of("--sink", "pcap:" + x, t0.toString(), t1.toString());
        assertThat(once.exitCode).isEqualTo(64);
        assertThat(once.err).contains("two outputs");
        ReplayRun twice = ReplayRun.of(
                "--sink",
                "pcap:" + x,
                "--sink",
                "pcap:" + dir.resolve(".").resolve("x.pcap"),
                t0.toString(),
                t1.toString());
        assertThat(twice.exitCode).isEqualTo(64);
        assertThat(Files.exists(x)).isFalse();
    }

    @Test
    void shouldStopTheOtherShardsWhenOneFailsAndEndWithItsExitCode() throws Exception {
        Path ok = PreparedTraces.periodic(dir.resolve("ok.nvcr"), 3_000, 1_000_000, 64);
        Path t1 = PreparedTraces.periodic(dir.resolve("p1.nvcr"), 3_000, 1_000_000, 64);
        // Shard 1 sends to a UDP port nobody listens on: with --stop-on-error its second send fails (ECONNREFUSED).
        int closed;
        try (java.net.DatagramSocket probe =
                new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        ReplayRun run = ReplayRun.of(
                "--json",
                "--stop-on-error",
                "--sink",
                "null",
                "--sink",
                "udp:127.0.0.1:" + closed,
                ok.toString(),
                t1.toString());
        JsonNode j = new ObjectMapper().readTree(run.out);
        assertThat(run.exitCode)
                .as(run.err)
                .isEqualTo(j.at("/shards/1/exitCode").asInt())
                .isNotIn(0, 130, 143);
        assertThat(j.at("/outcome").asText()).isEqualTo("failed");
        assertThat(j.at("/shards/0/outcome").asText()).isEqualTo("stopped");
        assertThat(j.at("/shards/0/stopReason").asText()).contains("shard 1");
        assertThat(j.at("/shards/0/packets/sent").asLong())
                .as("stopped long before its 3 s")
                .isLessThan(3_000);
    }

    @Test
    void shouldEndWithTheReportAnd143WhenStoppedWhileWaitingForTheInstant() throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("p.nvcr"), 50, 100_000, 64);
        Instant at = Instant.now().plusSeconds(60);
        long atNs = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        Process p = new ProcessBuilder(io.netvcr.formats.testing.ChildTool.command(
                        List.of(),
                        ReplayCommand.class.getName(),
                        "--json",
                        "--sink",
                        "null",
                        "--start-at",
                        at.toString(),
                        t.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            // The sending thread exists once the signal handlers are installed; give it time to reach the wait.
            long deadline = System.nanoTime() + 40_000_000_000L;
            while (!hasThread(p.pid(), "netvcr-send") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(3_000);
            ChildReplay.signal(p, "TERM");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(System.currentTimeMillis() * 1_000_000L)
                    .as("did not wait for the instant")
                    .isLessThan(atNs);
            assertThat(p.exitValue()).as(out).isEqualTo(143);
            JsonNode j = new ObjectMapper().readTree(out);
            assertThat(j.at("/outcome").asText()).isEqualTo("stopped");
            assertThat(j.at("/packets/sent").asLong()).isZero();
            assertThat(j.at("/stopReason").asText()).contains("SIGTERM");
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean hasThread(long pid, String name) {
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.anyMatch(task -> {
                try {
                    return Files.readString(task.resolve("comm")).trim().equals(name);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
