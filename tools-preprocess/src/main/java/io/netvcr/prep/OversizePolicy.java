package io.netvcr.prep;

import io.netvcr.cli.OptionWord;

/** What prep does with a frame longer than the MTU (GSO/TSO captures hold 64 KB "frames"; --oversize). */
public enum OversizePolicy implements OptionWord {
    /** Send the first MTU bytes, with IP (and UDP) lengths shrunk to match. */
    TRUNCATE,
    /** Leave the frame out of the prepared trace. */
    DROP,
    /** Send it whole (the link must take jumbo frames). */
    KEEP
}
