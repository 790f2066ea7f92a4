package io.netvcr.analyze;

import io.netvcr.cli.DurationConverter;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.InputFormatOption;
import io.netvcr.cli.OptionWords;
import io.netvcr.cli.OutputSet;
import io.netvcr.cli.SubcommandsOnDemand;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolException;
import io.netvcr.cli.ToolMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** netvcr-analyze: traffic and inter-arrival statistics of traces, plots, and (subcommand compare) replay fidelity. */
@Command(
        name = "netvcr-analyze",
        header =
                "Statistics of packet traces (inter-arrival times, sizes, protocols, flows, rate), and replay fidelity.",
        description = {
            "Statistics of packet traces: totals, inter-arrival times (ns), sizes, protocol mix, top flows and "
                    + "talkers, rate over time, burstiness. Reads every supported trace format, compressed or not, streaming in "
                    + "bounded memory. Out-of-order timestamps are counted (outOfOrder); their negative gaps are kept out of the "
                    + "inter-arrival distribution.",
            "",
            "The compare subcommand judges a replay: how close each packet's send time came to its schedule; the plot "
                    + "subcommand draws several ε logs as one figure in the paper's style.",
            ""
        },
        footer = {
            "  netvcr-analyze trace.pcap.gz",
            "  netvcr-analyze --json --plot plots/ --interval 10ms trace.nvcr",
            "  netvcr-analyze compare prepared.nvcr receiver.pcap"
        })
