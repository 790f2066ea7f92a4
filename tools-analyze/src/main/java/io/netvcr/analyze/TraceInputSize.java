package io.netvcr.analyze;

import io.netvcr.formats.TraceInput;
import java.io.File;

/** Size of an input for a progress bar: the file's length, or -1 (unknown) for stdin and non-files. */
final class TraceInputSize {
    private TraceInputSize() {}

    static boolean isStdin(String path) {
        return TraceInput.isStdio(path);
    }

    static long of(String path) {
        if (isStdin(path)) {
            return -1;
        }
        File f = new File(path);
        return f.isFile() ? f.length() : -1;
    }
}
