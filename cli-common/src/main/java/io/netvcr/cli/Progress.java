package io.netvcr.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on a terminal, nothing otherwise; updated cheaply from a loop. */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private long pending;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    public static Progress none() {
        return new Progress(null);
    }

    /** total &lt;= 0 means unknown (indeterminate bar). */
    public static Progress start(CommonOptions common, String task, long total, String unit, long unitSize) {
        if (!common.showProgress()) {
            return none();
        }
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .showSpeed()
                .setUnit(unit, unitSize);
        return new Progress(b.build());
    }

    /** Adds to the count; batched so the loop pays almost nothing per call. */
    public void advance(long n) {
        if (bar == null) {
            return;
        }
        pending += n;
        if (pending >= 4096) {
            bar.stepBy(pending);
            pending = 0;
        }
    }

    public void set(long value) {
        if (bar != null) {
            bar.stepTo(value);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepBy(pending);
            pending = 0;
            bar.close();
        }
    }
}
