package io.netvcr.analyze.spark;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * --debug: where a Spark run's time went, per stage from Spark's task metrics (run, CPU and GC time of the
 * tasks, how many cores they kept busy over the stage's wall time, input and shuffle bytes), and for the whole
 * process from the JVM (CPU, GC and JIT time). Wall time alone cannot tell a serial driver from a busy
 * machine; these totals can: on a loaded machine compare CPU seconds and busy cores, not seconds.
 */
final class StageMetrics extends SparkListener {
    /** Sums over one stage's finished tasks; times in ms unless named ns. */
    private static final class Stage {
        String name = "";
        long submitted;
        long completed;
        int tasks;
        long runMs;
        long cpuNs;
        long gcMs;
        long taskMs;
        long inputBytes;
        long inputRecords;
        long shuffleWriteBytes;
        long shuffleWriteNs;
        long shuffleReadBytes;
        long fetchWaitMs;
        long spilledBytes;
    }

    private final Map<Integer, Stage> stages = new TreeMap<>();
    private final long cpuAtStart = processCpuNs();
    private final long gcAtStart = gcMs();
    private final long jitAtStart = jitMs();

    // Spark delivers listener events on its one listener-bus thread; the driver reads after the bus drained.
    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted e) {
        Stage s = stage(e.stageInfo());
        s.submitted = millis(e.stageInfo().submissionTime());
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted e) {
        Stage s = stage(e.stageInfo());
        s.completed = millis(e.stageInfo().completionTime());
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
        Stage s = stages.computeIfAbsent(e.stageId(), k -> new Stage());
        s.tasks++;
        s.taskMs += e.taskInfo().finishTime() - e.taskInfo().launchTime();
        TaskMetrics m = e.taskMetrics();
        if (m == null) {
            return;
        }
        s.runMs += m.executorRunTime();
        s.cpuNs += m.executorCpuTime();
        s.gcMs += m.jvmGCTime();
        s.inputBytes += m.inputMetrics().bytesRead();
        s.inputRecords += m.inputMetrics().recordsRead();
        s.shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
        s.shuffleWriteNs += m.shuffleWriteMetrics().writeTime();
        s.shuffleReadBytes += m.shuffleReadMetrics().totalBytesRead();
        s.fetchWaitMs += m.shuffleReadMetrics().fetchWaitTime();
        s.spilledBytes += m.diskBytesSpilled();
    }

    private static long millis(scala.Option<Object> time) {
        return time.isDefined() ? (Long) time.get() : System.currentTimeMillis();
    }

    private Stage stage(StageInfo info) {
        Stage s = stages.computeIfAbsent(info.stageId(), k -> new Stage());
        s.name = info.name();
        return s;
    }

    /** One line per stage, then the process totals and the driver's phases (name, ms; in order). */
    synchronized void print(PrintStream err, long wallMs, Map<String, Long> phases) {
        long stagesWall = 0;
        for (Map.Entry<Integer, Stage> e : stages.entrySet()) {
            Stage s = e.getValue();
            long wall = Math.max(1, s.completed - s.submitted);
            stagesWall += wall;
            err.println(String.format(
                    Locale.ROOT,
                    "spark: stage %d %s: %d tasks, wall %.2f s, tasks %.2f s (run %.2f, cpu %.2f, gc %.2f),"
                            + " %.2f cores busy; input %s in %d records; shuffle write %s (%.2f s), read %s"
                            + " (wait %.2f s), spilled %s",
                    e.getKey(),
                    s.name,
                    s.tasks,
                    wall / 1e3,
                    s.taskMs / 1e3,
                    s.runMs / 1e3,
                    s.cpuNs / 1e9,
                    s.gcMs / 1e3,
                    (double) s.taskMs / wall,
                    mb(s.inputBytes),
                    s.inputRecords,
                    mb(s.shuffleWriteBytes),
                    s.shuffleWriteNs / 1e9,
                    mb(s.shuffleReadBytes),
                    s.fetchWaitMs / 1e3,
                    mb(s.spilledBytes)));
        }
        StringBuilder p = new StringBuilder();
        for (Map.Entry<String, Long> e : phases.entrySet()) {
            p.append(String.format(Locale.ROOT, ", %s %.2f s", e.getKey(), e.getValue() / 1e3));
        }
        err.println(String.format(
                Locale.ROOT, "spark: driver: wall %.2f s, in stages %.2f s%s", wallMs / 1e3, stagesWall / 1e3, p));
        err.println(String.format(
                Locale.ROOT,
                "spark: process: cpu %.2f s (%.2f cores over the wall), gc %.2f s, jit %.2f s (since the engine"
                        + " started; JVM start-up before it not counted)",
                (processCpuNs() - cpuAtStart) / 1e9,
                (processCpuNs() - cpuAtStart) / 1e6 / Math.max(1, wallMs),
                (gcMs() - gcAtStart) / 1e3,
                (jitMs() - jitAtStart) / 1e3));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static long processCpuNs() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static long gcMs() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    private static long jitMs() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
