package io.netvcr.prep;

import io.netvcr.cli.Output;
import io.netvcr.cli.OutputSet;
import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrStreamReader;
import io.netvcr.formats.nvcr.NvcrValidator;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.nvcr.PayloadSidecar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One prep run: streams the input once (a converted .nvcr, or any trace TraceInput opens, converted on the
 * fly), and for each packet rewrites headers, applies the MTU policy, precomputes checksums for the frame
 * that will be sent, gives it its send offset and direction, and appends it to its shard. Memory is
 * bounded; stdin and stdout work (a streamed output's header cannot carry the schedule duration and loop
 * period, which are only known at the end: they stay 0 there).
 */
public final class Preparer {
    private static final int PREP_FLAGS = PacketFlags.PREPARED
            | PacketFlags.CHECKSUMS_PREPARED
            | PacketFlags.CHECKSUMS_UNTOUCHED
            | PacketFlags.OVERSIZE
            | PacketFlags.HAS_PAYLOAD_REF;

    private final PrepOptions o;
    private final FrameDissector dis = new FrameDissector();
    private final FrameDissector sent = new FrameDissector();
    private final ChecksumPrecomputer checksums = new ChecksumPrecomputer();
    private final FiveTuple flow = new FiveTuple();
    private final byte[] frame = new byte[FrameBuilder.MAX_FRAME];
    /** frame[dirty..] is all zeros. */
    private int dirty;

    private Preparer(PrepOptions o) {
        this.o = o;
    }

    public static PrepResult run(PrepOptions o, Progress progress) throws IOException {
        return new Preparer(o).run(progress);
    }

