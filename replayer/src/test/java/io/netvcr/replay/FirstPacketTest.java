package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.replay.os.TcpdumpCapture;
import io.netvcr.replay.os.VethNamespaces;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay reports its planned start as a wall-clock instant (startRealtimeNs, CLOCK_REALTIME at which send
 * offset 0 is due), and a receiver sharing that clock sees frame 0 after it - not before (a frame never leaves
 * early) and not absurdly late. The p50/p99 targets are timing figures: bench/first-packet measures them.
 */
class FirstPacketTest {
    private static final long GAP_NS = 1_000_000;

    @TempDir
    Path dir;

    @BeforeEach
    void needRootAndTools() {
        String why = VethNamespaces.unavailableReason();
        Prerequisites.require(why == null, "first-packet test skipped: " + why);
        String noTcpdump = TcpdumpCapture.unavailableReason();
        Prerequisites.require(noTcpdump == null, "first-packet test skipped: " + noTcpdump);
    }

    @Test
    void shouldReportStartRealtimeThatTheReceiverSeesFrameZeroAfter() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("p.nvcr"), 100, GAP_NS, 64);
        List<byte[]> expected = PreparedTraces.asReplayed(trace);
        Path cap = dir.resolve("rx.pcap");
        long before = System.currentTimeMillis() * 1_000_000L;
        ReplayRun run;
        try (VethNamespaces veth = VethNamespaces.create("nvcr-fp")) {
            try (TcpdumpCapture tcpdump = TcpdumpCapture.start(veth.namespaceB(), veth.interfaceB(), cap)) {
                run = ReplayRun.of(
                        "--netns", veth.namespaceA(), "--interface", veth.interfaceA(), "--json", trace.toString());
                tcpdump.awaitFileSize(TcpdumpCapture.pcapSize(expected), 3_000, 60_000);
                tcpdump.stop();
            }
        }
        long after = System.currentTimeMillis() * 1_000_000L;
        assertThat(run.exitCode).as(run.err).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out);
        long start = j.at("/startRealtimeNs").asLong();
        assertThat(start).as("planned start within the replay's run time").isBetween(before, after);
        long[] rx = new long[expected.size()];
        int n = 0;
        try (TraceInput in = TraceInput.open(cap.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            while (rd.next(p)) {
                assertThat(n)
                        .as("more frames captured than the trace holds: the warm-up sent one")
                        .isLessThan(rx.length);
                rx[n++] = p.timestampNs;
            }
        }
        assertThat(n).isEqualTo(expected.size());
        assertThat(j.at("/mechanisms").toString()).contains("EFAULT (nothing sent)");
        long firstLateness = rx[0] - start;
        // A frame never leaves before its deadline; the realtime/monotonic conversion is good to about a microsecond.
        assertThat(firstLateness)
                .as("receiver time of frame 0 - startRealtimeNs (ns)")
                .isGreaterThan(-5_000L)
                // Sane, not a target: on a loaded CI machine a vCPU can stall for milliseconds.
                .isLessThan(50_000_000L);
        for (int i = 1; i < n; i++) {
            assertThat(rx[i] - start - i * GAP_NS)
                    .as("frame %d after its deadline", i)
                    .isGreaterThan(-5_000L);
        }
    }
}
