package io.netvcr.formats;

import java.io.IOException;

/**
 * Bad input data: always names the file, the record index and the byte offset where reading stopped, so
 * a user can find the damage with a hex editor.
 */
public class TraceFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final long recordIndex;
    private final long byteOffset;

    public TraceFormatException(String source, long recordIndex, long byteOffset, String problem) {
        super(source + ": " + (recordIndex >= 0 ? "record " + recordIndex + (byteOffset >= 0 ? " at " : "") : "")
                + (byteOffset >= 0 ? "byte offset " + byteOffset : "") + ": " + problem);
        this.source = source;
        this.recordIndex = recordIndex;
        this.byteOffset = byteOffset;
    }

    /** For problems that are about the whole input, before any record (e.g. unknown format). */
    public TraceFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.recordIndex = -1;
        this.byteOffset = 0;
    }

    public String source() {
        return source;
    }

    /** 0-based index of the record being read, -1 for the file header. */
    public long recordIndex() {
        return recordIndex;
    }

    /** Offset in the input of the damage, or -1 for problems of an output (e.g. a record pcap cannot hold). */
    public long byteOffset() {
        return byteOffset;
    }
}
