package io.netvcr.replay.os;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Keeps the replay's helper threads (the window mapper, the ε-log writer, the pcap drainer, the stats printer)
 * out of the sending thread's way. Each helper runs SCHED_BATCH: a fair share of CPU as before, but its wake-up
 * never preempts a running thread, so a drainer waking every half millisecond cannot push a spinning sender off
 * its CPU for the length of its drain (with or without --cpu: the scheduler otherwise wakes a thread where it
 * last ran and lets it preempt a CPU hog). And the helpers keep off the CPUs the sending threads are pinned to
 * with --cpu (a thread the sender creates would inherit its pin).
 * A helper gets "every CPU the process may use except the sending ones" when that set is not empty, else the
 * process's whole set (never the sender's pin alone). Helpers register themselves when they start; a CPU pinned
 * later re-applies the mask to every registered helper, so the order in which they start does not matter.
 */
public final class HelperThreads {
    private static final int MASK_BYTES = 128;
    private static final int SCHED_BATCH = 3;
    private static final BitSet SENDING = new BitSet();
    /** Native thread id → thread name, of the helpers running now. */
    private static final Map<Integer, String> HELPERS = new HashMap<>();

    private static BitSet allowed;

    private HelperThreads() {}

    /** Called on a helper thread as it starts. Best effort: without jnr-ffi or gettid the helper runs anywhere. */
    public static void helperStarted() {
        int tid = tid();
        if (tid <= 0) {
            return;
        }
        batch();
        synchronized (HelperThreads.class) {
            HELPERS.put(tid, Thread.currentThread().getName());
            apply(tid);
        }
    }

    /** Called on a helper thread as it ends. */
    public static void helperEnded() {
        int tid = tid();
        synchronized (HelperThreads.class) {
            HELPERS.remove(tid);
        }
    }

    /** A sending thread was pinned to cpu: every helper leaves it (if another CPU is allowed). */
    public static void sendingCpu(int cpu) {
        synchronized (HelperThreads.class) {
            SENDING.set(cpu);
            for (int tid : HELPERS.keySet()) {
                apply(tid);
            }
        }
    }

    /** A sending thread ended: its CPU is free for helpers again (tests run many replays in one JVM). */
    public static void sendingCpuReleased(int cpu) {
        synchronized (HelperThreads.class) {
            SENDING.clear(cpu);
        }
    }

    /** The CPUs a helper may use now, or null when nothing is pinned (helpers are left alone then). */
    public static synchronized BitSet helperCpus() {
        if (SENDING.isEmpty()) {
            return null;
        }
        BitSet all = processCpus();
        if (all == null) {
            return null;
        }
        BitSet off = (BitSet) all.clone();
        off.andNot(SENDING);
        return off.isEmpty() ? all : off;
    }

    /** The CPU set of thread tid as the kernel has it (tests, reports); null if unknown. */
    public static BitSet cpusOf(int tid) {
        LinuxNative.LibC c = LinuxNative.libc();
        if (c == null) {
            return null;
        }
        BytesStore<?, Void> m = BytesStore.nativeStoreWithFixedCapacity(MASK_BYTES);
        try {
            m.zeroOut(0, MASK_BYTES);
            if (c.sched_getaffinity(tid, MASK_BYTES, m.addressForWrite(0)) < 0) {
                return null;
            }
            BitSet s = new BitSet();
            for (int i = 0; i < MASK_BYTES * 8; i++) {
                if ((m.readByte(i / 8) & (1 << (i % 8))) != 0) {
                    s.set(i);
                }
            }
            return s;
        } finally {
            m.releaseLast();
        }
    }

    /** The calling thread to SCHED_BATCH (priority 0, any user may ask); best effort. */
    private static void batch() {
        LinuxNative.LibC c = LinuxNative.libc();
        BytesStore<?, Void> param = BytesStore.nativeStoreWithFixedCapacity(8);
        try {
            param.zeroOut(0, 8);
            c.sched_setscheduler(0, SCHED_BATCH, param.addressForWrite(0));
        } finally {
            param.releaseLast();
        }
    }

    /** The calling thread's native id, or -1 where it cannot be had. */
    public static int tid() {
        LinuxNative.LibC c = LinuxNative.libc();
        if (c == null) {
            return -1;
        }
        try {
            return c.gettid();
        } catch (Throwable e) {
            return -1; // glibc older than 2.30
        }
    }

    /**
     * The process's CPU set, read once from its main thread (pid): a thread created by a pinned sender inherits
     * the pin, so its own set is no guide.
     */
    private static BitSet processCpus() {
        if (allowed == null) {
            LinuxNative.LibC c = LinuxNative.libc();
            if (c != null) {
                allowed = cpusOf(c.getpid());
            }
        }
        return allowed;
    }

    private static void apply(int tid) {
        BitSet cpus = helperCpus();
        LinuxNative.LibC c = LinuxNative.libc();
        if (cpus == null || c == null) {
            return;
        }
        BytesStore<?, Void> m = BytesStore.nativeStoreWithFixedCapacity(MASK_BYTES);
        try {
            m.zeroOut(0, MASK_BYTES);
            for (int i = cpus.nextSetBit(0); i >= 0 && i < MASK_BYTES * 8; i = cpus.nextSetBit(i + 1)) {
                m.writeByte(i / 8, (byte) (m.readByte(i / 8) | (1 << (i % 8))));
            }
            c.sched_setaffinity(tid, MASK_BYTES, m.addressForWrite(0)); // best effort: a helper that ended is ESRCH
        } finally {
            m.releaseLast();
        }
    }
}
