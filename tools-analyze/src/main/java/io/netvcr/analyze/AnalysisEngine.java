package io.netvcr.analyze;

import io.netvcr.cli.CommonOptions;
import java.io.IOException;
import java.util.List;

/**
 * Where netvcr-analyze computes its statistics: in this JVM ({@link LocalEngine}), or elsewhere (the Spark
 * engine of module tools-analyze-spark, found through {@link java.util.ServiceLoader} so that this module
 * never loads Spark). Every engine returns the same {@link TrafficStats} for the same request; output
 * (JSON, CSV, plots) is made from them by the command, whichever engine ran.
 */
public interface AnalysisEngine {
    /** The value of --engine that selects this engine. */
    String name();

    /** One result per trace in order, or a single result for all of them when {@link Request#merged}. */
    List<TraceAnalyzer.Result> analyze(Request request) throws IOException;

    /**
     * What to analyse and how.
     *
     * @param traces input paths (an engine may accept URLs such as hdfs://)
     * @param format format name instead of detection, or null
     * @param merged all traces as one, merged by timestamp as {@code io.netvcr.formats.TraceMerger} merges
     * @param master Spark master URL, or null for the engine's default
     * @param ui whether the engine may open its web UI (and listening ports beyond loopback)
     * @param conf engine settings as KEY=VALUE
     * @param common --debug, --quiet, progress
     */
    record Request(
            List<String> traces,
            String format,
            TrafficStats.Settings settings,
            boolean merged,
            String master,
            boolean ui,
            List<String> conf,
            CommonOptions common) {}
}
