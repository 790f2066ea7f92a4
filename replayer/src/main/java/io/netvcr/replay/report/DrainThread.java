package io.netvcr.replay.report;

import io.netvcr.replay.os.HelperThreads;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that empties a single-producer ring into a file for the sending thread (the ε log, the pcap
 * sink), so the sender never makes a write() system call. It polls with a doubling idle pause: the sender never
 * wakes it, since a wake-up would be a system call on the send path. {@link #stop()} drains everything published
 * before it, then ends the thread; a failure of the drain step ends it early and is kept for the owner to report.
 * It keeps off the sending CPUs ({@link HelperThreads}).
 */
public final class DrainThread {
    /** One pass over the ring; true if it moved anything. */
    public interface Step {
        boolean drain() throws Exception;
    }

    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    public DrainThread(String name, Step step, long idleMinNs, long idleMaxNs) {
        this.thread = new Thread(() -> run(step, idleMinNs, idleMaxNs), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Step step, long idleMinNs, long idleMaxNs) {
        long idle = idleMinNs;
        HelperThreads.helperStarted();
        try {
            while (true) {
                boolean last = stopping; // read before the ring: everything published before stop() is drained
                if (step.drain()) {
                    idle = idleMinNs;
                } else if (last) {
                    return;
                } else {
                    LockSupport.parkNanos(idle);
                    idle = Math.min(idleMaxNs, idle * 2);
                }
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            HelperThreads.helperEnded();
        }
    }

    /** Why the drain step failed, or null. */
    public Throwable failure() {
        return failure;
    }

    public boolean stopping() {
        return stopping;
    }

    /** Drains what was published, then waits for the thread to end; repeated calls return at once. */
    public void stop() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
