package io.netvcr.replay.fidelity;

import io.netvcr.cli.Summary;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fidelity as the receiver saw it: each captured frame is matched, by its bytes, to the replayed record it is
 * (FrameBuilder output, so padding and checksums count); then losses (records never seen), reorders (a record
 * arriving after a later one), unexpected frames, and the receiver-side timing error
 * ε_rx = (capture time − first capture time) − (scheduled offset − first scheduled offset), which includes
 * the sender's ε plus the path and the capture's own timestamping.
 */
public final class ReceiverFidelity {
    public long expected;
    public long received;
    public long matched;
    public long lost;
    public long reordered;
    public long unexpected;
    /** Receiver-side ε of each matched frame, in arrival order. */
    public long[] epsilonNs = new long[0];
    /** For each captured frame that matched, the record index, in arrival order. */
    public long[] arrivalOrder = new long[0];

    /**
     * @param prepared the prepared trace that was replayed once (no --loop, no --limit)
     * @param capture  pcap/pcapng written by the receiver
     * @param multiplier replay speed-up used (scheduled offsets are divided by it)
     */
    public static ReceiverFidelity measure(Path prepared, Path capture, double multiplier) throws IOException {
        Map<ByteBuffer, ArrayDeque<Long>> byBytes = new HashMap<>();
        long[] offsets;
        try (NvcrFile f = NvcrFile.open(prepared)) {
            offsets = new long[(int) f.count()];
            FrameBuilder fb = new FrameBuilder();
            NvcrRecord r = new NvcrRecord();
            byte[] tmp = new byte[FrameBuilder.MAX_FRAME];
            for (int i = 0; i < f.count(); i++) {
                f.record(i, r);
                offsets[i] = (long) (r.sendOffsetNs() / multiplier);
                int n = fb.build(r);
                fb.copyTo(tmp, n);
                byBytes.computeIfAbsent(ByteBuffer.wrap(Arrays.copyOf(tmp, n)), k -> new ArrayDeque<>()).add((long) i);
            }
        }
        ReceiverFidelity fid = new ReceiverFidelity();
        fid.expected = offsets.length;
        long[] eps = new long[offsets.length];
        long[] order = new long[offsets.length];
        int m = 0;
        long firstCapture = 0;
        long firstOffset = 0;
        long maxSeen = -1;
        try (TraceInput in = TraceInput.open(capture.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            while (rd.next(p)) {
                fid.received++;
                ArrayDeque<Long> q = byBytes.get(ByteBuffer.wrap(p.data(), 0, p.capturedLength()));
                if (q == null || q.isEmpty()) {
                    fid.unexpected++;
                    continue;
                }
                long idx = q.poll();
                if (m == 0) {
                    firstCapture = p.timestampNs;
                    firstOffset = offsets[(int) idx];
                }
                if (idx < maxSeen) {
                    fid.reordered++;
                }
                maxSeen = Math.max(maxSeen, idx);
                eps[m] = (p.timestampNs - firstCapture) - (offsets[(int) idx] - firstOffset);
                order[m] = idx;
                m++;
            }
        }
        fid.matched = m;
        fid.lost = fid.expected - m;
        fid.epsilonNs = Arrays.copyOf(eps, m);
        fid.arrivalOrder = Arrays.copyOf(order, m);
        return fid;
    }

    /** Percentile (0..100) of the receiver-side ε, nearest rank; 0 when nothing matched. */
    public long epsilonPercentile(double p) {
        if (epsilonNs.length == 0) {
            return 0;
        }
        long[] s = epsilonNs.clone();
        Arrays.sort(s);
        int k = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, k))];
    }

    public String text() {
        return String.format(Locale.ROOT,
            "Receiver: %d of %d frames arrived byte-identical (%d lost, %d reordered, %d unexpected)%n"
                + "Receiver-side timing error (us, from capture timestamps): p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  min %.3f%n",
            matched, expected, lost, reordered, unexpected,
            epsilonPercentile(50) / 1e3, epsilonPercentile(90) / 1e3, epsilonPercentile(99) / 1e3,
            epsilonPercentile(100) / 1e3, epsilonPercentile(0) / 1e3);
    }

    public void putInto(Summary s, String prefix) {
        s.putPath(prefix + ".expected", expected).putPath(prefix + ".received", received).putPath(prefix + ".matched", matched)
            .putPath(prefix + ".lost", lost).putPath(prefix + ".reordered", reordered).putPath(prefix + ".unexpected", unexpected)
            .putPath(prefix + ".epsilonNs.p50", epsilonPercentile(50)).putPath(prefix + ".epsilonNs.p90", epsilonPercentile(90))
            .putPath(prefix + ".epsilonNs.p99", epsilonPercentile(99)).putPath(prefix + ".epsilonNs.max", epsilonPercentile(100))
            .putPath(prefix + ".epsilonNs.min", epsilonPercentile(0));
    }
}
