package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.testing.ChildTool;
import io.netvcr.prep.FiveTuple;
import io.netvcr.replay.os.TcpdumpCapture;
import io.netvcr.replay.os.VethNamespaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharded replay on the wire (veth pairs in private namespaces; root): two shards of a real trace in one process
 * onto one veth arrive complete with every flow in its original order, and two replayer processes in two sender
 * namespaces started with one --start-at both start on time. How close together they start is a timing figure:
 * bench/shards measures it.
 */
class ShardedVethTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needRootAndTools() {
        String why = VethNamespaces.unavailableReason();
        Assumptions.assumeTrue(why == null, "sharded veth test skipped: " + why);
        String noTcpdump = TcpdumpCapture.unavailableReason();
        Assumptions.assumeTrue(noTcpdump == null, "sharded veth test skipped: " + noTcpdump);
    }

    /** Frames grouped by flow (prep's symmetric flow key; non-IP frames form one group), each group in order. */
    static Map<String, List<String>> byFlow(List<byte[]> frames) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        FrameDissector d = new FrameDissector();
        FiveTuple k = new FiveTuple();
        for (byte[] f : frames) {
            d.dissect(f, f.length, LinkTypes.ETHERNET);
            k.of(f, f.length, d);
            String key = k.ip ? k.protocol + ":" + Long.toHexString(k.symmetricHash()) : "non-ip";
            m.computeIfAbsent(key, x -> new ArrayList<>())
                    .add(java.util.HexFormat.of().formatHex(f));
        }
        return m;
    }

    @Test
    void shouldDeliverTwoShardsOfARealTraceCompleteWithEveryFlowInOrder() throws Exception {
        List<Path> s = ShardedReplayTest.shards(dir, 2);
        List<byte[]> e0 = PreparedTraces.asReplayed(s.get(0));
        List<byte[]> e1 = PreparedTraces.asReplayed(s.get(1));
        List<byte[]> all = new ArrayList<>(e0);
        all.addAll(e1);
        Path cap = dir.resolve("rx.pcap");
        ReplayRun run;
        try (VethNamespaces veth = VethNamespaces.create("nvcr-sh")) {
            try (TcpdumpCapture tcpdump = TcpdumpCapture.start(veth.namespaceB(), veth.interfaceB(), cap)) {
                run = ReplayRun.of(
                        "--json",
                        "--netns",
                        veth.namespaceA(),
                        "--interface",
                        veth.interfaceA(),
                        s.get(0).toString(),
                        s.get(1).toString());
                tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(all), 3_000, 60_000);
                tcpdump.stop();
            }
        }
        assertThat(run.exitCode).as(run.err).isZero();
        List<byte[]> rx = ShardedReplayTest.read(cap);
        assertThat(rx).as("every frame of both shards arrived, nothing else").hasSize(all.size());
        Map<String, List<String>> got = byFlow(rx);
        Map<String, List<String>> want = new LinkedHashMap<>(byFlow(e0));
        for (Map.Entry<String, List<String>> f : byFlow(e1).entrySet()) {
            assertThat(want).as("flow %s in one shard only", f.getKey()).doesNotContainKey(f.getKey());
            want.put(f.getKey(), f.getValue());
        }
        assertThat(want.size()).as("a many-flow trace").isGreaterThan(10);
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
        for (Map.Entry<String, List<String>> f : want.entrySet()) {
            assertThat(got.get(f.getKey()))
                    .as("flow %s frames in their original order", f.getKey())
                    .containsExactlyElementsOf(f.getValue());
        }
        JsonNode j = new ObjectMapper().readTree(run.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(all.size());
    }

    @Test
    void shouldStartTwoProcessesInTwoNamespacesAtTheSameInstant() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("p.nvcr"), 20, 1_000_000, 64);
        List<byte[]> expected = PreparedTraces.asReplayed(trace);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-sa")) {
            VethNamespaces.Peer second = veth.addSender();
            Path cap1 = dir.resolve("rx1.pcap");
            Path cap2 = dir.resolve("rx2.pcap");
            Process p1 = null;
            Process p2 = null;
            long atNs;
            try (TcpdumpCapture t1 = TcpdumpCapture.start(veth.namespaceB(), veth.interfaceB(), cap1);
                    TcpdumpCapture t2 = TcpdumpCapture.start(veth.namespaceB(), second.receivingInterface(), cap2)) {
                // Taken once the namespaces and captures are up (seconds under load), and far enough ahead for
                // two JVMs to start and warm up at load 20: 12 s from before the set-up was missed by 0.5 s there.
                Instant at = Instant.now().plusSeconds(20);
                atNs = at.getEpochSecond() * 1_000_000_000L + at.getNano();
                p1 = child(
                        "--netns",
                        veth.namespaceA(),
                        "--interface",
                        veth.interfaceA(),
                        "--start-at",
                        at.toString(),
                        trace.toString());
                p2 = child(
                        "--netns",
                        second.namespace(),
                        "--interface",
                        second.sendingInterface(),
                        "--start-at",
                        Long.toString(atNs),
                        trace.toString());
                String out1 = new String(p1.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String out2 = new String(p2.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p1.waitFor(120, TimeUnit.SECONDS) && p2.waitFor(120, TimeUnit.SECONDS))
                        .isTrue();
                t1.awaitFileSize(TcpdumpCapture.pcapSize(expected), 2_000, 30_000);
                t2.awaitFileSize(TcpdumpCapture.pcapSize(expected), 2_000, 30_000);
                t1.stop();
                t2.stop();
                assertThat(p1.exitValue()).as(out1).isZero();
                assertThat(p2.exitValue()).as(out2).isZero();
                for (String out : List.of(out1, out2)) {
                    JsonNode j = new ObjectMapper().readTree(out);
                    assertThat(j.at("/start/atNs").asLong()).isEqualTo(atNs);
                    assertThat(j.at("/start/lateNs").asLong())
                            .as("started, not before the instant")
                            .isNotNegative();
                    assertThat(j.at("/packets/sent").asLong()).isEqualTo(expected.size());
                }
            } finally {
                // nothing left running when an assertion failed first
                for (Process p : new Process[] {p1, p2}) {
                    if (p != null) {
                        p.destroyForcibly();
                    }
                }
            }
            for (Path cap : List.of(cap1, cap2)) {
                long first = firstTimestamp(cap);
                assertThat(first).as("first frame captured in %s", cap).isPositive();
                // Never before the instant (the namespaces share CLOCK_REALTIME); how soon after is bench/shards'
                // figure.
                assertThat(first - atNs).as("first frame - start instant (ns)").isGreaterThan(-5_000L);
            }
        }
    }

    private static Process child(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("--json"));
        a.addAll(List.of(args));
        return new ProcessBuilder(ChildTool.command(List.of(), ReplayCommand.class.getName(), a.toArray(String[]::new)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static long firstTimestamp(Path pcap) throws Exception {
        try (TraceInput in = TraceInput.open(pcap.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            return rd.next(p) ? p.timestampNs : -1;
        }
    }
}
