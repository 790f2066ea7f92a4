package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.replay.fidelity.ReceiverFidelity;
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

    private void replayAndCompare(Path trace, String... extra) throws Exception {
        List<byte[]> expected = PreparedTraces.asReplayed(trace);
        Path cap = dir.resolve("rx.pcap");
        ReplayRun run;
        try (VethNamespaces veth = VethNamespaces.create("nvcr-test")) {
            try (TcpdumpCapture tcpdump = TcpdumpCapture.start(veth.namespaceB(), veth.interfaceB(), cap)) {
                String[] args = concat(new String[] {"--netns", veth.namespaceA(), "--interface", veth.interfaceA()}, extra,
                    new String[] {trace.toString()});
                run = ReplayRun.of(args);
                tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(expected), 3_000, 60_000);
                tcpdump.stop();
                System.err.print(tcpdump.stderr());
            }
        }
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("Successful packets:        " + expected.size())
            .contains("AF_PACKET raw socket bound to").contains("network namespace");
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
        ReceiverFidelity fid = ReceiverFidelity.measure(trace, cap, 1.0);
        assertThat(fid.lost).isZero();
        assertThat(fid.reordered).isZero();
        assertThat(fid.unexpected).isZero();
        assertThat(fid.matched).isEqualTo(expected.size());
    }

    private static String[] concat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
