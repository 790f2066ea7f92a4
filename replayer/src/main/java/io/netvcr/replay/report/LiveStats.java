package io.netvcr.replay.report;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * --stats N: a daemon thread prints a tcpreplay-style line every N seconds from the counters the loop
 * publishes, so the loop itself never formats or prints.
 */
public final class LiveStats {
    private final Thread thread;
    private volatile boolean running = true;

    private LiveStats(ReplayStats stats, long intervalNs, LongSupplier startNs) {
        thread = new Thread(
                () -> {
                    io.netvcr.replay.os.HelperThreads.helperStarted();
                    try {
                        report(stats, intervalNs, startNs);
                    } finally {
                        io.netvcr.replay.os.HelperThreads.helperEnded();
                    }
                },
                "netvcr-stats");
        thread.setDaemon(true);
    }

    private void report(ReplayStats stats, long intervalNs, LongSupplier startNs) {
        while (running) {
            try {
                Thread.sleep(Math.max(1, intervalNs / 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
            long start = startNs.getAsLong();
            if (!running || start == 0) {
                continue;
            }
            double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            long sent = stats.publishedSent;
            long bytes = stats.publishedBytes;
            System.err.println(String.format(
                    Locale.ROOT,
                    "Actual: %d packets (%d bytes) sent in %.2f seconds. Rated: %.1f Bps, %.2f Mbps, %.2f pps; late >10 us: %d",
                    sent,
                    bytes,
                    secs,
                    bytes / secs,
                    bytes * 8 / secs / 1e6,
                    sent / secs,
                    stats.publishedLate10us));
        }
    }

    public static LiveStats start(ReplayStats stats, long intervalNs, LongSupplier startNs) {
        LiveStats s = new LiveStats(stats, intervalNs, startNs);
        s.thread.start();
        return s;
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }
}
