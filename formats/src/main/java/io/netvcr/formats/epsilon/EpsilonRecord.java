package io.netvcr.formats.epsilon;

/** One ε-log record as read; mutable and reused by {@link EpsilonLogReader}. */
public final class EpsilonRecord {
    /** callNs / returnNs when the log does not have it (version 1 has no return time). */
    public static final long UNKNOWN = Long.MIN_VALUE;

    /** Record number in the replayed .nvcr (repeats across --loop passes). */
    public long index;
    /** When the packet was due, ns. */
    public long deadlineNs;
    /** Clock just before the send call (version 1: its one send time). */
    public long callNs;
    /** Clock after the send call returned, or {@link #UNKNOWN} in version 1. */
    public long returnNs = UNKNOWN;
    /** The send-time error as recorded: positive is late. */
    public long epsilonNs;
}
