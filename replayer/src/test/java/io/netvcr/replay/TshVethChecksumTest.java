package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.formats.testing.SharedTraces;
import io.netvcr.prep.PrepOptions;
import io.netvcr.prep.PrepResult;
import io.netvcr.prep.Preparer;
import io.netvcr.prep.Ratio;
import io.netvcr.prep.ScheduleMode;
import io.netvcr.replay.os.TcpdumpCapture;
import io.netvcr.replay.os.VethNamespaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's header traces end to end: each NLANR TSH trace of the corpus (and the gzip one), prepared straight
 * from the raw file (Ethernet header added, TCP completed from TSH's 16 stored bytes, checksums precomputed),
 * replayed over a veth pair between two namespaces this test makes, captured by tcpdump on the far side. Every
 * frame arrives, byte-identical to FrameBuilder's, and tshark at the receiver finds no bad IPv4, TCP, UDP or
 * ICMP checksum and no malformed IP/transport header, except in frames prep counted as untouched.
 */
class TshVethChecksumTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> tshTracesArriveWithGoodChecksums() {
        Path root = SharedTraces.require();
        List<Path> traces = new ArrayList<>(SharedTraces.files("tsh"));
        Path gz = root.resolve("compressed/libtrace_10_packets.tsh.gz");
        if (Files.isRegularFile(gz)) {
            traces.add(gz);
        }
        return traces.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> check(t)));
    }

    private void check(Path trace) throws Exception {
        String why = VethNamespaces.unavailableReason();
        Prerequisites.require(why == null, "TSH veth test skipped: " + why);
        String noTcpdump = TcpdumpCapture.unavailableReason();
        Prerequisites.require(noTcpdump == null, "TSH veth test skipped: " + noTcpdump);
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed: skipped");

        Path prepared = dir.resolve(trace.getFileName() + ".nvcr");
        PrepOptions o = new PrepOptions();
        o.input = trace.toString();
        o.format = "tsh";
        o.output = prepared.toString();
        o.scheduleMode = ScheduleMode.PPS;
        o.rate = Ratio.parse("--pps", "20000");
        PrepResult r = Preparer.run(o, Progress.none());
        assertThat(r.packets).isPositive();
        List<Boolean> untouched = new ArrayList<>();
        try (NvcrFile f = NvcrFile.open(prepared)) {
            NvcrRecord rec = new NvcrRecord();
            for (long i = 0; i < f.count(); i++) {
                f.record(i, rec);
                untouched.add((rec.flags() & PacketFlags.CHECKSUMS_UNTOUCHED) != 0);
            }
        }
        List<byte[]> expected = PreparedTraces.asReplayed(prepared);
        Path cap = dir.resolve(trace.getFileName() + ".rx.pcap");
        ReplayRun run;
        try (VethNamespaces veth = VethNamespaces.create("nvcr-tsh")) {
            try (TcpdumpCapture tcpdump = TcpdumpCapture.start(veth.namespaceB(), veth.interfaceB(), cap)) {
                run = ReplayRun.of("--netns", veth.namespaceA(), "--interface", veth.interfaceA(), prepared.toString());
                tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(expected), 3_000, 60_000);
                tcpdump.stop();
            }
        }
        assertThat(run.exitCode).as(run.err).isZero();
        int i = 0;
        try (TraceInput in = TraceInput.open(cap.toString(), null, new ReaderOptions())) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                assertThat(i).as("more frames captured than sent").isLessThan(expected.size());
                assertThat(Arrays.copyOf(p.data(), p.capturedLength()))
                        .as("frame %d", i)
                        .isEqualTo(expected.get(i));
                i++;
            }
        }
        assertThat(i).as("frames captured at the receiver").isEqualTo(expected.size());

        List<String> failures = new ArrayList<>();
        int tcpGood = 0;
        int tcpFrames = 0;
        for (String line : tshark(cap)) {
            String[] f = line.split("\t", -1);
            int n = Integer.parseInt(f[0]) - 1;
            boolean bad = false;
            for (int c = 1; c <= 4; c++) {
                bad |= Arrays.asList(f[c].split(",")).contains("0");
            }
            String[] layers = f[6].split(":");
            String last = layers[layers.length - 1];
            boolean malformed = !f[5].isEmpty()
                    && List.of("eth", "ethertype", "ip", "tcp", "udp", "icmp").contains(last);
            if ((bad || malformed) && !untouched.get(n)) {
                failures.add("frame " + (n + 1) + ": " + line);
            }
            if (!f[2].isEmpty()) {
                tcpFrames++;
                tcpGood += f[2].equals("1") ? 1 : 0;
            }
        }
        System.out.printf(
                "%s: %d frames over veth, %d TCP checksums good at the receiver, %d untouched%n",
                trace.getFileName(), i, tcpGood, r.checksumsUntouched);
        assertThat(failures)
                .as("frames with a bad checksum or malformed header at the receiver")
                .isEmpty();
        assertThat(tcpGood)
                .as("TCP frames tshark verified good: all of them (TSH stores 16 TCP bytes)")
                .isPositive()
                .isEqualTo(tcpFrames);
    }

    private static List<String> tshark(Path cap) throws Exception {
        Process p = new ProcessBuilder(
                        "tshark",
                        "-n",
                        "-r",
                        cap.toString(),
                        "-o",
                        "ip.check_checksum:TRUE",
                        "-o",
                        "tcp.check_checksum:TRUE",
                        "-o",
                        "udp.check_checksum:TRUE",
                        "-T",
                        "fields",
                        "-E",
                        "occurrence=a",
                        "-E",
                        "aggregator=,",
                        "-e",
                        "frame.number",
                        "-e",
                        "ip.checksum.status",
                        "-e",
                        "tcp.checksum.status",
                        "-e",
                        "udp.checksum.status",
                        "-e",
                        "icmp.checksum.status",
                        "-e",
                        "_ws.malformed",
                        "-e",
                        "frame.protocols")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
