package io.netvcr.cli;

import io.netvcr.formats.TraceFormats;
import java.util.Iterator;

/** The --format values every tool accepts, for help texts and shell completion. */
public final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return TraceFormats.names().iterator();
    }
}
