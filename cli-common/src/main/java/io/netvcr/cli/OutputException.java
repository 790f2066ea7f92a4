package io.netvcr.cli;

import java.io.IOException;

/** An output could not be created or put in place (sysexits 73). The message names the user's path. */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    public OutputException(String name, String problem) {
        super(name + ": cannot create output: " + problem);
    }

    /** A file operation's failure in words ("permission denied"), without the JDK's class names. */
    public static String reason(IOException e) {
        return OutputTarget.reason(e);
    }

    public OutputException(String name, String problem, Throwable cause) {
        super(name + ": cannot create output: " + problem, cause);
    }
}
