package io.netvcr.replay;

/**
 * A replay that cannot start or go on, in the engine's own terms. The engine says what kind of failure it was;
 * only the command layer ({@link ReplayCommand#exitCode(Kind)}) turns the kind into a process exit code, so the
 * engine can run inside other tools (netvcr demo, tests) without knowing about command lines.
 */
public class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as a caller needs to tell failures apart. */
    public enum Kind {
        /** Options that contradict each other or are out of range. */
        USAGE,
        /** The trace, an interface or a namespace does not exist, or the trace is not a regular file. */
        MISSING_INPUT,
        /** The trace is not a prepared NetVCR file, or a record in it is damaged. */
        BAD_TRACE,
        /** The system refused a privilege (raw socket, namespace). */
        NOT_PERMITTED,
        /** Sending, or writing an output (pcap sink, ε log), failed. */
        IO,
        /** An output file (pcap sink, ε log) cannot be created. */
        CANNOT_CREATE,
        /** A stop was requested (SIGINT/SIGTERM) before the replay got going. */
        STOPPED,
        /** A bug or an unexpected state. */
        INTERNAL
    }

    private final Kind kind;
    /** For {@link Kind#STOPPED}: which signal (the {@link StopSignal} code), else 0. */
    private final int signalCode;

    public ReplayException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ReplayException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.signalCode = 0;
    }

    private ReplayException(String message, int signalCode) {
        super(message);
        this.kind = Kind.STOPPED;
        this.signalCode = signalCode;
    }

    public static ReplayException usage(String message) {
        return new ReplayException(Kind.USAGE, message);
    }

    /** Stopped by the signal whose {@link StopSignal#exitCode()} is code, in the phase named. */
    public static ReplayException stopped(StopSignal stop, String phase) {
        return new ReplayException("stopped by " + stop.signalName() + " " + phase, stop.exitCode());
    }

    public Kind kind() {
        return kind;
    }

    public int signalCode() {
        return signalCode;
    }
}
