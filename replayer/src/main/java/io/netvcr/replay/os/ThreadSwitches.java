package io.netvcr.replay.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's involuntary context switches (nonvoluntary_ctxt_switches in /proc/thread-self/status): how
 * often the scheduler took the CPU from a sending thread that wanted it. A spinning sender never yields, so each
 * one is a moment another task (a helper thread, the JIT, another process, a kernel thread) ran on its CPU - the
 * cause of an ε spike that no clock in the loop can name. Read outside the loop (it allocates).
 */
public final class ThreadSwitches {
    private static final Path STATUS = Path.of("/proc/thread-self/status");
    private static final String KEY = "nonvoluntary_ctxt_switches:";

    private ThreadSwitches() {}

    /** The count so far, or -1 where /proc does not say. */
    public static long involuntary() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(KEY)) {
                    return Long.parseLong(line.substring(KEY.length()).trim());
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return -1;
        }
        return -1;
    }
}
