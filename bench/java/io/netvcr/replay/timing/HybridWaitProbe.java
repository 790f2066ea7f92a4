package io.netvcr.replay.timing;

import io.netvcr.replay.os.LinuxNative;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The hybrid timer's wait, alone (no trace, no sink, no other thread): N waits GAP_US apart through {@link
 * HybridTimer#awaitUntil} itself, or (MARGIN_US > 0) as the C timed sender waits: one sleep to the deadline -
 * MARGIN_US, then a spin. Prints the thread's CPU, the hybrid's learnt margins and the distributions (us) of the
 * deadline's lateness, the spin and the sleeps per wait (and, for the C plan, its sleep's lateness), over the last
 * 80 % of the waits (the first fifth learns). In this package for the timer's margins; run by bench/hybrid-waits.
 */
public final class HybridWaitProbe {
    public static void main(String[] args) {
        long gapNs = Long.parseLong(args[0]) * 1_000;
        int n = Integer.parseInt(args[1]);
        long fixedNs = args.length > 2 ? Long.parseLong(args[2]) * 1_000 : 0;
        LinuxNative.libc().prctl(LinuxNative.PR_SET_TIMERSLACK, 1, 0, 0, 0); // as the sending thread
        Sleeper sleeper = new Sleeper(true);
        TimerCalibration cal = TimerCalibration.measure(sleeper, 200, 50_000);
        HybridTimer timer = new HybridTimer(sleeper, cal.marginNs(), null);
        long[] late = new long[n];
        long[] spin = new long[n];
        long[] sleepLate = new long[n];
        long[] sleeps = new long[n];
        var threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime() + 10_000_000;
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            long deadline = start + i * gapNs;
            if (fixedNs > 0) {
                long now = System.nanoTime();
                if (deadline - now > fixedNs + WakeLateness.MIN_SLEEP_NS) {
                    long wakeAt = deadline - fixedNs;
                    sleeper.sleepUntil(wakeAt);
                    now = System.nanoTime();
                    sleepLate[i] = now - wakeAt;
                    sleeps[i] = 1_000;
                }
                long spunFrom = now;
                while ((now = System.nanoTime()) < deadline) {
                    Thread.onSpinWait();
                }
                spin[i] = now - spunFrom;
                late[i] = now - deadline;
            } else {
                long sleeps0 = timer.sleeps();
                long spin0 = timer.spinNs();
                late[i] = timer.awaitUntil(deadline) - deadline;
                spin[i] = timer.spinNs() - spin0;
                sleeps[i] = (timer.sleeps() - sleeps0) * 1_000;
            }
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        int from = n / 5;
        WakeLateness w = timer.lateness();
        StringBuilder margins = new StringBuilder();
        for (int c = 0; c < WakeLateness.CLASSES; c++) {
            margins.append(String.format(" c%d=%.0f", c, w.marginNs(c) / 1e3));
        }
        margins.append("; first sleep of a 1-4 ms wait:");
        for (int c = WakeLateness.FIRST_BUDGETED; c <= WakeLateness.LAST_BUDGETED; c++) {
            margins.append(String.format(" c%d=%.0f", c, w.budgetedMarginNs(c) / 1e3));
        }
        System.out.printf(
                "%s, gap %d us, %d waits: thread CPU %.2f %% of the run; hybrid margins (us)%s%n",
                fixedNs > 0 ? "one sleep to deadline - " + fixedNs / 1000 + " us, then spin" : "hybrid timer",
                gapNs / 1000,
                n,
                100.0 * cpu / ((double) n * gapNs),
                fixedNs > 0 ? " (unused)" : margins);
        print("late", Arrays.copyOfRange(late, from, n));
        print("spin", Arrays.copyOfRange(spin, from, n));
        if (fixedNs > 0) {
            print("sleep", Arrays.copyOfRange(sleepLate, from, n));
        }
        print("sleeps", Arrays.copyOfRange(sleeps, from, n));
    }

    private static void print(String name, long[] v) {
        long[] x = v.clone();
        Arrays.sort(x);
        int n = x.length;
        System.out.printf(
                "  %-9s p50 %7.1f  p75 %7.1f  p90 %7.1f  p99 %7.1f  p99.9 %7.1f  max %8.1f  mean %7.1f%n",
                name,
                x[n / 2] / 1e3,
                x[n * 3 / 4] / 1e3,
                x[n * 9 / 10] / 1e3,
                x[n * 99 / 100] / 1e3,
                x[n * 999 / 1000] / 1e3,
                x[n - 1] / 1e3,
                Arrays.stream(x).average().orElse(0) / 1e3);
    }
}
