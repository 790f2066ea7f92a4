package io.netvcr.analyze;

import io.netvcr.formats.Packet;
import io.netvcr.formats.dissect.FrameDissector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything netvcr-analyze learns from one trace, fed one packet at a time. Each part keeps bounded state,
 * so a trace of any length is summarised in constant memory (apart from the capped flow tables).
 *
 * <p>Consecutive stretches of one trace (splits of a file, or of a merged stream) can be analysed apart and
 * {@linkplain #merge merged} in trace order into exactly the one-pass answer, if each stretch knows the
 * trace's first timestamp ({@link Carry}); {@link #canMerge} says when a stretch must be analysed again
 * knowing more of what came before ({@link #carry()}), which only far out-of-order packets or overflowing
 * flow tables need.
 */
public final class TrafficStats implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Knobs of one analysis. */
    public static final class Settings implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public long intervalNs = 1_000_000_000L;
        public int flowCapacity = FlowTable.DEFAULT_CAPACITY;
        public int topN = 10;
        public long[] dispersionScalesNs = Burstiness.DEFAULT_SCALES_NS;
    }

    /**
     * What a stretch of a trace needs to know of the packets before it: the time origin of rate intervals and
     * burstiness windows (the trace's first timestamp), and, when known, the latest timestamp before it and
     * the flow tables so far. Null fields are unknown.
     */
    public record Carry(Long originNs, Long maxTimestampBefore, FlowTable flowsBefore) implements java.io.Serializable {
        public static Carry origin(long originNs) {
            return new Carry(originNs, null, null);
        }
    }

    private final Settings settings;
    /** The origin a {@link Carry} gave, so an empty merge target still hands it on. */
    private Long origin;

    private transient FrameDissector dissector = new FrameDissector();
    private final InterArrival interArrival = new InterArrival();
    private final SizeStats sizes = new SizeStats();
    private final ProtocolMix protocols = new ProtocolMix();
    private final FlowTable flows;
    private final RateSeries rate;
    private final Burstiness burstiness;
    /** interface id -> {packets, wire bytes, captured bytes}, in first-seen order. */
    private final Map<Integer, long[]> interfaces = new LinkedHashMap<>();

    private long packets;
    private long wireBytes;
    private long capturedBytes;
    private long truncated;
    private long firstTs;
    private long lastTs;
    private long minTs = Long.MAX_VALUE;
    private long maxTs = Long.MIN_VALUE;

    public TrafficStats(Settings settings) {
        this.settings = settings;
        this.flows = new FlowTable(settings.flowCapacity);
        this.rate = new RateSeries(settings.intervalNs);
        this.burstiness = new Burstiness(settings.dispersionScalesNs);
    }

    /** A stretch of a trace that starts after what carry describes. */
    public TrafficStats(Settings settings, Carry carry) {
        this(settings);
        origin = carry.originNs();
        if (carry.originNs() != null) {
            rate.start(carry.originNs());
            burstiness.start(carry.originNs());
            if (carry.maxTimestampBefore() != null) {
                burstiness.after(carry.maxTimestampBefore());
            }
        }
        if (carry.flowsBefore() != null) {
            flows.preload(carry.flowsBefore());
        }
    }

    /** What a stretch following everything merged into this one needs to know (see {@link Carry}). */
    public Carry carry() {
        Long o = origin != null ? origin : packets > 0 ? Long.valueOf(rate.originNs()) : null;
        return new Carry(o, packets > 0 ? maxTs : null, flows);
    }

    /** Whether {@link #merge}(next) gives the one-pass answer; if not, analyse next again with {@link #carry()}. */
    public boolean canMerge(TrafficStats next) {
        return flows.canMerge(next.flows) && burstiness.canMerge(next.burstiness);
    }

    /**
     * Appends the statistics of the stretch that followed this one in the trace. This one must start the trace
     * (or be empty and made with the trace's origin); check {@link #canMerge} first.
     */
    public void merge(TrafficStats next) {
        if (next.packets == 0) {
            return;
        }
        if (packets == 0) {
            firstTs = next.firstTs;
        }
        lastTs = next.lastTs;
        minTs = Math.min(minTs, next.minTs);
        maxTs = Math.max(maxTs, next.maxTs);
        packets += next.packets;
        wireBytes += next.wireBytes;
        capturedBytes += next.capturedBytes;
        truncated += next.truncated;
        for (Map.Entry<Integer, long[]> e : next.interfaces.entrySet()) {
            long[] itf = interfaces.computeIfAbsent(e.getKey(), k -> new long[3]);
            for (int i = 0; i < 3; i++) {
                itf[i] += e.getValue()[i];
            }
        }
        interArrival.merge(next.interArrival);
        sizes.merge(next.sizes);
        protocols.merge(next.protocols);
        flows.merge(next.flows);
        rate.merge(next.rate);
        burstiness.merge(next.burstiness);
    }

    /**
     * Numbers the interfaces 0, 1, 2, ... in the order they were first seen, as a merge of several inputs
     * numbers its (input, interface) pairs ({@code TraceMerger}); the ids seen so far are opaque keys.
     */
    public void renumberInterfaces() {
        List<long[]> counts = new ArrayList<>(interfaces.values());
        interfaces.clear();
        for (int i = 0; i < counts.size(); i++) {
            interfaces.put(i, counts.get(i));
        }
    }

    public void accept(Packet p) {
        long ts = p.timestampNs;
        int cap = p.capturedLength();
        if (dissector == null) {
            dissector = new FrameDissector();
        }
        if (packets == 0) {
            firstTs = ts;
        }
        lastTs = ts;
        minTs = Math.min(minTs, ts);
        maxTs = Math.max(maxTs, ts);
        packets++;
        wireBytes += p.wireLength;
        capturedBytes += cap;
        if (cap < p.wireLength) {
            truncated++;
        }
        long[] itf = interfaces.get(p.interfaceId);
        if (itf == null) {
            itf = new long[3];
            interfaces.put(p.interfaceId, itf);
        }
        itf[0]++;
        itf[1] += p.wireLength;
        itf[2] += cap;
        interArrival.accept(ts);
        sizes.accept(p.wireLength);
        dissector.dissect(p.data(), cap, p.linkType);
        protocols.accept(dissector);
        flows.accept(p.data(), cap, dissector, p.wireLength);
        rate.accept(ts, p.wireLength);
        burstiness.accept(ts);
    }

    public long packets() {
        return packets;
    }

    public long wireBytes() {
        return wireBytes;
    }

    public long capturedBytes() {
        return capturedBytes;
    }

    /** Latest minus earliest timestamp (as capinfos reports duration). */
    public long durationNs() {
        return packets == 0 ? 0 : maxTs - minTs;
    }

    public InterArrival interArrival() {
        return interArrival;
    }

    public SizeStats sizes() {
        return sizes;
    }

    public ProtocolMix protocols() {
        return protocols;
    }

    public FlowTable flows() {
        return flows;
    }

    public RateSeries rate() {
        return rate;
    }

    public Burstiness burstiness() {
        return burstiness;
    }

    public double averagePps() {
        long d = durationNs();
        return d == 0 ? 0 : packets * 1e9 / d;
    }

    public double averageBps() {
        long d = durationNs();
        return d == 0 ? 0 : wireBytes * 8e9 / d;
    }

    /** The statistics as nested maps, in the order the JSON shows them. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packets", packets);
        m.put("bytes", wireBytes);
        m.put("capturedBytes", capturedBytes);
        m.put("truncatedPackets", truncated);
        m.put("durationNs", durationNs());
        m.put("firstTimestampNs", packets == 0 ? 0 : firstTs);
        m.put("lastTimestampNs", packets == 0 ? 0 : lastTs);
        m.put("averagePps", Distribution.round3(averagePps()));
        m.put("averageBps", Distribution.round3(averageBps()));
        m.put("outOfOrder", interArrival.outOfOrder());
        m.put("interArrivalNs", interArrival.toMap());
        m.put("protocols", protocols.transportMap());
        m.put("network", protocols.networkMap());
        m.put("sizes", sizes.toMap());
        List<Map<String, Object>> itfs = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : new TreeMap<>(interfaces).entrySet()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("interface", e.getKey());
            r.put("packets", e.getValue()[0]);
            r.put("bytes", e.getValue()[1]);
            r.put("capturedBytes", e.getValue()[2]);
            itfs.add(r);
        }
        m.put("interfaces", itfs);
        m.put("flows", flows.toMap(settings.topN));
        m.put("rate", rate.toMap());
        m.put("burstiness", burstiness.toMap(rate));
        return m;
    }
}
