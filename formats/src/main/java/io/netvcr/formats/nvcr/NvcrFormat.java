package io.netvcr.formats.nvcr;

import io.netvcr.formats.Confidence;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.WriteTarget;
import java.io.IOException;
import java.util.List;

/** NetVCR's own fixed-record format (formats/FORMAT.md). */
public final class NvcrFormat implements TraceFormat {
    @Override
    public String name() {
        return "nvcr";
    }

    @Override
    public List<String> aliases() {
        return List.of("netvcr");
    }

    @Override
    public int sourceFormatId() {
        return 8;
    }

    @Override
    public String description() {
        return "NetVCR fixed-record trace (converted or prepared)";
    }

    @Override
    public Confidence probe(byte[] head, int length) {
        return NvcrHeader.hasMagic(head, length) ? Confidence.CERTAIN : Confidence.NONE;
    }

    @Override
    public TraceReader open(TraceSource source) throws IOException {
        return new NvcrStreamReader(source);
    }

    @Override
    public List<String> extensions() {
        return List.of(".nvcr");
    }

    @Override
    public boolean writable() {
        return true;
    }

    /** A fresh (not prepared) NetVCR file; with a payload sidecar id the caller writes the sidecar beside it. */
    @Override
    public NvcrWriter create(WriteTarget target) throws IOException {
        NvcrHeader h = new NvcrHeader();
        h.snapLength = target.snapLength;
        h.recordLength = target.recordLength > 0 ? target.recordLength : NvcrLayout.recordLengthFor(target.snapLength);
        h.sourceFormat = target.sourceFormat;
        h.sourceName = target.sourceName;
        h.toolVersion = target.toolVersion;
        if (target.payloadSidecarId != 0) {
            h.fileFlags |= NvcrLayout.FILE_PAYLOAD_SIDECAR;
            h.payloadSidecarId = target.payloadSidecarId;
        }
        return new NvcrWriter(target.channel, h, target.seekable);
    }
}
