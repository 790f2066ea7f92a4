package io.netvcr.samples;

import io.netvcr.cli.Progress;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceWriter;
import java.io.IOException;

/** Writes count synthetic frames at the times an {@link Arrivals} gives, into any trace writer. */
public final class WorkloadGenerator {
    private final UdpFrames frames;
    private final Arrivals arrivals;
    private final long startNs;

    public WorkloadGenerator(UdpFrames frames, Arrivals arrivals, long startNs) {
        this.frames = frames;
        this.arrivals = arrivals;
        this.startNs = startNs;
    }

    /** Returns the time span (ns) from the first to the last packet. */
    public long generate(long count, TraceWriter writer, Progress progress) throws IOException {
        Packet p = new Packet();
        p.linkType = LinkTypes.ETHERNET;
        p.wireLength = frames.size();
        long last = 0;
        for (long i = 0; i < count; i++) {
            frames.fill(p.prepare(frames.size()), i);
            last = arrivals.timeNs(i);
            p.timestampNs = Math.addExact(startNs, last);
            writer.write(p);
            progress.advance(1);
        }
        return last; // packet 0 is at offset 0 for every Arrivals
    }
}
