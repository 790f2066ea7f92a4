package io.netvcr.formats.dag;

import io.netvcr.formats.Confidence;
import io.netvcr.formats.TraceFormat;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import java.io.IOException;
import java.util.List;

/** One legacy DAG record layout; registered once per {@link LegacyKind}. Headerless: never detected, only named. */
public final class LegacyDagFormat implements TraceFormat {
    private final LegacyKind kind;

    public LegacyDagFormat(LegacyKind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.formatName();
    }

    @Override
    public List<String> aliases() {
        return List.of(kind.libtraceName());
    }

    @Override
    public int sourceFormatId() {
        return kind.sourceFormatId();
    }

    @Override
    public String description() {
        return kind.description();
    }

    @Override
    public Confidence probe(byte[] head, int length) {
        return Confidence.NONE;
    }

    @Override
    public boolean headerless() {
        return true;
    }

    @Override
    public TraceReader open(TraceSource source) throws IOException {
        return new LegacyDagReader(source, kind);
    }
}
