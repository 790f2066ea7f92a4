package io.netvcr.analyze;

import io.netvcr.formats.dissect.FrameDissector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flows (unidirectional 5-tuples) and talkers (IP addresses, counting each packet for its source and its
 * destination, as tshark's endpoint statistics do), in capped tables (see {@link CounterTable}).
 * Only the outer IP header counts: the IP fields a frame's first IP header carries.
 */
public final class FlowTable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_CAPACITY = 1 << 18;
    private final CounterTable<FlowKey> flows;
    private final CounterTable<FlowKey.Host> talkers;
    private long nonIp;

    /**
     * Packets counted since the tables were last brought up to date ({@link #flush}): per flow and per talker in
     * primitive arrays, IPv4 keys in fewer longs than IPv6 ones (a flow in 32 bytes, not 56), each kind in
     * first-seen order across both. Everything that reads or changes the tables flushes first, so the tables are
     * always what counting packet by packet gives (see {@link CounterTable#add(Comparable, long, long)}).
     */
    private transient PacketCounts flows4;

    private transient PacketCounts flows6;
    private transient PacketCounts talkers4;
    private transient PacketCounts talkers6;
    /** Next first-seen place of a flow, of a talker. */
    private transient int[] nextFlow;

    private transient int[] nextTalker;
    private transient long[] fields;

    /**
     * Keys counted apart before a flush: bounds the arrays (~2-4 MB of flows) and keeps them near the size of the
     * tables a busy split holds, so one flush per split is usual.
     */
    static final int PENDING_KEYS = 1 << 16;

    public FlowTable(int capacity) {
        flows = new CounterTable<>(capacity);
        talkers = new CounterTable<>(capacity);
    }

    public void accept(byte[] b, int length, FrameDissector d, long wireBytes) {
        long[] f = fields;
        if (f == null) {
            f = fields = new long[FlowKey.FIELDS];
            flows4 = new PacketCounts(2);
            flows6 = new PacketCounts(FlowKey.FIELDS);
            talkers4 = new PacketCounts(1);
            talkers6 = new PacketCounts(2);
            nextFlow = new int[1];
            nextTalker = new int[1];
        }
        if (!FlowKey.fields(b, length, d, f)) {
            nonIp++;
            return;
        }
        boolean sameHost = f[0] == f[2] && f[1] == f[3];
        if (FlowKey.version(f[4]) == 4) {
            flows4.add(f[1] << 32 | f[3], f[4], 0, 0, 0, wireBytes, nextFlow);
            talkers4.add(f[1], 0, 0, 0, 0, wireBytes, nextTalker);
            if (!sameHost) {
                talkers4.add(f[3], 0, 0, 0, 0, wireBytes, nextTalker);
            }
        } else {
            flows6.add(f[0], f[1], f[2], f[3], f[4], wireBytes, nextFlow);
            talkers6.add(f[0], f[1], 0, 0, 0, wireBytes, nextTalker);
            if (!sameHost) {
                talkers6.add(f[2], f[3], 0, 0, 0, wireBytes, nextTalker);
            }
        }
        if (flows4.size() + flows6.size() >= PENDING_KEYS || talkers4.size() + talkers6.size() >= PENDING_KEYS) {
            flush();
        }
    }

    /** Moves the packets counted apart into the tables, key by key in first-seen order. */
    private void flush() {
        if (fields == null) {
            return;
        }
        long[] f = fields;
        inFirstSeenOrder(
                flows4,
                flows6,
                i -> {
                    f[0] = 0;
                    f[1] = flows4.key(i, 0) >>> 32;
                    f[2] = 0;
                    f[3] = flows4.key(i, 0) & 0xffffffffL;
                    f[4] = flows4.key(i, 1);
                    flows.add(FlowKey.of(f), flows4.packets(i), flows4.bytes(i));
                },
                j -> {
                    for (int k = 0; k < FlowKey.FIELDS; k++) {
                        f[k] = flows6.key(j, k);
                    }
                    flows.add(FlowKey.of(f), flows6.packets(j), flows6.bytes(j));
                });
        inFirstSeenOrder(
                talkers4,
                talkers6,
                i -> talkers.add(new FlowKey.Host(4, 0, talkers4.key(i, 0)), talkers4.packets(i), talkers4.bytes(i)),
                j -> talkers.add(
                        new FlowKey.Host(6, talkers6.key(j, 0), talkers6.key(j, 1)),
                        talkers6.packets(j),
                        talkers6.bytes(j)));
        flows4.clear();
        flows6.clear();
        talkers4.clear();
        talkers6.clear();
        nextFlow[0] = 0;
        nextTalker[0] = 0;
    }

    /** Visits the entries of a (IPv4) and b (IPv6), which share one first-seen counter, in that order. */
    private static void inFirstSeenOrder(
            PacketCounts a,
            PacketCounts b,
            java.util.function.IntConsumer fromA,
            java.util.function.IntConsumer fromB) {
        for (int i = 0, j = 0; i < a.size() || j < b.size(); ) {
            if (j == b.size() || i < a.size() && a.order(i) < b.order(j)) {
                fromA.accept(i++);
            } else {
                fromB.accept(j++);
            }
        }
    }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        flush();
        out.defaultWriteObject();
    }

    /** Adds one packet whose flow is already known (null: not IP). */
    public void accept(FlowKey k, long wireBytes) {
        flush();
        if (k == null) {
            nonIp++;
            return;
        }
        flows.add(k, wireBytes);
        talkers.add(k.src(), wireBytes);
        if (!k.dst().equals(k.src())) {
            talkers.add(k.dst(), wireBytes);
        }
    }

    /** See {@link CounterTable#preload}: the keys the tables of everything before this stretch hold. */
    public void preload(FlowTable before) {
        flush();
        before.flush();
        flows.preload(before.flows.entries().keySet());
        talkers.preload(before.talkers.entries().keySet());
    }

    public boolean canMerge(FlowTable next) {
        flush();
        next.flush();
        return flows.canMerge(next.flows) && talkers.canMerge(next.talkers);
    }

    public void merge(FlowTable next) {
        flush();
        next.flush();
        flows.merge(next.flows);
        talkers.merge(next.talkers);
        nonIp += next.nonIp;
    }

    public CounterTable<FlowKey> flows() {
        flush();
        return flows;
    }

    public CounterTable<FlowKey.Host> talkers() {
        flush();
        return talkers;
    }

    public Map<String, Object> toMap(int topN) {
        flush();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flows", flows.size());
        m.put("talkers", talkers.size());
        m.put("capacity", flows.capacity());
        m.put("full", flows.full() || talkers.full());
        m.put("untrackedPackets", flows.untrackedPackets());
        m.put("untrackedBytes", flows.untrackedBytes());
        m.put("nonIpPackets", nonIp);
        m.put("topFlowsByBytes", rows(flows.top(topN, true)));
        m.put("topFlowsByPackets", rows(flows.top(topN, false)));
        m.put("topTalkersByBytes", rows(talkers.top(topN, true)));
        m.put("topTalkersByPackets", rows(talkers.top(topN, false)));
        return m;
    }

    private static <K> List<Map<String, Object>> rows(List<Map.Entry<K, long[]>> top) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<K, long[]> e : top) {
            Map<String, Object> r = new LinkedHashMap<>();
            K k = e.getKey();
            if (k instanceof FlowKey f) {
                r.put("src", f.src().toString());
                r.put("srcPort", f.srcPort());
                r.put("dst", f.dst().toString());
                r.put("dstPort", f.dstPort());
                r.put("protocol", FlowKey.protocolName(f.protocol()));
            } else {
                r.put("address", k.toString());
            }
            r.put("packets", e.getValue()[0]);
            r.put("bytes", e.getValue()[1]);
            out.add(r);
        }
        return out;
    }
}
