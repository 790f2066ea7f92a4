package io.netvcr.formats;

/** How sure a format is that the leading bytes are its own. */
public enum Confidence {
    /** Not this format (or a headerless format that never guesses). */
    NONE,
    /** Plausible by a structural check but no magic number (ERF). */
    HEURISTIC,
    /** A magic number matched. */
    CERTAIN
}
