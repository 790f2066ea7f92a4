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

    // One line per code for --help and the man pages' EXIT STATUS (picocli's exitCodeList, "CODE:meaning").
    public static final String HEADING = "%nExit status:%n";
    public static final String LIST_OK = "  0:success";
    public static final String LIST_USAGE = " 64:usage error: a bad option or argument";
    public static final String LIST_DATA = " 65:bad input data (the message names the file, record and byte offset)";
    public static final String LIST_NO_INPUT = " 66:an input file is missing or unreadable";
    public static final String LIST_CANNOT_CREATE = " 73:an output file cannot be created";
    public static final String LIST_IO = " 74:I/O error while reading or writing";
    public static final String LIST_INTERRUPTED = "130:stopped by SIGINT (unfinished output files are removed)";
    public static final String LIST_TERMINATED = "143:stopped by SIGTERM (unfinished output files are removed)";

    private ExitCodes() {}
}
