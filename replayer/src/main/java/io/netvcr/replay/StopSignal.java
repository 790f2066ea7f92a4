package io.netvcr.replay;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT/SIGTERM set a flag that the send loop reads before every packet, so a replay stops at a packet
 * boundary and still prints its report (exit 130/143). Handlers are restored when the replay ends, so an
 * in-process caller (tests, netvcr demo) gets its own behaviour back.
 */
public final class StopSignal implements AutoCloseable {
    /** The shell's code for a process ended by the signal: 128 + signal number. */
    public static final int SIGINT_CODE = 128 + 2;

    public static final int SIGTERM_CODE = 128 + 15;
    private volatile int exitCode;
    /** A stop of the parent (the process's signals) stops this one too: warm-up budgets, on-the-fly prep. */
    private final StopSignal parent;

    private SignalHandler previousInt;
    private SignalHandler previousTerm;

    public StopSignal() {
        this(null);
    }

    private StopSignal(StopSignal parent) {
        this.parent = parent;
    }

    /** A stop of its own (a time budget, say) that a stop of this one also triggers. */
    public StopSignal child() {
        return new StopSignal(this);
    }

    public static StopSignal install() {
        StopSignal s = new StopSignal();
        try {
            s.previousInt = Signal.handle(new Signal("INT"), sig -> s.exitCode = SIGINT_CODE);
            s.previousTerm = Signal.handle(new Signal("TERM"), sig -> s.exitCode = SIGTERM_CODE);
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
        return exitCode != 0 || parent != null && parent.requested();
    }

    /** 130 for SIGINT, 143 for SIGTERM, 0 if no stop was asked (a child reports its parent's stop first). */
    public int exitCode() {
        int p = parent == null ? 0 : parent.exitCode();
        return p != 0 ? p : exitCode;
    }

    /** "SIGINT", "SIGTERM", or "a stop request" for other codes. */
    public String signalName() {
        int c = exitCode();
        return c == SIGINT_CODE ? "SIGINT" : c == SIGTERM_CODE ? "SIGTERM" : "a stop request";
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
