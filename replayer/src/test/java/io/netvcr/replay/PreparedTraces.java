package io.netvcr.replay;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.samples.UdpFrames;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test fixture: prepared (or not) NetVCR files of periodic synthetic UDP, written directly with NvcrWriter. */
public final class PreparedTraces {
    /** Time of the first packet: November 2023, any fixed instant does. */
    public static final long BASE_TIME_NS = 1_700_000_000_000_000_000L;

    private PreparedTraces() {}

    public static Path periodic(Path file, long count, long gapNs, int payloadBytes) throws IOException {
        return write(file, count, gapNs, payloadBytes, true, NvcrLayout.DEFAULT_SNAP);
    }

    /**
     * Writes count frames every gapNs. Frames longer than snap are stored truncated and padded back to full
     * length by the replayer (send length = wire length), as prep does.
     */
    public static Path write(Path file, long count, long gapNs, int payloadBytes, boolean prepared, int snap)
            throws IOException {
        NvcrHeader h = new NvcrHeader();
        h.snapLength = snap;
        h.recordLength = NvcrLayout.recordLengthFor(snap);
        h.sourceFormat = NvcrLayout.SOURCE_SYNTHETIC;
        if (prepared) {
            h.fileFlags |= NvcrLayout.FILE_PREPARED;
            h.scheduleMode = NvcrLayout.SCHEDULE_MULTIPLIER;
            h.scheduleParam = 1.0;
        }
        UdpFrames frames = UdpFrames.withPayload(payloadBytes);
        byte[] buf = new byte[frames.size()];
        FrameDissector d = new FrameDissector();
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            NvcrWriter w = new NvcrWriter(ch, h);
            for (long i = 0; i < count; i++) {
                frames.fill(buf, i);
                int n = frames.size();
                d.dissect(buf, n, LinkTypes.ETHERNET);
                int stored = Math.min(n, snap);
                NvcrRecord r = w.nextRecord();
                r.timestampNs(BASE_TIME_NS + i * gapNs)
                        .wireLength(n)
                        .linkType(LinkTypes.ETHERNET)
                        .flags((stored < n ? PacketFlags.TRUNCATED : 0)
                                | (prepared ? PacketFlags.PREPARED | PacketFlags.CHECKSUMS_PREPARED : 0))
                        .l3Offset(d.l3Offset)
                        .l4Offset(d.l4Offset)
                        .l3Type(d.l3Type)
                        .l4Protocol(d.l4Protocol)
                        .data(buf, 0, stored, h.recordLength);
                if (prepared) {
                    r.sendOffsetNs(i * gapNs).sendLength(n);
                }
                w.commitRecord();
            }
            if (prepared) {
                h.scheduleDurationNs = (count - 1) * gapNs;
            }
            w.finish();
        }
        return file;
    }

    /** The frames a replay of the file sends, in order (FrameBuilder output). */
    public static List<byte[]> asReplayed(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        FrameBuilder fb = new FrameBuilder();
        byte[] tmp = new byte[FrameBuilder.MAX_FRAME];
        try (NvcrFile f = NvcrFile.open(file)) {
            NvcrRecord r = new NvcrRecord();
            for (long i = 0; i < f.count(); i++) {
                int n = fb.build(f.record(i, r));
                fb.copyTo(tmp, n);
                out.add(Arrays.copyOf(tmp, n));
            }
        }
        return out;
    }
}
