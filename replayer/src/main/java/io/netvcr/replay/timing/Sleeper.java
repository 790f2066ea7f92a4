package io.netvcr.replay.timing;

import io.netvcr.replay.os.LinuxNative;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Sleeps until an absolute monotonic time: {@code clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)} through
 * jnr-ffi when available (an absolute deadline cannot accumulate error from the time spent computing the
 * interval), else {@link LockSupport#parkNanos}. The timespec lives in one preallocated native buffer.
 * One instance per thread.
 */
public final class Sleeper {
    private static final long NS = 1_000_000_000L;
    private final LinuxNative.LibC libc;
    private final BytesStore<?, Void> timespec;
    private final long timespecAddress;
    /** CLOCK_MONOTONIC minus System.nanoTime(): zero on Linux/HotSpot, checked once. */
    private final long clockOffsetNs;

    public Sleeper(boolean useNative) {
        LinuxNative.LibC c = useNative ? LinuxNative.libc() : null;
        long offset = 0;
        BytesStore<?, Void> ts = null;
        if (c != null) {
            ts = BytesStore.nativeStoreWithFixedCapacity(16);
            long before = System.nanoTime();
            if (c.clock_gettime(LinuxNative.CLOCK_MONOTONIC, ts.addressForWrite(0)) == 0) {
                long mono = ts.readLong(0) * NS + ts.readLong(8);
                long after = System.nanoTime();
                long diff = mono - (before + (after - before) / 2);
                // Same clock unless the difference is far beyond the read's own duration.
                offset = Math.abs(diff) < 1_000_000 ? 0 : diff;
            } else {
                c = null;
            }
        }
        this.libc = c;
        this.timespec = ts;
        this.timespecAddress = ts == null ? 0 : ts.addressForWrite(0);
        this.clockOffsetNs = offset;
    }

    public boolean isNative() {
        return libc != null;
    }

    public void sleepUntil(long deadlineNs) {
        if (libc != null) {
            long t = deadlineNs + clockOffsetNs;
            timespec.writeLong(0, t / NS);
            timespec.writeLong(8, t % NS);
            libc.clock_nanosleep(LinuxNative.CLOCK_MONOTONIC, LinuxNative.TIMER_ABSTIME, timespecAddress, 0);
        } else {
            long d = deadlineNs - System.nanoTime();
            if (d > 0) {
                LockSupport.parkNanos(d);
            }
        }
    }

    public String describe() {
        return libc != null ? "clock_nanosleep TIMER_ABSTIME" : "LockSupport.parkNanos";
    }
}
