package io.netvcr.formats;

import java.io.IOException;
import java.util.List;

/**
 * A trace file format: its names, how to recognise it, how to read it and (if it can be written) how to write
 * it. One class per format plus one line in {@link TraceFormats}; every tool picks readers, writers and source
 * format ids through that registry.
 */
public interface TraceFormat {
    String name();

    default List<String> aliases() {
        return List.of();
    }

    /** One line for --help and the README's format table. */
    String description();

    /**
     * The number a NetVCR header stores in {@code sourceFormat} for traces read from this format (FORMAT.md's
     * header table); unique across the registry, 0 only for "unknown".
     */
    int sourceFormatId();

    /** Judges the first bytes of the (decompressed) input; headerless formats always answer NONE. */
    Confidence probe(byte[] head, int length);

    /** True for formats with no header to detect them by, which are read only when named (--format, NAME:FILE). */
    default boolean headerless() {
        return false;
    }

    TraceReader open(TraceSource source) throws IOException;

    /** Output file name endings (lower case, with the dot) that choose this format; the first is the usual one. */
    default List<String> extensions() {
        return List.of();
    }

    /** True when {@link #create} writes this format. */
    default boolean writable() {
        return false;
    }

    /** A writer for this format; the caller finishes it and commits the output. */
    default TraceWriter create(WriteTarget target) throws IOException {
        throw new UnsupportedOperationException(name() + " traces can be read but not written");
    }
}
