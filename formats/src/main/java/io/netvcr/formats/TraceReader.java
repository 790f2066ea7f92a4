package io.netvcr.formats;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams packets out of one trace. Implementations read sequentially with bounded memory and reuse the
 * caller's {@link Packet}; damage is reported as {@link TraceFormatException}.
 */
public interface TraceReader extends Closeable {
    /** Fills p with the next packet; false at a clean end of the trace. */
    boolean next(Packet p) throws IOException;

    /** Index (0-based) of the packet record last returned, or of the one being read on error. */
    long recordIndex();

    /** Byte offset, in the (decompressed) trace, of the record last returned. */
    long byteOffset();

    /** Registry name of the format ("pcap", "pcapng", ...). */
    String formatName();

    /** Link type common to the whole trace, or -1 when it varies per packet or is not known yet. */
    default int linkType() {
        return -1;
    }
}
