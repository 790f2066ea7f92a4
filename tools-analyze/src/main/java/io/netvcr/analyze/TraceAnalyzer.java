package io.netvcr.analyze;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import java.io.IOException;

/** Streams one trace through {@link TrafficStats}, reporting progress in raw (possibly compressed) bytes. */
public final class TraceAnalyzer {
    /** What one run produced. */
    public record Result(String input, String format, TrafficStats stats, long inputBytes, long elapsedNs) {
    }

    private TraceAnalyzer() {
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
            return new Result(input.name(), input.reader().formatName(), stats, input.rawBytesRead(),
                System.nanoTime() - start);
        }
    }
}
