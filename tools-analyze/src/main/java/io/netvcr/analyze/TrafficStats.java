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
 */
public final class TrafficStats {
    /** Knobs of one analysis. */
    public static final class Settings {
        public long intervalNs = 1_000_000_000L;
        public int flowCapacity = FlowTable.DEFAULT_CAPACITY;
        public int topN = 10;
        public long[] dispersionScalesNs = Burstiness.DEFAULT_SCALES_NS;
    }

    private final Settings settings;
    private final FrameDissector dissector = new FrameDissector();
    private final InterArrival interArrival = new InterArrival();
    private final SizeStats sizes = new SizeStats();
    private final ProtocolMix protocols = new ProtocolMix();
    private final FlowTable flows;
    private final RateSeries rate;
    private final Burstiness burstiness;
    /** interface id -> {packets, wire bytes, captured bytes}. */
    private final Map<Integer, long[]> interfaces = new TreeMap<>();
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

    public void accept(Packet p) {
        long ts = p.timestampNs;
        int cap = p.capturedLength();
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
        for (Map.Entry<Integer, long[]> e : interfaces.entrySet()) {
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
