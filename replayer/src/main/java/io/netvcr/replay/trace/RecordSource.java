package io.netvcr.replay.trace;

import io.netvcr.formats.nvcr.NvcrRecord;
import java.io.IOException;

/**
 * Where the send loop obtains record i: the mapped windows ({@link TraceWindows}, the default) or buffered
 * {@code read()} calls ({@link BufferedTraceReader}, --trace-io read: the paper's fread baseline). Either way the
 * record is a flyweight over memory the source owns, valid until the next call.
 */
public interface RecordSource {
    NvcrRecord record(long i, NvcrRecord flyweight) throws IOException;

    /**
     * Whether a frame may be sent straight from the record's memory and stay valid until its batch is flushed:
     * only mapped windows keep earlier records in place; a read buffer is overwritten by the next refill.
     */
    boolean recordsStayInPlace();
}
