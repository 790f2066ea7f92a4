package io.netvcr.replay.os;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * jnr-posix, for the POSIX calls it covers (errno text, opening and closing a path); {@link LinuxNative} binds only
 * what jnr-posix lacks. Bound on first use, so a command that never makes a native call (help, version, analyze)
 * never loads it.
 */
public final class Posix {
    private Posix() {}

    private static final class Holder {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }

    private static final int RLIMIT_MEMLOCK = 8;
    private static final int RLIMIT_RTPRIO = 14;

    /** "RLIMIT_MEMLOCK (ulimit -l; now 8192 KiB)", for the message of a refused mlock (without "now" if unknown). */
    public static String memlockLimit() {
        return limit("RLIMIT_MEMLOCK (ulimit -l", RLIMIT_MEMLOCK, 1024, " KiB");
    }

    /** "RLIMIT_RTPRIO (ulimit -r; now 0)", for the message of a refused SCHED_FIFO (without "now" if unknown). */
    public static String rtprioLimit() {
        return limit("RLIMIT_RTPRIO (ulimit -r", RLIMIT_RTPRIO, 1, "");
    }

    private static String limit(String name, int resource, long unit, String suffix) {
        try {
            long cur = get().getrlimit(resource).rlimCur();
            return name + "; now " + (cur < 0 ? "unlimited" : cur / unit + suffix) + ")";
        } catch (RuntimeException | LinkageError unknown) {
            return name + ")";
        }
    }

    /** The native POSIX binding; throws when this platform has none (callers that can do without catch it). */
    public static POSIX get() {
        return Holder.POSIX;
    }
}
