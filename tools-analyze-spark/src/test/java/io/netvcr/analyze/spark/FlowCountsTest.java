package io.netvcr.analyze.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.analyze.TrafficStats;
import io.netvcr.formats.Packet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.Tuple2;

/**
 * The flow count across splits without Spark: the split, shuffle-by-bucket and reduce steps of
 * {@link FlowCounts} give the flow and talker tables of one pass, also when the tables are capped far below the
 * number of keys (and a split's own table fills), and what reaches the driver is at most the capacity per
 * reduce task, trace and kind, however many splits there are.
 */
class FlowCountsTest {
    private static final int LINKTYPE_ETHERNET = 1;

    /** A frame of Ethernet, IPv4 (198.18.0.0/15) and UDP or TCP, from a skewed choice of flows. */
    private static void fill(Packet p, Random r, long ts, int flows) {
        int flow = (int) Math.min(flows - 1, Math.abs(r.nextGaussian()) * flows / 3);
        int size = 64 + r.nextInt(1400);
        byte[] b = p.prepare(64);
        java.util.Arrays.fill(b, (byte) 0);
        b[0] = 2;
        b[6] = 2;
        b[12] = 0x08;
        b[14] = 0x45;
        b[16] = (byte) ((size - 14) >> 8);
        b[17] = (byte) (size - 14);
        b[22] = 64;
        b[23] = (byte) (flow % 3 == 0 ? 17 : 6);
        b[26] = (byte) 198;
        b[27] = 18;
        b[28] = (byte) (flow >> 8);
        b[29] = (byte) flow;
        b[30] = (byte) 198;
        b[31] = 19;
        b[33] = (byte) (1 + flow % 7);
        b[34] = (byte) (flow >> 8);
        b[35] = (byte) flow;
        b[37] = 80;
        p.timestampNs = ts;
        p.wireLength = size;
        p.linkType = LINKTYPE_ETHERNET;
        p.interfaceId = 0;
    }

    /** Spark's shuffle: every piece goes to the reduce task its key names; what the reduce tasks send on. */
    private static List<Object> shuffleAndReduce(
            List<Iterator<Tuple2<Integer, Object>>> sent, int reducers, int capacity) {
        List<List<Tuple2<Integer, Object>>> toReducer = new ArrayList<>();
        for (int i = 0; i < reducers; i++) {
            toReducer.add(new ArrayList<>());
        }
        for (Iterator<Tuple2<Integer, Object>> it : sent) {
            it.forEachRemaining(t -> toReducer.get(t._1()).add(t));
        }
        List<Object> out = new ArrayList<>();
        for (List<Tuple2<Integer, Object>> in : toReducer) {
            FlowCounts.reduce(in.iterator(), capacity).forEachRemaining(out::add);
        }
        return out;
    }

    private static int serializedSize(Object o) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
            out.writeObject(o);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b.size();
    }

    @ParameterizedTest(name = "{0} packets, {1} flows in at most, capacity {2}, {3} splits, {4} reduce tasks")
    @CsvSource({"20000, 3000, 262144, 7, 2", "20000, 3000, 50, 7, 3", "5000, 2000, 10, 40, 1", "3000, 500, 400, 1, 4"})
    void shouldGiveTheOnePassTablesAndSendTheDriverNoMoreThanTheCapacity(
            int packets, int flows, int capacity, int splits, int reducers) {
        TrafficStats.Settings settings = new TrafficStats.Settings();
        settings.flowCapacity = capacity;
        settings.topN = 25;
        long origin = 1_700_000_000_000_000_000L;
        TrafficStats whole = new TrafficStats(settings);
        List<TrafficStats> parts = new ArrayList<>();
        List<List<Packet>> packetsOf = new ArrayList<>();
        Random r = new Random(packets + flows + capacity);
        long ts = origin;
        for (int s = 0; s < splits; s++) {
            TrafficStats part = new TrafficStats(settings, TrafficStats.Carry.origin(origin));
            List<Packet> own = new ArrayList<>();
            for (int i = s * packets / splits; i < (s + 1) * packets / splits; i++) {
                Packet p = new Packet();
                ts += i == 0 ? 0 : 1 + r.nextInt(5000); // the first packet at the origin
                fill(p, r, ts, flows);
                whole.accept(p);
                part.accept(p);
                own.add(p);
            }
            parts.add(part);
            packetsOf.add(own);
        }
        List<Iterator<Tuple2<Integer, Object>>> sent = new ArrayList<>();
        for (int s = 0; s < splits; s++) {
            sent.add(FlowCounts.split(s, 0, parts.get(s), reducers));
        }
        List<Object> atDriver = shuffleAndReduce(sent, reducers, capacity);
        for (Object o : atDriver) {
            if (o instanceof FlowCounts.Keys k) {
                assertThat(k.count()).isLessThanOrEqualTo(capacity);
            } else {
                // what each split sends the driver stays small however many flows it saw
                assertThat(((FlowCounts.SplitStats) o).stats().flows().flows().size())
                        .isZero();
                assertThat(serializedSize(o)).isLessThan(32 * 1024);
            }
        }
        FlowCounts.Collected collected = new FlowCounts.Collected(atDriver, splits, capacity);
        // splits whose own table filled are read again, counting the kept keys alone
        List<Iterator<Tuple2<Integer, Object>>> recounted = new ArrayList<>();
        int filled = 0;
        for (int s = 0; s < splits; s++) {
            boolean[] kinds = collected.filled(s);
            if (kinds != null) {
                filled++;
                TrafficStats again =
                        new TrafficStats(settings, new TrafficStats.Carry(origin, null, collected.kept(0)));
                packetsOf.get(s).forEach(again::accept);
                recounted.add(FlowCounts.recount(0, again, kinds, reducers));
            }
        }
        List<Object> recounts = shuffleAndReduce(recounted, reducers, capacity);
        for (Object o : recounts) {
            assertThat(((FlowCounts.Keys) o).count()).isLessThanOrEqualTo(capacity);
        }
        collected.recount(recounts);
        if (capacity < flows && splits > 1) {
            assertThat(filled).as("the case fills some split's table").isPositive();
        }
        TrafficStats merged = new TrafficStats(settings, TrafficStats.Carry.origin(origin));
        for (TrafficStats part : collected.stats(0, splits)) {
            assertThat(merged.canMerge(part)).isTrue();
            merged.merge(part);
        }
        collected.restore(merged, 0, 0, splits);

        if (capacity < flows) {
            assertThat(whole.flows().flows().untrackedPackets())
                    .as("the case caps the table")
                    .isPositive();
        }
        assertThat(merged.toMap()).isEqualTo(whole.toMap());
        // first-seen order too, which CSV export and later merges rely on
        assertThat(List.copyOf(merged.flows().flows().entries().keySet()))
                .isEqualTo(List.copyOf(whole.flows().flows().entries().keySet()));
        assertThat(List.copyOf(merged.flows().talkers().entries().keySet()))
                .isEqualTo(List.copyOf(whole.flows().talkers().entries().keySet()));
        for (Map.Entry<?, long[]> e : whole.flows().flows().entries().entrySet()) {
            assertThat(merged.flows().flows().entries().get(e.getKey())).containsExactly(e.getValue());
        }
        assertThat(merged.flows().talkers().untrackedPackets())
                .isEqualTo(whole.flows().talkers().untrackedPackets());
        assertThat(merged.flows().talkers().untrackedBytes())
                .isEqualTo(whole.flows().talkers().untrackedBytes());
    }
}
