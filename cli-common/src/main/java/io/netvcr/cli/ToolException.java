package io.netvcr.cli;

/** A failure the user should see as one line, with the exit code it maps to. */
public class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ToolException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ToolException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static ToolException usage(String message) {
        return new ToolException(ExitCodes.USAGE, message);
    }
}
