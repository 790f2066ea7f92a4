package io.netvcr.prep;

import io.netvcr.formats.nvcr.NvcrLayout;

/** How send offsets are derived: from capture times, a packet rate, a bit rate, or not at all. */
public enum ScheduleMode {
    /** Capture time line divided by a speed factor. */
    MULTIPLIER(NvcrLayout.SCHEDULE_MULTIPLIER),
    /** Evenly spaced at N packets per second. */
    PPS(NvcrLayout.SCHEDULE_PPS),
    /** Back to back at M megabits per second of send (wire) length. */
    MBPS(NvcrLayout.SCHEDULE_MBPS),
    /** Every offset 0: as fast as the sender can. */
    TOPSPEED(NvcrLayout.SCHEDULE_TOPSPEED);

    public final int headerId;

    ScheduleMode(int headerId) {
        this.headerId = headerId;
    }
}
