package io.netvcr.convert;

import io.netvcr.cli.Output;
import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceWriter;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.pcap.PcapWriter;
import io.netvcr.formats.pcapng.PcapngWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Streams one trace into another format: any readable trace to NetVCR, pcap or pcapng. */
public final class Converter {
    private Converter() {
    }

    public static ConvertResult convert(ConvertOptions o, Progress progress) throws IOException {
        if (o.inputs.size() != 1) {
            throw new IllegalArgumentException("exactly one input is supported");
        }
        OutputKind kind = OutputKind.forPath(o.output);
        long start = System.nanoTime();
        ConvertResult r = new ConvertResult();
        r.outputKind = kind.name().toLowerCase(java.util.Locale.ROOT);
        String inputPath = o.inputs.get(0);
        try (TraceInput input = open(inputPath, o);
             Output out = Output.open(o.output);
             TraceWriter writer = writer(kind, out, o, input)) {
            r.inputFormat = input.reader().formatName();
            Packet p = new Packet();
            long lastRaw = 0;
            while (input.reader().next(p)) {
                writer.write(p);
                r.packets++;
                r.wireBytes += p.wireLength;
                r.storedBytes += Math.min(p.capturedLength(), kind == OutputKind.NVCR ? o.snap : Integer.MAX_VALUE);
                if ((p.flags & PacketFlags.TRUNCATED) != 0 || (kind == OutputKind.NVCR && p.wireLength > o.snap)) {
                    r.truncated++;
                }
                if ((r.packets & 1023) == 0) {
                    long raw = input.rawBytesRead();
                    progress.advance(raw - lastRaw);
                    lastRaw = raw;
                }
            }
            writer.finish();
            out.commit();
            progress.advance(input.rawBytesRead() - lastRaw);
            r.inputBytes = input.rawBytesRead();
            r.salvageWarning = input.salvageWarning();
        }
        r.elapsedNs = System.nanoTime() - start;
        return r;
    }

    private static TraceInput open(String path, ConvertOptions o) throws IOException {
        return TraceInput.open(path, o.format, o.reader);
    }

    static TraceWriter writer(OutputKind kind, Output out, ConvertOptions o, TraceInput input) throws IOException {
        switch (kind) {
            case PCAP: {
                PcapWriter w = new PcapWriter(out.channel(), out.name());
                if (input.reader().linkType() >= 0) {
                    w.linkType(input.reader().linkType());
                }
                return w;
            }
            case PCAPNG:
                return new PcapngWriter(out.channel());
            default: {
                NvcrHeader h = new NvcrHeader();
                h.snapLength = o.snap;
                h.recordLength = o.recordLength > 0 ? o.recordLength : NvcrLayout.recordLengthFor(o.snap);
                String fmt = input.reader().formatName();
                h.sourceFormat = NvcrLayout.sourceFormatId(fmt);
                h.sourceName = TraceInput.isStdio(o.inputs.get(0)) ? "<stdin>"
                    : String.valueOf(Path.of(o.inputs.get(0)).getFileName());
                h.toolVersion = o.toolVersion;
                return new NvcrWriter(out.channel(), h, !out.isStdout());
            }
        }
    }
}
