package io.netvcr.formats.io;

import java.io.IOException;

/**
 * The decompressor failed: the compressed stream is damaged or cut off. Readers turn it into a
 * TraceFormatException at the record being read, so it is reported (and exits) as bad input data.
 */
public final class CompressedDataException extends IOException {
    private static final long serialVersionUID = 1L;

    public CompressedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
