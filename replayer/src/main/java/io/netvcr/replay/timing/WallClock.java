package io.netvcr.replay.timing;

import java.time.Instant;

/**
 * Converts the replay's monotonic instants (System.nanoTime, CLOCK_MONOTONIC) to CLOCK_REALTIME nanoseconds,
 * so that a receiver sharing the wall clock (another namespace on this host, or a PTP-synchronised peer) can
 * measure absolute lateness against the planned start. The offset is taken from the tightest of a few
 * (monotonic, realtime, monotonic) brackets; its error is half that bracket, well under a microsecond here.
 */
public final class WallClock {
    private WallClock() {}

    /** CLOCK_REALTIME ns at the monotonic instant monoNs (the offset as of now). */
    public static long realtimeOf(long monoNs) {
        long bestWidth = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < 16; i++) {
            long m0 = System.nanoTime();
            Instant now = Instant.now();
            long m1 = System.nanoTime();
            long width = m1 - m0;
            if (width < bestWidth) {
                bestWidth = width;
                offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (m0 + width / 2);
            }
        }
        return monoNs + offset;
    }
}
