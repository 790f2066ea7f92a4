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

    public FlowTable(int capacity) {
        flows = new CounterTable<>(capacity);
        talkers = new CounterTable<>(capacity);
    }

    public void accept(byte[] b, int length, FrameDissector d, long wireBytes) {
        accept(FlowKey.of(b, length, d), wireBytes);
    }

    /** Adds one packet whose flow is already known (null: not IP). */
    public void accept(FlowKey k, long wireBytes) {
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
        flows.preload(before.flows.entries().keySet());
        talkers.preload(before.talkers.entries().keySet());
    }

    public boolean canMerge(FlowTable next) {
        return flows.canMerge(next.flows) && talkers.canMerge(next.talkers);
    }

    public void merge(FlowTable next) {
        flows.merge(next.flows);
        talkers.merge(next.talkers);
        nonIp += next.nonIp;
    }

    public CounterTable<FlowKey> flows() {
        return flows;
    }

    public CounterTable<FlowKey.Host> talkers() {
        return talkers;
    }

    public Map<String, Object> toMap(int topN) {
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
