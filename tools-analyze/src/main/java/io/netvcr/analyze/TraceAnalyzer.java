package io.netvcr.analyze;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceMerger;
import io.netvcr.formats.TraceReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Streams one trace through {@link TrafficStats}, reporting progress in raw (possibly compressed) bytes. */
public final class TraceAnalyzer {
    /** What one run produced. */
    public record Result(String input, String format, TrafficStats stats, long inputBytes, long elapsedNs) {}

    private TraceAnalyzer() {}

    /**
     * All traces as one stream merged by timestamp (TraceMerger: ties to the trace named first, each trace in
     * its own order; each (trace, interface) pair numbered in the order it first appears).
     */
    public static Result analyzeMerged(
            List<String> paths, String format, TrafficStats.Settings settings, Progress progress) throws IOException {
        long start = System.nanoTime();
        TrafficStats stats = new TrafficStats(settings);
        List<TraceInput> inputs = new ArrayList<>();
        try {
            List<TraceReader> readers = new ArrayList<>();
            for (String path : paths) {
                TraceInput in = TraceInput.open(path, format, ReaderOptions.DEFAULTS);
                inputs.add(in);
                readers.add(in.reader());
            }
            TraceMerger merger = new TraceMerger(readers, paths);
            Packet p = new Packet();
            long lastRaw = 0;
            long n = 0;
            while (merger.next(p)) {
                stats.accept(p);
                if ((++n & 1023) == 0) {
                    long raw = rawBytesRead(inputs);
                    progress.advance(raw - lastRaw);
                    lastRaw = raw;
                }
            }
            long raw = rawBytesRead(inputs);
            progress.advance(raw - lastRaw);
            return new Result(String.join(" + ", paths), merger.formatName(), stats, raw, System.nanoTime() - start);
        } finally {
            for (TraceInput in : inputs) {
                in.close();
            }
        }
    }

    private static long rawBytesRead(List<TraceInput> inputs) {
        long sum = 0;
        for (TraceInput in : inputs) {
            sum += in.rawBytesRead();
        }
        return sum;
    }

    public static Result analyze(String path, String format, TrafficStats.Settings settings, Progress progress)
            throws IOException {
        long start = System.nanoTime();
        TrafficStats stats = new TrafficStats(settings);
        try (TraceInput input = TraceInput.open(path, format, ReaderOptions.DEFAULTS)) {
            Packet p = new Packet();
            long lastRaw = 0;
            long n = 0;
            while (input.reader().next(p)) {
                stats.accept(p);
                if ((++n & 1023) == 0) {
                    long raw = input.rawBytesRead();
                    progress.advance(raw - lastRaw);
                    lastRaw = raw;
                }
            }
            progress.advance(input.rawBytesRead() - lastRaw);
            return new Result(
                    input.name(), input.reader().formatName(), stats, input.rawBytesRead(), System.nanoTime() - start);
        }
    }
}
