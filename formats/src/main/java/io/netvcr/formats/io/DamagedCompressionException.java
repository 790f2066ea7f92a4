package io.netvcr.formats.io;

import io.netvcr.formats.TraceFormatException;

/**
 * Compressed input that cannot be decompressed past some point: damaged, cut off, or asking for more memory
 * than any real trace needs. It is bad input data like any other damage, so it is a TraceFormatException;
 * {@link RecordStream} re-reports it with the record that was being read.
 */
public final class DamagedCompressionException extends TraceFormatException {
    private static final long serialVersionUID = 1L;
    private final String problem;

    public DamagedCompressionException(String source, long decompressedOffset, String problem) {
        super(source, -1, decompressedOffset, problem);
        this.problem = problem;
    }

    /** The message without the file name and offset, for re-reporting in a record's context. */
    public String problem() {
        return problem;
    }
}
