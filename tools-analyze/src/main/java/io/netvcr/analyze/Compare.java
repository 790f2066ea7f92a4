package io.netvcr.analyze;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrStreamReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Matches a receiver's capture of a replay to the trace that was replayed, by frame key ({@link FrameKey}),
 * not by position, and measures receiver-side ε.
 *
 * <ul>
 * <li>matched: a captured frame whose key belongs to a not-yet-matched original packet (the earliest one);
 * <li>duplicated: a captured frame whose key is known but all its original packets were already matched;
 * <li>extra: a captured frame whose key is in no original packet;
 * <li>missing: original packets never matched;
 * <li>reordered (RFC 4737): a matched packet whose original index is lower than that of a packet captured
 *     before it, so one packet overtaken by k others counts once, and k packets overtaking one count once.
 * </ul>
 *
 * ε of a matched packet i = (captureTime_i − captureTime_first) − (scheduled_i − scheduled_first), where
 * "first" is the first matched captured packet and scheduled is the record's sendOffsetNs for a prepared
 * NetVCR trace, else the original capture time minus the trace's first capture time. When the original's
 * first packet arrives first (the usual case) this is capture time − first capture time − scheduled offset.
 * For a prepared trace the frame hashed is the one the replayer builds ({@link FrameBuilder}).
 */
public final class Compare {
    /** Knobs of a comparison. */
    public static final class Settings {
        public int matchBytes = 64;
        public String originalFormat;
        public String captureFormat;
        /** When set, one CSV row per matched packet is streamed here. */
        public PrintWriter perPacket;
    }

    private Compare() {}

    public static Fidelity run(String original, String capture, Settings settings, Progress progress)
            throws IOException {
        FrameKey keys = new FrameKey(settings.matchBytes);
        java.util.TreeSet<Integer> shortKeys = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        OriginalIndex index = buildIndex(original, settings, keys, shortKeys);
        Fidelity f = new Fidelity();
        long captured = 0;
        long duplicated = 0;
        long extra = 0;
        long reordered = 0;
        long maxIndex = -1;
        long firstCaptureNs = 0;
        long firstScheduledNs = 0;
        boolean first = true;
        if (settings.perPacket != null) {
            settings.perPacket.println("capture_index,original_index,capture_ns,scheduled_offset_ns,epsilon_ns");
        }
        try (TraceInput in = TraceInput.open(capture, settings.captureFormat, ReaderOptions.DEFAULTS)) {
            Packet p = new Packet();
            long lastRaw = 0;
            while (in.reader().next(p)) {
                long c = captured++;
                int i = lookup(index, keys, shortKeys, p);
                if (i == OriginalIndex.NOT_FOUND) {
                    extra++;
                } else if (i == OriginalIndex.EXHAUSTED) {
                    duplicated++;
                } else {
                    if (i < maxIndex) {
                        reordered++;
                    } else {
                        maxIndex = i;
                    }
                    long sched = index.scheduledOffsetNs(i);
                    if (first) {
                        firstCaptureNs = p.timestampNs;
                        firstScheduledNs = sched;
                        first = false;
                    }
                    long eps = (p.timestampNs - firstCaptureNs) - (sched - firstScheduledNs);
                    f.acceptEpsilon(i, eps);
                    if (settings.perPacket != null) {
                        settings.perPacket.printf(Locale.ROOT, "%d,%d,%d,%d,%d%n", c, i, p.timestampNs, sched, eps);
                    }
                }
                if ((captured & 1023) == 0) {
                    progress.advance(in.rawBytesRead() - lastRaw);
                    lastRaw = in.rawBytesRead();
                }
            }
            progress.advance(in.rawBytesRead() - lastRaw);
        }
        f.accounting(new Fidelity.Accounting(
                original,
                capture,
                settings.matchBytes,
                new java.util.ArrayList<>(shortKeys),
                index.count(),
                captured,
                (long) index.count() - index.unmatched(),
                index.unmatched(),
                duplicated,
                extra,
                reordered,
                index.unmatchedIndices(20)));
        return f;
    }

    /**
     * The original packet a captured frame is, by its full key, or else by the shorter key of an original
     * packet that was stored truncated (it can only be keyed by the bytes it still has).
     */
    private static int lookup(OriginalIndex index, FrameKey keys, java.util.Set<Integer> shortKeys, Packet p) {
        int full = keys.keyLength(p.data(), p.capturedLength(), p.linkType);
        int i = index.take(FrameKey.hashBytes(p.data(), full));
        if (i != OriginalIndex.NOT_FOUND) {
            return i;
        }
        for (int k : shortKeys) {
            if (k < full) {
                i = index.take(FrameKey.hashBytes(p.data(), k));
                if (i != OriginalIndex.NOT_FOUND) {
                    return i;
                }
            }
        }
        return OriginalIndex.NOT_FOUND;
    }

    private static OriginalIndex buildIndex(
            String original, Settings settings, FrameKey keys, java.util.Set<Integer> shortKeys) throws IOException {
        OriginalIndex index = new OriginalIndex();
        try (TraceInput in = TraceInput.open(original, settings.originalFormat, ReaderOptions.DEFAULTS)) {
            NvcrStreamReader nvcr =
                    in.reader() instanceof NvcrStreamReader r && r.header().isPrepared() ? r : null;
            FrameBuilder builder =
                    nvcr == null ? null : new FrameBuilder(BytesStore.wrap(new byte[FrameBuilder.MAX_FRAME]));
            byte[] frame = nvcr == null ? null : new byte[FrameBuilder.MAX_FRAME];
            Packet p = new Packet();
            long firstTs = 0;
            boolean first = true;
            while (in.reader().next(p)) {
                if (first) {
                    firstTs = p.timestampNs;
                    first = false;
                }
                if (nvcr != null) {
                    NvcrRecord r = nvcr.record();
                    int len = builder.build(r);
                    int n = Math.min(len, keys.matchBytes() + 256);
                    builder.copyTo(frame, n);
                    index.add(keys.hash(frame, n, r.linkType()), r.sendOffsetNs());
                } else {
                    int k = keys.keyLength(p.data(), p.capturedLength(), p.linkType);
                    if (p.capturedLength() < p.wireLength && k == p.capturedLength()) {
                        shortKeys.add(k); // cut short by the capture, not by the frame's end
                    }
                    index.add(FrameKey.hashBytes(p.data(), k), p.timestampNs - firstTs);
                }
            }
        }
        return index;
    }
}
