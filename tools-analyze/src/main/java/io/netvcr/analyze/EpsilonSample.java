package io.netvcr.analyze;

/** One packet's send-time error as a replay measured or a capture implies it; mutable and reused. */
public final class EpsilonSample {
    /** Packet index in the replayed trace (record number). */
    public long index;
    /** When the packet was due, ns (replayer clock, or capture-relative schedule). */
    public long deadlineNs;
    /** When it was actually sent or seen, ns. */
    public long actualNs;
    /** actualNs - deadlineNs: positive is late. */
    public long epsilonNs;
    /** Replayer clock just before the send call (version-1 logs: actualNs). */
    public long callNs;
    /** Replayer clock after the send call returned, or {@link #UNKNOWN} (version-1 logs, captures). */
    public long returnNs = UNKNOWN;

    public static final long UNKNOWN = Long.MIN_VALUE;
}
