package io.netvcr.analyze.spark;

import io.netvcr.cli.Progress;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Moves the terminal progress bar by Spark's finished tasks (the bar is drawn only on a terminal). */
final class TaskProgress extends SparkListener {
    private final Progress progress;
    private final AtomicLong done = new AtomicLong();

    TaskProgress(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        progress.set(done.incrementAndGet());
    }
}
