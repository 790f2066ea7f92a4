package io.netvcr.formats.nvcr;

import io.netvcr.formats.Confidence;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
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
}
