package io.netvcr.analyze;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of ε samples, whatever produced them: the replayer's {@code --epsilon-log} ({@link EpsilonLog}) or
 * the matching of a receiver capture ({@link Compare}). Kept small so the replayer's final log format can be
 * plugged in behind it.
 */
public interface EpsilonSource extends Closeable {
    /** Fills s with the next sample; false at the end. */
    boolean next(EpsilonSample s) throws IOException;
}
