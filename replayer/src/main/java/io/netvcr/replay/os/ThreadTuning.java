package io.netvcr.replay.os;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Tunes the calling (sending) thread: CPU pinning, SCHED_FIFO, 1 ns timer slack, locked memory. Each step
 * records in {@link Mechanisms} whether it took effect. Timer slack is set last: a scheduler change resets it
 * (docs/LINUX-NOTES.md#timers).
 */
public final class ThreadTuning {
    private ThreadTuning() {}

    /**
     * What the tuning got that the timers act on (the rest is only reported): whether the thread now runs
     * SCHED_FIFO, so spinning timers need the RT guard.
     */
    public record Result(boolean realtime) {}

    /** cpu &lt; 0 and rtPriority &lt;= 0 mean "not asked". */
    public static Result apply(int cpu, int rtPriority, boolean mlockAll, Mechanisms m) {
        LinuxNative.LibC c = LinuxNative.libc();
        if (c == null) {
            m.refused("native thread tuning", "jnr-ffi unavailable: " + LinuxNative.loadFailure());
            return new Result(false);
        }
        boolean realtime = false;
        BytesStore<?, Void> scratch = BytesStore.nativeStoreWithFixedCapacity(128);
        try {
            long a = scratch.addressForWrite(0);
            if (cpu >= 0) {
                scratch.zeroOut(0, 128);
                scratch.writeByte(cpu / 8, (byte) (1 << (cpu % 8)));
                if (cpu >= 1024 || c.sched_setaffinity(0, 128, a) != 0) {
                    m.refused(
                            "CPU pinning (--cpu " + cpu + ")",
                            cpu >= 1024 ? "no such CPU" : LinuxNative.describe(LinuxNative.errno()));
                } else {
                    m.inForce("sending thread pinned to CPU " + cpu);
                    HelperThreads.sendingCpu(cpu);
                    java.util.BitSet helpers = HelperThreads.helperCpus();
                    if (helpers != null && !helpers.get(cpu)) {
                        m.inForce("helper threads (windows, log and pcap writers) kept off CPU " + cpu + ": on CPUs "
                                + helpers.toString().replaceAll("[{} ]", ""));
                    } else {
                        m.refused("helper threads off the sending CPU", "no other CPU allowed to this process");
                    }
                }
            }
            if (rtPriority > 0) {
                scratch.writeInt(0, rtPriority);
                if (c.sched_setscheduler(0, LinuxNative.SCHED_FIFO, a) != 0) {
                    int e = LinuxNative.errno();
                    m.refused(
                            "SCHED_FIFO priority " + rtPriority,
                            LinuxNative.describe(e)
                                    + (e == LinuxNative.EPERM
                                            ? " - needs root or CAP_SYS_NICE (or a larger " + Posix.rtprioLimit() + ")"
                                            : ""));
                } else {
                    m.inForce("SCHED_FIFO priority " + rtPriority);
                    realtime = true;
                }
            }
            if (mlockAll) {
                if (c.mlockall(LinuxNative.MCL_CURRENT) != 0) {
                    int e = LinuxNative.errno();
                    m.refused(
                            "mlockall",
                            LinuxNative.describe(e) + " - needs CAP_IPC_LOCK or a larger " + Posix.memlockLimit());
                } else {
                    m.inForce("memory locked (mlockall MCL_CURRENT; trace windows mlocked as mapped)");
                }
            }
            if (c.prctl(LinuxNative.PR_SET_TIMERSLACK, 1, 0, 0, 0) != 0) {
                m.refused("timer slack 1 ns", LinuxNative.describe(LinuxNative.errno()));
            } else {
                m.inForce("timer slack 1 ns (PR_SET_TIMERSLACK)");
            }
        } finally {
            scratch.releaseLast();
        }
        return new Result(realtime);
    }
}
