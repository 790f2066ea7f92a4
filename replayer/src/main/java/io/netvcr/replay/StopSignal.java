package io.netvcr.replay;

import io.netvcr.cli.ExitCodes;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT/SIGTERM set a flag that the send loop reads before every packet, so a replay stops at a packet
 * boundary and still prints its report (exit 130/143). Handlers are restored when the replay ends, so an
 * in-process caller (tests, netvcr demo) gets its own behaviour back.
 */
public final class StopSignal implements AutoCloseable {
    private volatile int exitCode;
    private SignalHandler previousInt;
    private SignalHandler previousTerm;

    public static StopSignal install() {
        StopSignal s = new StopSignal();
        try {
            s.previousInt = Signal.handle(new Signal("INT"), sig -> s.exitCode = ExitCodes.INTERRUPTED);
            s.previousTerm = Signal.handle(new Signal("TERM"), sig -> s.exitCode = ExitCodes.TERMINATED);
        } catch (IllegalArgumentException e) {
            // Signals not available (e.g. -Xrs): the replay still stops at --limit/--duration.
        }
        return s;
    }

    /** Asks the loop to stop (as if by a signal with this exit code). */
    public void request(int code) {
        exitCode = code;
    }

    public boolean requested() {
        return exitCode != 0;
    }

    /** 130 for SIGINT, 143 for SIGTERM, 0 if no stop was asked. */
    public int exitCode() {
        return exitCode;
    }

    @Override
    public void close() {
        try {
            if (previousInt != null) {
                Signal.handle(new Signal("INT"), previousInt);
            }
            if (previousTerm != null) {
                Signal.handle(new Signal("TERM"), previousTerm);
            }
        } catch (IllegalArgumentException e) {
            // nothing to restore
        }
    }
}
