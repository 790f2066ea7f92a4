package io.netvcr.replay.trace;

import io.netvcr.cli.OptionWord;

/** How the sending thread obtains records (--trace-io). */
public enum TraceIo implements OptionWord {
    /** From mapped windows ({@link TraceWindows}). */
    MMAP,
    /** Through buffered read() calls into one reused buffer ({@link BufferedTraceReader}): the paper's fread baseline. */
    READ
}
