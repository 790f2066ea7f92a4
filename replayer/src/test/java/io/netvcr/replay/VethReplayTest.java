package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.testing.ChildTool;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.replay.os.TcpdumpCapture;
import io.netvcr.replay.os.VethNamespaces;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real frames on a real wire: a veth pair between two namespaces this test makes (and removes), raw socket in
 * one, tcpdump in the other. Every frame must arrive, in order, byte-identical to what FrameBuilder built.
 */
class VethReplayTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needRootAndTools() {
        String why = VethNamespaces.unavailableReason();
        Prerequisites.require(why == null, "veth replay test skipped: " + why);
        String noTcpdump = TcpdumpCapture.unavailableReason();
        Prerequisites.require(noTcpdump == null, "veth replay test skipped: " + noTcpdump);
    }

    @Test
    void shouldDeliverEverySyntheticFrameInOrderByteIdentical() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("p.nvcr"), 2000, 100_000, 64);
        replayAndCompare(trace, "--timer", "hybrid");
    }

    /** send-mode single sends whole-frame records from the mapped window (no copy), also across small windows. */
    @Test
    void shouldDeliverWholeFrameRecordsSentFromTheMappingOneByOne() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("s.nvcr"), 1000, 50_000, 64);
        ReplayRun run = replayAndCompare(trace, "--send-mode", "single", "--window", "16k", "--timer", "spin");
        assertThat(run.out).contains("sent straight from the mapped trace");
    }

    @Test
    void shouldDeliverPaddedTruncatedRecordsAsBuilt() throws Exception {
        // 64 stored bytes of 1000-byte frames: the replayer pads each to its send length; the bytes on the wire
        // are FrameBuilder's, zeros after the stored part.
        Path trace = PreparedTraces.write(dir.resolve("t.nvcr"), 500, 200_000, 958, true, 64);
        replayAndCompare(trace, "--timer", "spin", "--window", "16k");
    }

    @Test
    void shouldDeliverEveryFrameInOrderByteIdenticalWithSendmmsgBatches() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("m.nvcr"), 1000, 100_000, 64);
        ReplayRun run = replayAndCompare(trace, "--send-mode", "mmsg", "--topspeed", "--batch", "16");
        assertThat(run.out).contains("sendmmsg").contains("Send mode: mmsg");
        assertThat(sendCalls(run))
                .as("send calls for 1000 frames in batches of 16")
                .isBetween(63L, 100L);
    }

    @Test
    void shouldDeliverPaddedFramesInOrderByteIdenticalThroughTheTxRing() throws Exception {
        // 64 stored bytes of 1000-byte frames: the ring slots are reused (512 slots, 1200 frames), so each slot's
        // padding must be zeroed exactly where the previous frame in it left bytes.
        Path trace = PreparedTraces.write(dir.resolve("r.nvcr"), 1200, 50_000, 958, true, 64);
        ReplayRun run = replayAndCompare(trace, "--send-mode", "ring", "--topspeed", "--batch", "8");
        assertThat(run.out).contains("PACKET_MMAP TX ring").contains("Send mode: ring");
        assertThat(sendCalls(run)).isBetween(150L, 1200L);
    }

    @Test
    void shouldDeliverVaryingFramesThroughTheTxRingTimed() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("rt.nvcr"), 600, 200_000, 64);
        replayAndCompare(trace, "--send-mode", "ring", "--timer", "hybrid");
    }

    @Test
    void shouldSendOncePerDeadlineInAutoModeWhenTimedAndBatchAtTopSpeed() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("a.nvcr"), 1000, 500_000, 64);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-test")) {
            ReplayRun timed = ReplayRun.of(
                    "--netns", veth.namespaceA(), "--interface", veth.interfaceA(), "--json", trace.toString());
            ReplayRun fast = ReplayRun.of(
                    "--netns",
                    veth.namespaceA(),
                    "--interface",
                    veth.interfaceA(),
                    "--topspeed",
                    "--json",
                    trace.toString());
            assertThat(timed.exitCode).as(timed.err).isZero();
            assertThat(fast.exitCode).as(fast.err).isZero();
            com.fasterxml.jackson.databind.JsonNode t =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(timed.out);
            com.fasterxml.jackson.databind.JsonNode f =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(fast.out);
            assertThat(t.get("sendMode").asText()).isEqualTo("auto");
            assertThat(t.at("/packets/sent").asLong()).isEqualTo(1000);
            // Timed: a frame joins a batch only if it was already due when the one before it went out, i.e. that
            // one was at least a gap (500 us) late: multi-frame calls are bounded by the packets that late.
            long multi = t.at("/batches/multiFrameCalls").asLong();
            assertThat(multi)
                    .as("multi-frame send calls in a timed replay")
                    .isLessThanOrEqualTo(t.at("/late/over100us").asLong());
            assertThat(t.get("sendCalls").asLong()).isGreaterThanOrEqualTo(1000 - 32 * multi);
            assertThat(t.at("/timing/marginNs").asLong()).isBetween(10_000L, 2_000_000L);
            assertThat(f.at("/packets/sent").asLong()).isEqualTo(1000);
            assertThat(f.get("sendCalls").asLong())
                    .as("top speed: batches of 32")
                    .isBetween(32L, 100L);
        }
    }

    @Test
    void shouldSendBatchesUnderEpsilonGcWithoutRunningOutOfHeap() throws Exception {
        // Epsilon GC never frees: 4,000,000 frames through each batching mode in a 96 MB heap prove no per-packet
        // garbage (set-up takes ~48 MB and the --json report ~16 MB, Jackson's first use; even one 16-byte object
        // per frame would need 64 MB more).
        Path trace = PreparedTraces.write(dir.resolve("e.nvcr"), 10_000, 1000, 958, true, 64);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-test")) {
            for (String mode : new String[] {"mmsg", "ring"}) {
                List<String> cmd = ChildTool.command(
                        List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC", "-Xmx96m"),
                        ReplayCommand.class.getName(),
                        "--netns",
                        veth.namespaceA(),
                        "--interface",
                        veth.interfaceA(),
                        "--send-mode",
                        mode,
                        "--topspeed",
                        "--loop",
                        "400",
                        "--json",
                        trace.toString());
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                boolean done = p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS);
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!done) {
                    p.destroyForcibly();
                }
                assertThat(done).as("child finished").isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out)
                        .contains("\"sent\" : 4000000")
                        .contains("\"sendMode\" : \"" + mode + "\"")
                        .doesNotContain("OutOfMemoryError");
            }
        }
    }

    private static long sendCalls(ReplayRun run) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+) send calls").matcher(run.out);
        assertThat(m.find()).as(run.out).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void shouldDeliverThroughLibpcapSinkToo() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("l.nvcr"), 200, 500_000, 64);
        replayAndCompare(trace, true, "--timer", "sleep");
    }

    @Test
    void shouldSendUdpPayloadsInsideANamespace() throws Exception {
        Prerequisites.require(
                new java.io.File("/usr/bin/python3").canExecute(), "python3 not installed: UDP sink test skipped");
        Path trace = PreparedTraces.periodic(dir.resolve("u.nvcr"), 100, 1_000_000, 40);
        List<byte[]> frames = PreparedTraces.asReplayed(trace);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-test")) {
            new ProcessBuilder("ip", "-n", veth.namespaceA(), "link", "set", "lo", "up")
                    .start()
                    .waitFor();
            // A receiver inside namespace A prints each datagram as hex; the replay's sending thread joins A too.
            String py =
                    "import socket,sys\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('127.0.0.1',39999))\n"
                            + "s.settimeout(20)\nprint('ready',flush=True)\nfor i in range(100):\n  print(s.recv(65535).hex(),flush=True)\n";
            Process rx = new ProcessBuilder("ip", "netns", "exec", veth.namespaceA(), "python3", "-c", py).start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(rx.getInputStream()))) {
                assertThat(out.readLine()).isEqualTo("ready");
                ReplayRun run =
                        ReplayRun.of("--netns", veth.namespaceA(), "--sink", "udp:127.0.0.1:39999", trace.toString());
                assertThat(run.exitCode).as(run.err).isZero();
                for (int i = 0; i < 100; i++) {
                    byte[] f = frames.get(i);
                    // UDP payload: after Ethernet (14) + IPv4 (20) + UDP (8), up to the IP total length (no padding).
                    byte[] payload = Arrays.copyOfRange(f, 42, 42 + 40);
                    assertThat(out.readLine())
                            .as("datagram %d", i)
                            .isEqualTo(java.util.HexFormat.of().formatHex(payload));
                }
            } finally {
                rx.destroyForcibly();
            }
        }
    }

    @Test
    void shouldStopWithReportAndExit74WhenTheInterfaceIsDown() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("d.nvcr"), 50, 100_000, 32);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-test")) {
            new ProcessBuilder("ip", "-n", veth.namespaceA(), "link", "set", veth.interfaceA(), "down")
                    .start()
                    .waitFor();
            // One frame per call, so exactly the first frame is attempted and fails (a batch would fail as a whole).
            ReplayRun run = ReplayRun.of(
                    "--netns",
                    veth.namespaceA(),
                    "--interface",
                    veth.interfaceA(),
                    "--send-mode",
                    "single",
                    trace.toString());
            assertThat(run.exitCode).isEqualTo(74);
            assertThat(run.out)
                    .contains("Actual: 0 packets")
                    .contains("Failed packets:            1")
                    .contains("stopped: send to " + veth.interfaceA() + " failed with ENETDOWN");
        }
    }

    private ReplayRun replayAndCompare(Path trace, String... extra) throws Exception {
        return replayAndCompare(trace, false, extra);
    }

    private ReplayRun replayAndCompare(Path trace, boolean libpcap, String... extra) throws Exception {
        List<byte[]> expected = PreparedTraces.asReplayed(trace);
        Path cap = dir.resolve("rx.pcap");
        ReplayRun run;
        try (VethNamespaces veth = VethNamespaces.create("nvcr-test")) {
            try (TcpdumpCapture tcpdump = TcpdumpCapture.start(veth.namespaceB(), veth.interfaceB(), cap)) {
                String[] target = libpcap
                        ? new String[] {"--sink", "libpcap:" + veth.interfaceA()}
                        : new String[] {"--interface", veth.interfaceA()};
                String[] args = concat(
                        new String[] {"--netns", veth.namespaceA()}, target, extra, new String[] {trace.toString()});
                run = ReplayRun.of(args);
                tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(expected), 3_000, 60_000);
                tcpdump.stop();
                System.err.print(tcpdump.stderr());
            }
        }
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out)
                .contains("Successful packets:        " + expected.size())
                .contains(libpcap ? "libpcap injection" : "AF_PACKET raw socket bound to")
                .contains("network namespace");
        int i = 0;
        try (TraceInput in = TraceInput.open(cap.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            while (rd.next(p)) {
                assertThat(i).as("more frames captured than sent").isLessThan(expected.size());
                assertThat(Arrays.copyOf(p.data(), p.capturedLength()))
                        .as("frame %d", i)
                        .isEqualTo(expected.get(i));
                i++;
            }
        }
        assertThat(i).as("frames captured").isEqualTo(expected.size());
        return run;
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
