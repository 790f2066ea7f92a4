package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.replay.os.TcpdumpCapture;
import io.netvcr.replay.os.VethNamespaces;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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
        Assumptions.assumeTrue(why == null, "veth replay test skipped: " + why);
        String noTcpdump = TcpdumpCapture.unavailableReason();
        Assumptions.assumeTrue(noTcpdump == null, "veth replay test skipped: " + noTcpdump);
    }

    @Test
    void shouldDeliverEverySyntheticFrameInOrderByteIdentical() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("p.nvcr"), 2000, 100_000, 64);
        replayAndCompare(trace, "--timer", "hybrid");
    }

    @Test
    void shouldDeliverPaddedTruncatedRecordsAsBuilt() throws Exception {
        // 64 stored bytes of 1000-byte frames: the replayer pads each to its send length; the bytes on the wire
        // are FrameBuilder's, zeros after the stored part.
        Path trace = PreparedTraces.write(dir.resolve("t.nvcr"), 500, 200_000, 958, true, 64);
        replayAndCompare(trace, "--timer", "spin", "--window", "16k");
    }

    @Test
    void shouldDeliverThroughLibpcapSinkToo() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("l.nvcr"), 200, 500_000, 64);
        replayAndCompare(trace, true, "--timer", "sleep");
    }

    @Test
    void shouldSendUdpPayloadsInsideANamespace() throws Exception {
        Assumptions.assumeTrue(new java.io.File("/usr/bin/python3").canExecute(), "python3 not installed: UDP sink test skipped");
        Path trace = PreparedTraces.periodic(dir.resolve("u.nvcr"), 100, 1_000_000, 40);
        List<byte[]> frames = PreparedTraces.asReplayed(trace);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-test")) {
            new ProcessBuilder("ip", "-n", veth.namespaceA(), "link", "set", "lo", "up").start().waitFor();
            // A receiver inside namespace A prints each datagram as hex; the replay's sending thread joins A too.
            String py = "import socket,sys\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('127.0.0.1',39999))\n"
                + "s.settimeout(20)\nprint('ready',flush=True)\nfor i in range(100):\n  print(s.recv(65535).hex(),flush=True)\n";
            Process rx = new ProcessBuilder("ip", "netns", "exec", veth.namespaceA(), "python3", "-c", py).start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(rx.getInputStream()))) {
                assertThat(out.readLine()).isEqualTo("ready");
                ReplayRun run = ReplayRun.of("--netns", veth.namespaceA(), "--sink", "udp:127.0.0.1:39999", trace.toString());
                assertThat(run.exitCode).as(run.err).isZero();
                for (int i = 0; i < 100; i++) {
                    byte[] f = frames.get(i);
                    // UDP payload: after Ethernet (14) + IPv4 (20) + UDP (8), up to the IP total length (no padding).
                    byte[] payload = Arrays.copyOfRange(f, 42, 42 + 40);
                    assertThat(out.readLine()).as("datagram %d", i).isEqualTo(java.util.HexFormat.of().formatHex(payload));
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
            new ProcessBuilder("ip", "-n", veth.namespaceA(), "link", "set", veth.interfaceA(), "down").start().waitFor();
            ReplayRun run = ReplayRun.of("--netns", veth.namespaceA(), "--interface", veth.interfaceA(), trace.toString());
            assertThat(run.exitCode).isEqualTo(74);
            assertThat(run.out).contains("Actual: 0 packets").contains("Failed packets:            1")
                .contains("stopped: send to " + veth.interfaceA() + " failed with ENETDOWN");
        }
    }

    private void replayAndCompare(Path trace, String... extra) throws Exception {
        replayAndCompare(trace, false, extra);
    }

    private void replayAndCompare(Path trace, boolean libpcap, String... extra) throws Exception {
        List<byte[]> expected = PreparedTraces.asReplayed(trace);
        Path cap = dir.resolve("rx.pcap");
        ReplayRun run;
        try (VethNamespaces veth = VethNamespaces.create("nvcr-test")) {
            try (TcpdumpCapture tcpdump = TcpdumpCapture.start(veth.namespaceB(), veth.interfaceB(), cap)) {
                String[] target = libpcap ? new String[] {"--sink", "libpcap:" + veth.interfaceA()}
                    : new String[] {"--interface", veth.interfaceA()};
                String[] args = concat(new String[] {"--netns", veth.namespaceA()}, target, extra, new String[] {trace.toString()});
                run = ReplayRun.of(args);
                tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(expected), 3_000, 60_000);
                tcpdump.stop();
                System.err.print(tcpdump.stderr());
            }
        }
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("Successful packets:        " + expected.size())
            .contains(libpcap ? "libpcap injection" : "AF_PACKET raw socket bound to").contains("network namespace");
        int i = 0;
        try (TraceInput in = TraceInput.open(cap.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            while (rd.next(p)) {
                assertThat(i).as("more frames captured than sent").isLessThan(expected.size());
                assertThat(Arrays.copyOf(p.data(), p.capturedLength())).as("frame %d", i).isEqualTo(expected.get(i));
                i++;
            }
        }
        assertThat(i).as("frames captured").isEqualTo(expected.size());
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
