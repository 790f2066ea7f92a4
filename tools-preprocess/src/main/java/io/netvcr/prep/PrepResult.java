package io.netvcr.prep;

import java.util.ArrayList;
import java.util.List;

/** Counts from one prep run, for the summary line and --json. */
public final class PrepResult {
    public long packets;
    public long padded;
    public long checksumsWritten;
    public long checksumsUntouched;
    /** Keep mode: frames sent as captured, checksums not recomputed. */
    public long checksumsKept;

    public long nonIp;
    public long oversize;
    public long truncated;
    public long dropped;
    /** Records with no bytes at all (nothing to send), left out. */
    public long empty;

    public long outOfOrder;
    public long sendBytes;
    public long scheduleDurationNs;
    public long loopPeriodNs;
    public long elapsedNs;
    public String inputFormat;
    /** Untouched frames by reason, indexed by {@link UntouchedReason#ordinal()}. */
    public final long[] untouched = new long[UntouchedReason.values().length];
    /** Captured bytes kept per record (the input's snap, or --snap for a raw trace). */
    public int snap;
    /** The first header found cut before its essential fields ("TCP", ...), and how many of its bytes were kept. */
    public String cutHeader;

    public int cutKept;
    /** Most frame bytes any such frame needed stored, and whether the snap (rather than the capture) cut one. */
    public int cutNeeded;

    public boolean cutBySnap;
    public List<String> outputs = new ArrayList<>();

    void untouched(ChecksumPrecomputer c, boolean bySnap) {
        checksumsUntouched++;
        untouched[c.reason.ordinal()]++;
        if (c.reason == UntouchedReason.HEADER_TOO_SHORT && c.cutHeader != null) {
            if (cutHeader == null) {
                cutHeader = c.cutHeader;
                cutKept = c.cutKept;
            }
            cutNeeded = Math.max(cutNeeded, c.needed);
            cutBySnap |= bySnap;
        }
    }

    public long untouched(UntouchedReason r) {
        return untouched[r.ordinal()];
    }

    /**
     * What to do about frames whose headers were cut, or null: "snap 40 keeps 6 TCP bytes; use --snap >= 48"
     * when the snap cut them, else a note that the capture itself holds no more.
     */
    public String hint() {
        if (cutHeader == null) {
            return null;
        }
        if (cutBySnap) {
            return String.format(
                    java.util.Locale.ROOT,
                    "snap %d keeps %d %s bytes; use --snap >= %d",
                    snap,
                    cutKept,
                    cutHeader,
                    cutNeeded);
        }
        return String.format(
                java.util.Locale.ROOT,
                "the capture keeps only %d %s bytes of some packets (%d needed): no snap can fix that",
                cutKept,
                cutHeader,
                cutNeeded);
    }

    /** Average packet rate of the schedule, 0 when it has no duration (topspeed, one packet). */
    public double pps() {
        return scheduleDurationNs > 0 ? packets * 1e9 / scheduleDurationNs : 0;
    }

    /** Average bit rate of the schedule on send lengths, in Mbit/s. */
    public double mbps() {
        return scheduleDurationNs > 0 ? sendBytes * 8.0 * 1e3 / scheduleDurationNs : 0;
    }
}
