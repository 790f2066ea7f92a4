package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import io.netvcr.formats.dissect.FrameDissector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The flow table counts packets apart and flushes them into its tables: the tables must be the per-packet ones. */
class FlowTableTest {
    /** IPv4 and IPv6 frames of up to `keys` flows (some from a host to itself), a few non-IP, in random order. */
    static List<Packet> packets(int n, int keys, long seed) {
        Random r = new Random(seed);
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = (int) Math.min(keys - 1, Math.abs(r.nextGaussian()) * keys / 3);
            Packet p;
            int kind = r.nextInt(20);
            if (kind == 0) {
                p = Frames.arp(i);
            } else if (kind < 4) {
                p = Frames.ipv6(i, k % 2 == 0 ? Frames.UDP : 58, k, 80 + r.nextInt(40));
                p.data()[37] = (byte) (k >>> 8);
                p.data()[53] = (byte) k;
            } else {
                p = Frames.ipv4(i, k % 3 == 0 ? Frames.TCP : Frames.UDP, k, 60 + r.nextInt(60));
                byte[] b = p.data();
                b[14 + 14] = (byte) (k >>> 8);
                b[14 + 15] = (byte) k;
                b[14 + 19] = (byte) (k % 5);
                if (k % 11 == 0) {
                    System.arraycopy(b, 14 + 12, b, 14 + 16, 4); // to itself
                }
            }
            out.add(p);
        }
        return out;
    }

    @Test
    void shouldCountAsOneKeyPerPacketDoesAcrossFlushesAndFullTables() {
        List<Packet> packets = packets(400_000, 3 * FlowTable.PENDING_KEYS, 7);
        FrameDissector d = new FrameDissector();
        for (int capacity : new int[] {10, 5_000, FlowTable.PENDING_KEYS + 1000, FlowTable.DEFAULT_CAPACITY}) {
            CounterTable<FlowKey> flows = new CounterTable<>(capacity);
            CounterTable<FlowKey.Host> talkers = new CounterTable<>(capacity);
            FlowTable t = new FlowTable(capacity);
            int i = 0;
            for (Packet p : packets) {
                d.dissect(p.data(), p.capturedLength(), p.linkType);
                FlowKey k = FlowKey.of(p.data(), p.capturedLength(), d);
                if (k != null) {
                    flows.add(k, p.wireLength);
                    talkers.add(k.src(), p.wireLength);
                    if (!k.dst().equals(k.src())) {
                        talkers.add(k.dst(), p.wireLength);
                    }
                }
                t.accept(p.data(), p.capturedLength(), d, p.wireLength);
                if (++i % 150_001 == 0) {
                    assertThat(t.flows().size()).isEqualTo(flows.size()); // a read in the middle flushes
                }
            }
            same(t.flows(), flows);
            same(t.talkers(), talkers);
            assertThat(t.flows().size()).as("capacity %d", capacity).isGreaterThan(Math.min(capacity - 1, 1000));
            if (capacity == FlowTable.DEFAULT_CAPACITY) {
                assertThat(t.flows().size())
                        .as("keys enough to flush before the end")
                        .isGreaterThan(FlowTable.PENDING_KEYS);
            }
        }
    }

    private static <K extends Comparable<K>> void same(CounterTable<K> got, CounterTable<K> want) {
        assertThat(got.untrackedPackets()).isEqualTo(want.untrackedPackets());
        assertThat(got.untrackedBytes()).isEqualTo(want.untrackedBytes());
        List<Map.Entry<K, long[]>> g = new ArrayList<>(got.entries().entrySet());
        List<Map.Entry<K, long[]>> w = new ArrayList<>(want.entries().entrySet());
        assertThat(g).hasSameSizeAs(w);
        for (int i = 0; i < g.size(); i++) {
            assertThat(g.get(i).getKey()).isEqualTo(w.get(i).getKey());
            assertThat(g.get(i).getValue()).containsExactly(w.get(i).getValue());
        }
    }
}
