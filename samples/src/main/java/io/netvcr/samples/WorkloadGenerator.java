package io.netvcr.samples;

import io.netvcr.cli.Progress;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceWriter;
import io.netvcr.formats.pcap.PcapWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes count synthetic frames at the times an {@link Arrivals} gives, into any trace writer. */
public record WorkloadGenerator(UdpFrames frames, Arrivals arrivals, long startNs) {
    /** netvcr samples periodic's default --start, for generated traces that must come out the same every time. */
    public static final long DEFAULT_START_NS = Long.parseLong(PeriodicCommand.DEFAULT_START) * 1_000_000_000L;

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

    /**
     * count frames of {@link UdpFrames#withPayload} payloadBytes, one every gapNs from startNs, as a nanosecond
     * pcap: the periodic trace netvcr demo falls back to and tests replay.
     */
    public static void writePeriodicPcap(Path path, long count, long gapNs, int payloadBytes, long startNs)
            throws IOException {
        try (FileChannel ch = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            PcapWriter w = new PcapWriter(ch, path.toString());
            new WorkloadGenerator(UdpFrames.withPayload(payloadBytes), Arrivals.periodic(gapNs), startNs)
                    .generate(count, w, Progress.none());
            w.finish();
        }
    }
}
