package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.testing.SharedTraces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A trace cut into stretches analysed apart and folded gives exactly the one-pass statistics: the contract the
 * Spark engine rests on. Cut points are random; small flow tables and far out-of-order packets force the
 * second-analysis path.
 */
class StretchesTest {
    static List<Packet> read(Path trace) throws IOException {
        List<Packet> out = new ArrayList<>();
        try (TraceInput in = TraceInput.open(trace.toString(), null, ReaderOptions.DEFAULTS)) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                Packet c = new Packet();
                c.copyFrom(p);
                out.add(c);
            }
        }
        return out;
    }

    static Map<String, Object> onePass(List<Packet> packets, TrafficStats.Settings s) {
        TrafficStats t = new TrafficStats(s);
        packets.forEach(t::accept);
        return t.toMap();
    }

    /** Folds the stretches [cuts[i], cuts[i+1]); returns the statistics and how many were analysed again. */
    static Stretches.Folded folded(List<Packet> packets, TrafficStats.Settings s, int[] cuts) throws IOException {
        long origin = packets.get(0).timestampNs;
        List<TrafficStats> parts = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            parts.add(stretch(packets, s, cuts[i], cuts[i + 1], TrafficStats.Carry.origin(origin)));
        }
        return Stretches.fold(s, origin, parts, (i, carry) -> stretch(packets, s, cuts[i], cuts[i + 1], carry));
    }

    static TrafficStats stretch(List<Packet> packets, TrafficStats.Settings s, int from, int to, TrafficStats.Carry c) {
        TrafficStats t = new TrafficStats(s, c);
        for (int i = from; i < to; i++) {
            t.accept(packets.get(i));
        }
        return t;
    }

    static int[] randomCuts(Random r, int n, int pieces) {
        TreeSet<Integer> set = new TreeSet<>(List.of(0, n));
        while (set.size() < Math.min(n + 1, pieces + 1)) {
            set.add(r.nextInt(n + 1));
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pcap/libtrace_100_packets.pcap",
                "pcapng/zeek_pcapng-multi-interface.pcapng",
                "compressed/zeek_echo-connections.pcap.gz",
                "erf/libtrace_fragtest.erf",
                "compressed/libtrace_ip-in-mpls.pcap.gz"
            })
    void shouldFoldSharedTracesIntoTheOnePassAnswer(String name) throws Exception {
        List<Packet> packets = read(SharedTraces.require().resolve(name));
        Random r = new Random(name.hashCode());
        for (long interval : new long[] {1_000_000_000L, 1_000L}) {
            for (int capacity : new int[] {FlowTable.DEFAULT_CAPACITY, 3}) {
                TrafficStats.Settings s = new TrafficStats.Settings();
                s.intervalNs = interval;
                s.flowCapacity = capacity;
                Map<String, Object> expected = onePass(packets, s);
                for (int pieces : new int[] {1, 2, 7}) {
                    int[] cuts = randomCuts(r, packets.size(), pieces);
                    assertThat(folded(packets, s, cuts).stats().toMap())
                            .as(
                                    "%s interval %d capacity %d cuts %s",
                                    name, interval, capacity, java.util.Arrays.toString(cuts))
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void shouldAnalyseAgainOnlyWhenOutOfOrderPacketsReachBackPastTheKeptWindows() throws Exception {
        // 1 µs apart, but at the cut a packet 1 ms late: the stretch after it starts 1000 windows (1 µs scale)
        // before the latest window reached, more than it keeps apart, so it is analysed again.
        List<Packet> packets = new ArrayList<>();
        long t0 = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 4000; i++) {
            long ts = t0 + i * 1000L + (i == 1999 ? 1_000_000L : 0);
            packets.add(Frames.ipv4(ts, Frames.UDP, i % 50, 100 + i % 700));
        }
        TrafficStats.Settings s = new TrafficStats.Settings();
        Map<String, Object> expected = onePass(packets, s);
        Stretches.Folded far = folded(packets, s, new int[] {0, 2000, 4000});
        assertThat(far.stats().toMap()).isEqualTo(expected);
        assertThat(far.redone()).isEqualTo(1);
        Stretches.Folded near = folded(packets, s, new int[] {0, 1000, 4000});
        assertThat(near.stats().toMap()).isEqualTo(expected);
        assertThat(near.redone()).isZero();
        assertThat(((Number) expected.get("outOfOrder")).longValue()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheFirstFlowsSeenWhenTheTableFills() throws Exception {
        // flows 0..9 in the first stretch, then a new flow and again flow 0 after the table (capacity 4) filled
        List<Packet> packets = new ArrayList<>();
        long t0 = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 10; i++) {
            packets.add(Frames.ipv4(t0 + i, Frames.TCP, i << 16, 100));
        }
        packets.add(Frames.ipv4(t0 + 20, Frames.TCP, 99 << 16, 1000));
        packets.add(Frames.ipv4(t0 + 21, Frames.TCP, 0, 1000));
        TrafficStats.Settings s = new TrafficStats.Settings();
        s.flowCapacity = 4;
        Map<String, Object> expected = onePass(packets, s);
        Stretches.Folded f = folded(packets, s, new int[] {0, 3, 10, 12});
        assertThat(f.stats().toMap()).isEqualTo(expected);
        assertThat(f.redone()).isPositive();
    }

    @Test
    void shouldTravelSmallAndWhole() throws Exception {
        // the Spark engine ships one TrafficStats per split from executors to the driver
        List<Packet> packets = read(SharedTraces.require().resolve("compressed/zeek_echo-connections.pcap.gz"));
        TrafficStats.Settings s = new TrafficStats.Settings();
        s.intervalNs = 1_000_000L;
        TrafficStats t = new TrafficStats(s);
        packets.forEach(t::accept);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        assertThat(bytes.size()).isLessThan(256 * 1024);
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            TrafficStats back = (TrafficStats) in.readObject();
            assertThat(back.toMap()).isEqualTo(t.toMap());
            TrafficStats more = new TrafficStats(s);
            more.merge(back);
            assertThat(more.toMap()).isEqualTo(t.toMap());
        }
    }

    @Test
    void shouldMergeDistributionsExactly() {
        Random r = new Random(7);
        Distribution all = new Distribution();
        Distribution a = new Distribution();
        Distribution b = new Distribution();
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextInt(4) == 0 ? Long.MAX_VALUE / 3 - r.nextInt(1000) : r.nextLong() % 1_000_000_000L;
            all.record(v);
            (i < 37_000 ? a : b).record(v);
        }
        a.merge(b);
        assertThat(a.toMap()).isEqualTo(all.toMap());
        assertThat(a.stddev()).isEqualTo(all.stddev()).isPositive();
    }
}
