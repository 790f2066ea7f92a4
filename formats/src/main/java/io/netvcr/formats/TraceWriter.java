package io.netvcr.formats;

import java.io.Closeable;
import java.io.IOException;

/** Writes packets to a trace in some format; {@link #finish()} completes it (the caller then commits the file). */
public interface TraceWriter extends Closeable {
    void write(Packet p) throws IOException;

    void finish() throws IOException;

    long count();
}
