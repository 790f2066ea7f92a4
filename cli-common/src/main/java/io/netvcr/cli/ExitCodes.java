package io.netvcr.cli;

/** Process exit codes; the numbers are BSD sysexits(3) so shell scripts can tell failures apart. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int USAGE = 64;
    public static final int DATA_ERROR = 65;
    public static final int NO_INPUT = 66;
    public static final int SOFTWARE = 70;
    public static final int CANNOT_CREATE = 73;
    public static final int IO_ERROR = 74;
    public static final int NO_PERMISSION = 77;
    public static final int INTERRUPTED = 130;
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