public final class AnalyzeCommand extends ToolCommand implements SubcommandsOnDemand {
    /** compare and plot, built only when a run names them or asks for help: a plain analysis never needs them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommandClasses();

    private static Map<String, Class<?>> subcommandClasses() {
        Map<String, Class<?>> subs = new LinkedHashMap<>();
        subs.put("compare", CompareCommand.class);
        subs.put("plot", PlotCommand.class);
        return Collections.unmodifiableMap(subs);
    }

    @Mixin
    InputFormatOption inputFormat = new InputFormatOption();

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "1s",
            description = "Rate series interval (default ${DEFAULT-VALUE}, as tshark -z io,stat,1; e.g. 10ms, 100us).")
    long intervalNs;

    @Option(names = "--top", paramLabel = "N", description = "Flows and talkers listed (default ${DEFAULT-VALUE}).")
    int top = 10;

    @Option(
            names = "--max-flows",
            paramLabel = "N",
            description =
                    "Flows and talkers tracked; traffic of later new flows is counted as untracked (default ${DEFAULT-VALUE}).")
    int maxFlows = FlowTable.DEFAULT_CAPACITY;

    @Mixin
    ReportDirs dirs = new ReportDirs();

    @Option(
            names = "--merged",
            description =
                    "Analyse all traces as one, merged by timestamp (as mergecap: ties to the trace named first).")
    boolean merged;

    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            converter = EngineWords.class,
            completionCandidates = EngineWords.class,
            defaultValue = "local",
            description = "Where the statistics are computed, ${COMPLETION-CANDIDATES}: local (default: this JVM) or "
                    + "spark (Apache Spark: embedded local[*], or a cluster with --master).")
    AnalysisEngines.Kind engine;

    static final class EngineWords extends OptionWords<AnalysisEngines.Kind> {
        EngineWords() {
            super(AnalysisEngines.Kind.class);
        }
    }

    @Option(
            names = "--master",
            paramLabel = "URL",
            description =
                    "Spark master (spark://HOST:7077, yarn, k8s://..., local[N]); default local[*]. Needs --engine spark.")
    String master;

    @Option(
            names = "--spark-ui",
            description = "Let Spark open its web UI (off by default: no listening port beyond loopback).")
    boolean sparkUi;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting (repeatable), e.g. spark.executor.memory=4g.")
    List<String> sparkConf = new ArrayList<>();

    @Parameters(arity = "0..*", paramLabel = "TRACE", description = "Trace files (or - for stdin).")
    List<String> traces = new ArrayList<>();

    public static void main(String[] args) {
        ToolMain.main("netvcr-analyze", new AnalyzeCommand(), args);
    }

    @Override
    public Map<String, Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    @Override
    public Integer call() throws Exception {
        if (traces.isEmpty()) {
            throw ToolException.usage(
                    "no trace given (netvcr-analyze TRACE..., or netvcr-analyze compare ORIGINAL CAPTURE)");
        }
        if (intervalNs <= 0) {
            throw ToolException.usage("--interval must be positive");
        }
        if (top < 0 || maxFlows < 1) {
            throw ToolException.usage("--top must be >= 0 and --max-flows >= 1");
        }
        if (engine != AnalysisEngines.Kind.SPARK && (master != null || sparkUi || !sparkConf.isEmpty())) {
            throw ToolException.usage("--master, --spark-ui and --spark-conf need --engine spark");
        }
        TrafficStats.Settings settings = new TrafficStats.Settings();
        settings.intervalNs = intervalNs;
        settings.topN = top;
        settings.flowCapacity = maxFlows;
        AnalysisEngine analysisEngine = AnalysisEngines.of(engine);
        List<TraceAnalyzer.Result> analysed = analysisEngine.analyze(new AnalysisEngine.Request(
                List.copyOf(traces),
                inputFormat.name(),
                settings,
                merged,
                master,
                sparkUi,
                List.copyOf(sparkConf),
                common));
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        // Every CSV and plot file of the run is one output set: all appear, or none.
        try (OutputSet outputs = OutputSet.begin(traces)) {
            report(analysed, results, lines);
            outputs.commit();
        }
        Summary summary = new Summary();
        if (results.size() == 1) {
            results.get(0).forEach(summary::put);
        } else {
            summary.put("traces", results);
        }
        summary.report(common, String.join(System.lineSeparator(), lines));
        return ExitCodes.OK;
    }

    /** Each analysed trace's JSON map and text line; its CSV and plot files are written into the run's output set. */
    private void report(List<TraceAnalyzer.Result> analysed, List<Map<String, Object>> results, List<String> lines)
            throws java.io.IOException {
        for (int i = 0; i < analysed.size(); i++) {
            TraceAnalyzer.Result r = analysed.get(i);
            String trace = merged ? "merged" : traces.get(i);
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            if (merged) {
                m.put("inputs", List.copyOf(traces));
                m.put("merged", true);
            } else {
                m.put("input", trace);
            }
            m.put("format", r.format());
            m.putAll(r.stats().toMap());
            String sub = analysed.size() > 1 ? baseName(trace) : null;
            if (dirs.csvDir != null) {
                m.put("csvFiles", names(CsvExport.write(r.stats(), ReportFiles.directory(dir(dirs.csvDir, sub)))));
            }
            if (dirs.plotDir != null) {
                m.put(
                        "plotFiles",
                        names(Plots.traffic(
                                r.stats(), ReportFiles.directory(dir(dirs.plotDir, sub)), baseName(trace))));
            }
            double secs = r.elapsedNs() / 1e9;
            m.put("elapsedNs", r.elapsedNs());
            m.put("inputBytes", r.inputBytes());
            m.put("megabytesPerSecond", secs > 0 ? Math.round(r.inputBytes() / secs / 1e5) / 10.0 : 0);
            results.add(m);
            TrafficStats s = r.stats();
            lines.add(String.format(
                    Locale.ROOT,
                    "%s (%s): %,d packets, %,d bytes in %.6f s (%.1f pps, %.3f Mbit/s); inter-arrival %s; "
                            + "%d out of order; tcp %d udp %d icmp %d icmpv6 %d other %d; peak %.1f pps",
                    trace,
                    r.format(),
                    s.packets(),
                    s.wireBytes(),
                    s.durationNs() / 1e9,
                    s.averagePps(),
                    s.averageBps() / 1e6,
                    s.interArrival().gaps().brief("us", 1e3),
                    s.interArrival().outOfOrder(),
                    s.protocols().tcp(),
                    s.protocols().udp(),
                    s.protocols().icmp(),
                    s.protocols().icmpv6(),
                    s.protocols().other(),
                    s.rate().intervals() > 0 ? s.rate().pps(s.rate().peakPacketInterval()) : 0.0));
        }
    }

    static String dir(String root, String sub) {
        return sub == null ? root : Path.of(root, sub).toString();
    }

    static String baseName(String trace) {
        return TraceInputSize.isStdin(trace)
                ? "stdin"
                : String.valueOf(Path.of(trace).getFileName());
    }

    static List<String> names(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path p : files) {
            out.add(p.toString());
        }
        return out;
    }
}
