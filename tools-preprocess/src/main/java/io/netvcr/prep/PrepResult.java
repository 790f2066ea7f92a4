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
    public List<String> outputs = new ArrayList<>();

    /** Average packet rate of the schedule, 0 when it has no duration (topspeed, one packet). */
    public double pps() {
        return scheduleDurationNs > 0 ? packets * 1e9 / scheduleDurationNs : 0;
    }

    /** Average bit rate of the schedule on send lengths, in Mbit/s. */
    public double mbps() {
        return scheduleDurationNs > 0 ? sendBytes * 8.0 * 1e3 / scheduleDurationNs : 0;
    }
}
