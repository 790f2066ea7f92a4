package io.netvcr.formats.dag;

import io.netvcr.formats.HeaderlessFormat;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import java.io.IOException;
import java.util.List;

/** One legacy DAG record layout; registered once per {@link LegacyKind}. Headerless: never detected, only named. */
public record LegacyDagFormat(LegacyKind kind) implements HeaderlessFormat {
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
    public TraceReader open(TraceSource source) throws IOException {
        return new LegacyDagReader(source, kind);
    }
}
