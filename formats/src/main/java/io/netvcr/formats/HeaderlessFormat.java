package io.netvcr.formats;

/**
 * A format with no header to recognise it by (TSH, the legacy DAG layouts): never detected by content, read only
 * when named with --format or NAME:FILE.
 */
public interface HeaderlessFormat extends TraceFormat {
    @Override
    default Confidence probe(byte[] head, int length) {
        return Confidence.NONE;
    }

    @Override
    default boolean headerless() {
        return true;
    }
}
