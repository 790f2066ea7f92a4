package io.netvcr.formats;

import java.io.IOException;
import java.util.List;

/** A trace file format: its names, how to recognise it, how to read it. Registered in {@link TraceFormats}. */
public interface TraceFormat {
    String name();

    default List<String> aliases() {
        return List.of();
    }

    /** One line for --help and the README's format table. */
    String description();

    /** Judges the first bytes of the (decompressed) input; headerless formats always answer NONE. */
    Confidence probe(byte[] head, int length);

    TraceReader open(TraceSource source) throws IOException;
}
