package io.netvcr.convert;

import io.netvcr.cli.Output;
import io.netvcr.cli.OutputSet;
import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceFormats;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceMerger;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceWriter;
import io.netvcr.formats.WriteTarget;
import io.netvcr.formats.nvcr.AsReplayedReader;
import io.netvcr.formats.nvcr.NvcrFormat;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.nvcr.PayloadSidecar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams traces into another format: any readable trace to NetVCR, pcap or pcapng. Several inputs are
 * merged by time ({@link TraceMerger}); --filter, then the time range, --skip and --limit choose packets.
 */
public final class Converter {
    private Converter() {}

    public static ConvertResult convert(ConvertOptions o, Progress progress) throws IOException {
        if (o.inputs.isEmpty()) {
            throw new IllegalArgumentException("no input given");
        }
        TraceFormat kind = TraceFormats.forOutput(o.output);
        o.reader.linkEthernet = o.linkEthernet != null ? o.linkEthernet : kind instanceof NvcrFormat;
        long start = System.nanoTime();
        ConvertResult r = new ConvertResult();
        r.outputKind = kind.name();
        List<TraceInput> inputs = new ArrayList<>();
        List<java.io.Closeable> sidecars = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String arg : o.inputs) {
            paths.add(InputSpec.parse(arg, o.format).path());
        }
        try (OutputSet outputs = OutputSet.begin(paths);
                PacketFilter filter = o.filter != null ? new PacketFilter(o.filter) : null) {
            outputs.expect(o.output);
            if (o.keepPayload) {
                outputs.expect(PayloadSidecar.nameFor(o.output));
            }
            try {
                for (String arg : o.inputs) {
                    InputSpec spec = InputSpec.parse(arg, o.format);
                    inputs.add(TraceInput.open(spec.path(), spec.format(), o.reader));
                }
                TraceReader reader;
                if (o.asReplayed) {
                    if (inputs.size() != 1) {
                        throw new IllegalArgumentException("--as-replayed takes one prepared .nvcr input");
                    }
                    reader = AsReplayedReader.over(
                            inputs.get(0).reader(), inputs.get(0).name());
                } else {
                    reader = reader(inputs, sidecars);
                }
                if (filter != null && reader.linkType() >= 0) {
                    filter.prepare(reader.linkType());
                }
                try (Output out = Output.open(o.output);
                        TraceWriter writer = writer(kind, out, o, reader)) {
                    r.inputFormat = reader.formatName();
                    copy(
                            reader,
                            writer,
                            filter,
                            new PacketWindow(o.timeRange, o.skip, o.limit),
                            kind,
                            o,
                            r,
                            inputs,
                            progress);
                    writer.finish();
                    out.commit();
                    outputs.commit();
                }
                if (reader instanceof TraceMerger) {
                    r.interfaces = ((TraceMerger) reader).interfaceMap();
                }
                r.inputBytes = rawBytes(inputs);
                for (TraceInput in : inputs) {
                    r.nonPacketsSkipped += in.nonPacketsSkipped();
                }
                r.salvageWarning = salvageWarnings(inputs);
            } finally {
                for (java.io.Closeable c : sidecars) {
                    c.close();
                }
                closeAll(inputs);
            }
        }
        r.elapsedNs = System.nanoTime() - start;
        return r;
    }

    private static void copy(
            TraceReader reader,
            TraceWriter writer,
            PacketFilter filter,
            PacketWindow window,
            TraceFormat kind,
            ConvertOptions o,
            ConvertResult r,
            List<TraceInput> inputs,
            Progress progress)
            throws IOException {
        Packet p = new Packet();
        long lastRaw = 0;
        boolean nvcr = kind instanceof NvcrFormat;
        SnapCheck snapCheck = nvcr && !o.asReplayed ? new SnapCheck(o.snap) : null;
        while (!window.full() && reader.next(p)) {
            r.packetsRead++;
            if ((r.packetsRead & 1023) == 0) {
                long raw = rawBytes(inputs);
                progress.advance(raw - lastRaw);
                lastRaw = raw;
            }
            if (filter != null && !filter.accept(p)) {
                continue;
            }
            PacketWindow.Verdict v = window.judge(p);
            if (v == PacketWindow.Verdict.STOP) {
                break;
            }
            if (v == PacketWindow.Verdict.DROP) {
                continue;
            }
            if (nvcr) {
                NvcrWriter.requireStorable(p, inputs.size() == 1 ? inputs.get(0).name() : r.inputFormat, reader);
            }
            if (snapCheck != null) {
                snapCheck.check(p);
            }
            writer.write(p);
            r.packets++;
            r.wireBytes += p.wireLength;
            r.storedBytes += Math.min(p.capturedLength(), nvcr ? o.snap : Integer.MAX_VALUE);
            if ((p.flags & PacketFlags.TRUNCATED) != 0 || (nvcr && p.wireLength > o.snap)) {
                r.truncated++;
            }
        }
        progress.advance(rawBytes(inputs) - lastRaw);
        if (snapCheck != null) {
            r.snapCutsHeaders = snapCheck.cutHeaders;
            r.snapCutsEssentials = snapCheck.cutEssentials;
            r.snapWarning = snapCheck.warning(r.packets);
            r.snapForHeaders = snapCheck.needed;
        }
    }

    /** What --salvage dropped, per damaged input, or null when every input was whole. */
    private static String salvageWarnings(List<TraceInput> inputs) {
        List<String> w = new ArrayList<>();
        for (TraceInput in : inputs) {
            if (in.salvageWarning() != null) {
                w.add(in.salvageWarning());
            }
        }
        return w.isEmpty() ? null : String.join("; ", w);
    }

    /** The inputs as one stream; a NetVCR input's payload sidecar is read back into whole packets. */
    private static TraceReader reader(List<TraceInput> inputs, List<java.io.Closeable> sidecars) throws IOException {
        List<TraceReader> readers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (TraceInput in : inputs) {
            TraceReader r = PayloadSidecar.resolving(in.reader(), in.name());
            if (r != in.reader()) {
                sidecars.add(r);
            }
            readers.add(r);
            names.add(displayName(in.name()));
        }
        if (readers.size() == 1) {
            return readers.get(0);
        }
        return new TraceMerger(readers, names);
    }

    private static long rawBytes(List<TraceInput> inputs) {
        long n = 0;
        for (TraceInput in : inputs) {
            n += in.rawBytesRead();
        }
        return n;
    }

    private static void closeAll(List<TraceInput> inputs) throws IOException {
        IOException first = null;
        for (TraceInput in : inputs) {
            try {
                in.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static String displayName(String name) {
        return TraceInput.isStdio(name) || name.startsWith("<")
                ? name
                : String.valueOf(Path.of(name).getFileName());
    }

    static TraceWriter writer(TraceFormat kind, Output out, ConvertOptions o, TraceReader reader) throws IOException {
        WriteTarget t = new WriteTarget(out.channel(), out.name(), out.seekable());
        t.linkType = reader.linkType();
        t.snapLength = o.snap;
        t.recordLength = o.recordLength;
        t.sourceFormat = TraceFormats.sourceFormatId(reader.formatName());
        List<String> names = new ArrayList<>();
        for (String arg : o.inputs) {
            names.add(displayName(InputSpec.parse(arg, o.format).path()));
        }
        t.sourceName = String.join("+", names);
        t.toolVersion = o.toolVersion;
        if (o.keepPayload) {
            // --keep-payload is checked to mean a .nvcr output; the sidecar is convert's, layered on its writer.
            t.payloadSidecarId = PayloadSidecar.newId();
            return new SidecarWriter(((NvcrFormat) kind).create(t), o.output, t.payloadSidecarId);
        }
        return kind.create(t);
    }
}