    private PrepResult run(Progress progress) throws IOException {
        if (o.shards > 1 && Output.isStdout(o.output)) {
            throw new IllegalArgumentException("--shards needs an output file name, not stdout");
        }
        long start = System.nanoTime();
        PrepResult res = new PrepResult();
        SendOffsets schedule = new SendOffsets(o.scheduleMode, o.rate, o.maxGapNs, o.l1);
        Sharder sharder = new Sharder(o.shards);
        Output[] outs = new Output[o.shards];
        NvcrWriter[] writers = new NvcrWriter[o.shards];
        NvcrValidator[] checks = new NvcrValidator[o.shards];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < o.shards; i++) {
            names.add(o.shards == 1 ? o.output : Sharder.shardName(o.output, i));
        }
        ReaderOptions readerOptions = new ReaderOptions();
        // As netvcr-convert does for .nvcr: raw-IP records (TSH, ERF IPv4/IPv6) get an Ethernet header to go on a wire.
        readerOptions.linkEthernet = true;
        // Shards are one output set: all of them replace the old ones, or none does.
        try (OutputSet outputSet = OutputSet.begin(o.input);
                TraceInput input = TraceInput.open(o.input, o.format, readerOptions)) {
            for (String name : names) {
                outputSet.expect(name);
            }
            TraceReader source = input.reader();
            res.inputFormat = source.formatName();
            NvcrHeader template = header(source);
            TraceReader reader = payloadReader(source);
            int snap = template.snapLength;
            // Records may hold completed header bytes past the snap (a UDP length, an IPv4 checksum), up to the
            // record's room; the snap still bounds the captured bytes kept.
            template.snapLength = template.recordLength - NvcrLayout.RECORD_HEADER_LENGTH;
            res.snap = snap;
            try {
                for (int i = 0; i < o.shards; i++) {
                    outs[i] = Output.open(names.get(i));
                    writers[i] = new NvcrWriter(outs[i].channel(), template.copy(), outs[i].seekable());
                    res.outputs.add(names.get(i));
                }
                for (int i = 0; i < o.shards; i++) {
                    checks[i] = new NvcrValidator(input.name(), writers[i].header());
                }
                Packet p = new Packet();
                long lastRaw = 0;
                while (reader.next(p)) {
                    NvcrWriter.requireStorable(p, input.name(), reader);
                    try {
                        prepare(p, snap, template.snapLength, schedule, sharder, writers, checks, reader, res);
                    } catch (ArithmeticException e) {
                        throw new TraceFormatException(
                                input.name(), reader.recordIndex(), reader.byteOffset(), e.getMessage());
                    }
                    if (((res.packets + res.dropped) & 1023) == 0) {
                        long raw = input.rawBytesRead();
                        progress.advance(raw - lastRaw);
                        lastRaw = raw;
                    }
                }
                res.empty += input.nonPacketsSkipped();
                res.outOfOrder = schedule.outOfOrder();
                res.scheduleDurationNs = schedule.durationNs();
                try {
                    res.loopPeriodNs = SendOffsets.requireReplayable("loop period", schedule.loopPeriodNs());
                } catch (ArithmeticException e) {
                    throw new TraceFormatException(
                            input.name(), reader.recordIndex(), reader.byteOffset(), e.getMessage());
                }
                for (int i = 0; i < o.shards; i++) {
                    NvcrHeader h = writers[i].header();
                    h.scheduleDurationNs = res.scheduleDurationNs;
                    h.loopPeriodNs = res.loopPeriodNs;
                    NvcrValidator.checkHeader(res.outputs.get(i), h);
                    writers[i].finish();
                    outs[i].commit();
                }
                outputSet.commit();
            } finally {
                if (reader != source) {
                    reader.close();
                }
                for (Output out : outs) {
                    if (out != null) {
                        out.close();
                    }
                }
            }
        }
        res.elapsedNs = System.nanoTime() - start;
        return res;
    }

    /** Keep mode over a NetVCR input converted with --keep-payload: whole packets from its sidecar. */
    private TraceReader payloadReader(TraceReader reader) throws IOException {
        if (o.payload != PayloadMode.KEEP
                || !(reader instanceof NvcrStreamReader)
                || (((NvcrStreamReader) reader).header().fileFlags & NvcrLayout.FILE_PAYLOAD_SIDECAR) == 0) {
            return reader;
        }
        if (TraceInput.isStdio(o.input)) {
            throw new IllegalArgumentException(
                    "--payload keep reads the input's payload sidecar, which needs the input "
                            + "as a regular file, not - (stdin)");
        }
        return PayloadSidecar.resolving(reader, o.input);
    }

    /** The output header: the input's when it is NetVCR, else a fresh one; marked prepared with our parameters. */
    private NvcrHeader header(TraceReader reader) {
        NvcrHeader h;
        int snap;
        int whole = o.oversize == OversizePolicy.KEEP
                ? NvcrLayout.MAX_RECORD_LENGTH - NvcrLayout.RECORD_HEADER_LENGTH
                : o.mtu;
        if (reader instanceof NvcrStreamReader) {
            h = ((NvcrStreamReader) reader).header().copy();
            snap = o.payload == PayloadMode.KEEP ? Math.max(h.snapLength, whole) : h.snapLength;
        } else {
            h = new NvcrHeader();
            h.sourceFormat = io.netvcr.formats.TraceFormats.sourceFormatId(reader.formatName());
            h.sourceName = TraceInput.isStdio(o.input)
                    ? "<stdin>"
                    : String.valueOf(Path.of(o.input).getFileName());
            snap = o.payload == PayloadMode.KEEP ? whole : o.snap;
        }
        if (o.rewriter.addsVlanTag()) {
            snap += 4;
        }
        snap = Math.min(snap, NvcrLayout.MAX_RECORD_LENGTH - NvcrLayout.RECORD_HEADER_LENGTH);
        h.snapLength = snap;
        h.recordLength =
                Math.max(NvcrLayout.recordLengthFor(snap), reader instanceof NvcrStreamReader ? h.recordLength : 0);
        // The prepared records hold whole packets in keep mode: the output has no sidecar.
        h.fileFlags = (h.fileFlags & NvcrLayout.FILE_OUT_OF_ORDER)
                | NvcrLayout.FILE_PREPARED
                | (o.scheduleMode == ScheduleMode.TOPSPEED ? NvcrLayout.FILE_TOPSPEED : 0);
        h.scheduleMode = o.scheduleMode.headerId;
        h.scheduleParam = o.scheduleMode == ScheduleMode.TOPSPEED ? 0 : o.rate.value();
        h.maxGapNs = o.maxGapNs;
        h.payloadSidecarId = 0;
        h.payloadMode = o.payload.headerId;
        h.prepParameters = o.parameters;
        h.scheduleDurationNs = 0;
        h.loopPeriodNs = 0;
        if (!o.toolVersion.isEmpty()) {
            h.toolVersion = o.toolVersion;
        }
        return h;
    }

    private void prepare(
            Packet p,
            int snap,
            int room,
            SendOffsets schedule,
            Sharder sharder,
            NvcrWriter[] writers,
            NvcrValidator[] checks,
            TraceReader reader,
            PrepResult res)
            throws IOException {
        if (schedule.count() == 0 && res.dropped == 0) {
            // The time line starts at the first packet read, kept or not, so dropping it shifts nothing.
            schedule.start(p.timestampNs);
        }
        if (p.capturedLength() == 0 && p.wireLength <= 0) {
            // Nothing to send: every sink refuses an empty frame, and the refusal would stop the replay.
            res.empty++;
            return;
        }
        dis.dissect(p.data(), p.capturedLength(), p.linkType);
        boolean changed = o.rewriter.apply(p, dis);
        int wire = Math.max(p.wireLength, p.capturedLength());
        int flags = p.flags & ~PREP_FLAGS;
        int send = wire;
        if (wire > o.mtu) {
            res.oversize++;
            flags |= PacketFlags.OVERSIZE;
            switch (o.oversize) {
                case DROP:
                    res.dropped++;
                    return;
                case TRUNCATE:
                    Rewriter.truncate(p, dis, o.mtu);
                    send = o.mtu;
                    changed = true;
                    res.truncated++;
                    break;
                default:
                    send = Math.min(wire, FrameBuilder.MAX_FRAME);
                    break;
            }
        }
        p.wireLength = wire;
        int captured = p.capturedLength();
        int stored = Math.min(captured, snap);
        loadFrame(p.data(), stored, send);
        // The frame as the replayer sends it, zeros included: headers the capture cut are found and completed.
        sent.dissect(frame, send, p.linkType);
        if (o.payload != PayloadMode.KEEP || changed || stored < send) {
            checksums.compute(frame, stored, send, room, o.payload == PayloadMode.NULL, sent);
            stored = checksums.stored;
            System.arraycopy(frame, 0, p.prepare(stored), 0, stored);
            // Completion and checksums may have written past the stored bytes: clear them for the next frame.
            dirty = Math.max(dirty, Math.min(send, frame.length));
            flags |= checksums.status;
            res.checksumsWritten += checksums.written;
            if (checksums.status == PacketFlags.CHECKSUMS_UNTOUCHED) {
                // Cut by the snap (here, or netvcr-convert's for a .nvcr input) rather than by the capture itself.
                res.untouched(checksums, captured >= snap && wire > snap);
            }
        } else {
            p.prepare(stored);
            checksums.reset();
            res.checksumsKept++;
        }
        if (sent.l3Offset < 0) {
            res.nonIp++;
        }
        flow.of(frame, stored, sent);
        int direction = p.direction;
        if (o.splitter != null) {
            direction = o.splitter.direction(frame, flow);
            flags |= PacketFlags.DIRECTION_KNOWN;
        }
        long offset = SendOffsets.requireReplayable("send offset", schedule.next(p.timestampNs, send));
        p.flags = flags;
        p.direction = direction;
        int shard = sharder.shardOf(flow);
        NvcrWriter w = writers[shard];
        NvcrRecord r = w.fill(p);
        r.sendOffsetNs(offset).sendLength(send).flags(r.flags() | PacketFlags.PREPARED);
        if (checksums.ipChecksum >= 0) {
            r.ipChecksum(checksums.ipChecksum);
        }
        if (checksums.l4ChecksumOffset >= 0) {
            r.l4ChecksumOffset(checksums.l4ChecksumOffset).l4Checksum(checksums.l4Checksum);
        }
        // What the replayer would refuse at open is refused here, naming the input record it came from.
        checks[shard].check(r, reader.recordIndex(), reader.byteOffset());
        w.commitRecord();
        res.packets++;
        res.sendBytes += send;
        if (send > stored) {
            res.padded++;
        }
    }

    /** frame = the stored bytes, then zeros up to len (only the bytes the previous frame dirtied are cleared). */
    private void loadFrame(byte[] src, int stored, int len) {
        System.arraycopy(src, 0, frame, 0, stored);
        if (dirty > stored) {
            java.util.Arrays.fill(frame, stored, dirty, (byte) 0);
        }
        dirty = stored;
    }
}
