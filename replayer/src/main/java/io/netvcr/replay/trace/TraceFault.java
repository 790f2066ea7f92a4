package io.netvcr.replay.trace;

import io.netvcr.formats.nvcr.NvcrLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trace that shrinks while it is replayed leaves mapped pages with no file behind them: touching one raises
 * SIGBUS, which HotSpot turns into an {@link InternalError} ("a fault occurred in ... unsafe memory access")
 * in the thread that read the page, instead of crashing. This class recognises that error and words it for
 * the user: the file, the record being read and where the file now ends.
 */
public final class TraceFault {
    private TraceFault() {}

    /** True for the error HotSpot raises when an unsafe read hits a page the file no longer backs. */
    public static boolean isMappedFileFault(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InternalError
                    && c.getMessage() != null
                    && c.getMessage().contains("unsafe memory access")) {
                return true;
            }
        }
        return false;
    }

    /** One line: the file, the record index, its byte offset, and the file's size now. */
    public static String describe(Path path, long recordIndex, int recordLength) {
        long offset = NvcrLayout.recordOffset(recordIndex, recordLength);
        String now;
        try {
            now = "it is now " + Files.size(path) + " bytes";
        } catch (IOException e) {
            now = "it is gone";
        }
        return "stopped: " + path + ": record " + recordIndex + " at byte offset " + offset
                + " is no longer in the file (" + now + "): the trace was truncated or replaced while it was replayed";
    }
}
