package io.netvcr.analyze;

import io.netvcr.cli.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The statistics computed here, streaming each trace (or the merged stream) once. */
public final class LocalEngine implements AnalysisEngine {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public List<TraceAnalyzer.Result> analyze(Request request) throws IOException {
        List<TraceAnalyzer.Result> out = new ArrayList<>();
        if (request.merged()) {
            long size = 0;
            for (String t : request.traces()) {
                long s = TraceInputSize.of(t);
                size = s < 0 || size < 0 ? -1 : size + s;
            }
            try (Progress progress = Progress.start(request.common(), "analyze", size, "MiB", 1 << 20)) {
                out.add(TraceAnalyzer.analyzeMerged(request.traces(), request.format(), request.settings(), progress));
            }
            return out;
        }
        for (String trace : request.traces()) {
            try (Progress progress =
                    Progress.start(request.common(), "analyze", TraceInputSize.of(trace), "MiB", 1 << 20)) {
                out.add(TraceAnalyzer.analyze(trace, request.format(), request.settings(), progress));
            }
        }
        return out;
    }
}
