package io.netvcr.replay;

import io.netvcr.cli.ByteSizeConverter;
import io.netvcr.cli.DurationConverter;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.OptionWords;
import io.netvcr.cli.OutputSet;
import io.netvcr.cli.Summary;
import io.netvcr.cli.ToolCommand;
import io.netvcr.cli.ToolException;
import io.netvcr.cli.ToolMain;
import io.netvcr.replay.report.EpsilonAt;
import io.netvcr.replay.sink.SendMode;
import io.netvcr.replay.sink.SinkSpec;
import io.netvcr.replay.sink.Sinks;
import io.netvcr.replay.timing.StartInstant;
import io.netvcr.replay.trace.TraceIo;
import io.netvcr.replay.trace.TraceWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** netvcr-replay: streams a prepared trace onto an interface or sink at its recorded times, measuring ε. */
@Command(
        name = "netvcr-replay",
        resourceBundle = "io.netvcr.replay.ReplayHelp",
        header =
                "Replays a prepared trace onto an interface or a sink at its recorded times, measuring each packet's send-time error.",
        description = {
            "Replays a prepared NetVCR trace (see netvcr-prep) onto a network interface or a sink at its recorded "
                    + "times, and measures every packet's send-time error (epsilon = time handed to the kernel - deadline). "
                    + "It sends nowhere unless told: pass --interface IF or --sink.",
            "",
            "The trace must be a regular file (it is mapped). Once the trace is open, the report is printed however the "
                    + "replay ends. The --sink pcap file and the --epsilon-log are written together when the replay completes "
                    + "or is stopped by SIGINT/SIGTERM (they then hold exactly the packets the report counts as sent); when it "
                    + "fails (send, sink, epsilon-log or trace error) neither is written, and the report says so.",
            "",
            "Several SHARDs (netvcr-prep --shards) replay in one process, each on its own sending thread and socket, on "
                    + "one time line; --start-at starts the time line at an absolute instant, so hosts replaying their own "
                    + "shards start together.",
            ""
        },
        exitCodeList = {
            io.netvcr.cli.ExitCodes.LIST_OK,
            io.netvcr.cli.ExitCodes.LIST_USAGE,
            " 65:the input is not a prepared NetVCR trace, or a record is damaged (file, record and byte offset named)",
            " 66:the input or the interface is missing, or the input is not a regular file (stdin, FIFO, device)",
            io.netvcr.cli.ExitCodes.LIST_CANNOT_CREATE,
            " 74:send or I/O error (the report is still printed)",
            " 77:not permitted: raw sockets need root or CAP_NET_RAW, --rt-priority needs CAP_SYS_NICE",
            "130:stopped by SIGINT (the report is printed first)",
            "143:stopped by SIGTERM (the report is printed first)"
        },
        footer = {
            "  netvcr-replay --interface veth0 trace.nvcr",
            "  netvcr-replay --sink null --timer spin --loop 10 trace.nvcr",
            "  netvcr-replay --sink pcap:sent.pcap --json trace.nvcr",
            "  netvcr-replay --interface eth1 --interface2 eth2 --multiplier 2 split.nvcr",
            "  netvcr-replay --interface eth1 --cpus 2,3 run.0.nvcr run.1.nvcr",
            "  netvcr-replay --start-at 2026-12-01T10:00:00Z --clock tai -i eth1 run.0.nvcr"
        })
public final class ReplayCommand extends ToolCommand {
    @Option(
            names = {"-i", "--interface"},
            paramLabel = "IF",
            description = "Send on this interface through an AF_PACKET raw socket. "
                    + "With several shards: given once for all of them, or once per shard in shard order.")
    List<String> interfaces = new ArrayList<>();

    @Option(
            names = {"-I", "--interface2"},
            paramLabel = "IF",
            description =
                    "Dual-interface replay: records with known direction 1 (server side) go here, the rest to --interface.")
    String interface2;

    /* --timer, --sink and --send-mode are described in ReplayHelp, from the registries. */
    @Option(
            names = "--sink",
            paramLabel = "SINK",
            converter = SinkConverter.class,
            completionCandidates = SinkNames.class,
            descriptionKey = "sink",
            description = "Instead of --interface: ${COMPLETION-CANDIDATES}.")
    List<SinkSpec> sinks = new ArrayList<>();

    @Option(
            names = "--netns",
            paramLabel = "NAME",
            description = "Open the interface inside network namespace NAME (ip netns); needs CAP_SYS_ADMIN.")
    String netns;

    @Option(
            names = "--prep",
            description =
                    "Prepare an unprepared NetVCR file, or any trace netvcr-prep reads, on the fly (prep's defaults) into a temporary file.")
    boolean prep;

    @Mixin
    TimerOption timer = new TimerOption();

    @Option(
            names = {"-x", "--multiplier"},
            paramLabel = "X",
            description = "Replay X times faster (0.5 = half speed).")
    double multiplier = 1.0;

    @Option(names = "--topspeed", description = "Ignore the schedule: send as fast as possible.")
    boolean topspeed;

    @Option(
            names = "--send-mode",
            paramLabel = "MODE",
            converter = SendModeConverter.class,
            completionCandidates = SendModes.class,
            descriptionKey = "send-mode",
            description =
                    "With --interface, how frames reach the kernel: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    SendMode sendMode = Sinks.DEFAULT_SEND_MODE;

    @Option(
            names = "--batch",
            paramLabel = "N",
            description = "Most frames per batch for mmsg, ring and auto (1-256, default ${DEFAULT-VALUE}).")
    int batch = io.netvcr.replay.sink.Sinks.DEFAULT_BATCH;

    @Option(
            names = {"-l", "--loop"},
            paramLabel = "N",
            description = "Passes over the trace on one time line (0 = until stopped; default 1).")
    long loops = 1;

    @Mixin
    io.netvcr.cli.PacketLimit limit = new io.netvcr.cli.PacketLimit();

    @Option(
            names = "--duration",
            paramLabel = "D",
            converter = DurationConverter.class,
            description = "Stop before the first packet due D after the start (e.g. 10s, 500ms).")
    long durationNs;

    @Option(
            names = "--window",
            paramLabel = "BYTES",
            converter = ByteSizeConverter.class,
            description = "Mapped window size (default 32 MiB; suffixes k, M, G).")
    long windowBytes = 32L << 20;

    @Option(names = "--preload", description = "Map and lock the whole trace before starting (small traces).")
    boolean preload;

    @Option(
            names = "--prefetch",
            paramLabel = "WHO",
            converter = PrefetchWords.class,
            completionCandidates = PrefetchWords.class,
            defaultValue = "thread",
            description =
                    "Who maps the next trace window, ${COMPLETION-CANDIDATES}: thread (a helper maps ahead and makes it "
                            + "resident; the sending thread only switches), inline (the sending thread maps ahead at each window "
                            + "boundary), none (one window on demand, readahead off). Default: ${DEFAULT-VALUE}.")
    TraceWindows.Prefetch prefetch;

    @Option(names = "--no-prefetch", description = "Same as --prefetch none.")
    boolean noPrefetch;

    @Option(
            names = "--epsilon-at",
            paramLabel = "WHEN",
            converter = EpsilonAtWords.class,
            completionCandidates = EpsilonAtWords.class,
            defaultValue = "call",
            description = "${COMPLETION-CANDIDATES}. call: epsilon from the clock read just before the send call; "
                    + "return: read after it returns (the paper's gettimeofday() after sendto()). The epsilon log holds "
                    + "both. Default: ${DEFAULT-VALUE}.")
    EpsilonAt epsilonAt;

    @Option(names = "--mlock", description = "Lock process memory and the trace windows (mlockall/mlock).")
    boolean mlock;

    @Option(
            names = "--rt-priority",
            paramLabel = "N",
            description = "Run the sending thread SCHED_FIFO at priority N (1-99).")
    int rtPriority;

    @Option(names = "--cpu", paramLabel = "N", description = "Pin the sending thread to CPU N.")
    int cpu = -1;

    @Option(
            names = "--cpus",
            paramLabel = "LIST",
            description = "Pin shard i's sending thread to the i-th CPU of LIST "
                    + "(e.g. 2,3 or 2-3): one CPU per shard. Default: no pinning.")
    String cpus;

    @Option(
            names = "--start-at",
            paramLabel = "TIME",
            description = "Start the time line (send offset 0) at this instant on "
                    + "--clock: ISO-8601 with fraction (2026-12-01T10:00:00.000000000Z) or nanoseconds since the epoch. Hosts replaying "
                    + "their own shards with the same instant start together. Refused if past or more than 24 h ahead. Default: just "
                    + "after the warm-up (with several shards: just after the slowest shard's warm-up, all together).")
    String startAt;

    @Option(
            names = "--clock",
            paramLabel = "CLOCK",
            converter = ClockWords.class,
            completionCandidates = ClockWords.class,
            defaultValue = "realtime",
            description = "Clock of --start-at: ${COMPLETION-CANDIDATES} "
                    + "(tai: CLOCK_TAI, the one linuxptp keeps on PTP-disciplined hosts). Default: ${DEFAULT-VALUE}.")
    StartInstant.Clock clock;

    @Option(
            names = "--epsilon-log",
            paramLabel = "FILE",
            description = "Write per-packet (index, deadline, actual) in NetVCR's "
                    + "binary epsilon-log format. With several shards: once per shard, in shard order.")
    List<String> epsilonLogs = new ArrayList<>();

    @Option(
            names = "--trace-io",
            paramLabel = "HOW",
            converter = TraceIoWords.class,
            completionCandidates = TraceIoWords.class,
            defaultValue = "mmap",
            description = "How the sending thread obtains records, ${COMPLETION-CANDIDATES}: mmap (mapped windows, the "
                    + "default) or read (buffered read() calls into one reused buffer: the paper's fread baseline).")
    TraceIo traceIo;

    @Option(
            names = "--read-log",
            paramLabel = "FILE",
            description =
                    "Write the time taken to obtain each record (ns) "
                            + "in NetVCR's binary read-log format (formats/FORMAT.md); netvcr-analyze plot and compare read it. One shard only.")
    String readLog;

    @Option(
            names = "--profile",
            description =
                    "Time each phase of the send loop (record read, frame build, wait, send "
                            + "call, whole iteration) and report them; each measurement's own cost is reported beside them. Off by default.")
    boolean profile;

    @Option(
            names = "--evict-trace",
            description =
                    "After the warm-up, just before the clock starts, drop the trace's "
                            + "own pages from the page cache (posix_fadvise DONTNEED; pages this process has mapped stay): a cold-cache replay.")
    boolean evictTrace;

    @Option(
            names = "--stop-on-error",
            description =
                    "Stop at the first frame the sink refuses on its own (UDP sink: "
                            + "ECONNREFUSED, the far end's port is closed). By default such a frame counts as failed and the replay goes on.")
    boolean stopOnError;

    @Option(names = "--stats", paramLabel = "SECONDS", description = "Print a progress line every SECONDS.")
    double statsSeconds;

    @Parameters(
            arity = "1..*",
            paramLabel = "SHARD",
            description = "Prepared NetVCR file (.nvcr); several: the shards of "
                    + "one trace (netvcr-prep --shards), each on its own sending thread and socket, on one time line.")
    List<String> inputs = new ArrayList<>();

    /** --send-mode values from the registry, for help and shell completion. */
    public static final class SendModes implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Sinks.sendModeNames().iterator();
        }
    }

    /** --sink kinds from the registry (null, pcap:FILE, ...), for help and shell completion. */
    public static final class SinkNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Sinks.sinkUsages().iterator();
        }
    }

    static final class PrefetchWords extends OptionWords<TraceWindows.Prefetch> {
        PrefetchWords() {
            super(TraceWindows.Prefetch.class);
        }
    }

    static final class EpsilonAtWords extends OptionWords<EpsilonAt> {
        EpsilonAtWords() {
            super(EpsilonAt.class);
        }
    }

    static final class ClockWords extends OptionWords<StartInstant.Clock> {
        ClockWords() {
            super(StartInstant.Clock.class);
        }
    }

    static final class TraceIoWords extends OptionWords<TraceIo> {
        TraceIoWords() {
            super(TraceIo.class);
        }
    }

    public static final class SendModeConverter extends RegistryConverter<SendMode> {
        public SendModeConverter() {
            super(Sinks::sendMode);
        }
    }

    public static final class SinkConverter extends RegistryConverter<SinkSpec> {
        public SinkConverter() {
            super(Sinks::parse);
        }
    }

    public static void main(String[] args) {
        ToolMain.main("netvcr-replay", new ReplayCommand(), args);
    }

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } catch (ReplayException e) {
            throw toolException(e);
        }
    }

    private int run() throws Exception {
        int n = inputs.size();
        List<Integer> cpuList = cpus == null ? null : parseCpus(cpus);
        if (cpuList != null && cpuList.size() != n) {
            throw ToolException.usage("--cpus lists " + cpuList.size() + " CPU" + (cpuList.size() == 1 ? "" : "s")
                    + " for " + n + " shard" + (n == 1 ? "" : "s") + ": give one CPU per shard");
        }
        if (cpuList != null && cpu >= 0) {
            throw ToolException.usage("--cpu and --cpus exclude each other");
        }
        if (n > 1 && prep) {
            throw ToolException.usage(
                    "--prep prepares one trace: prepare the shards with 'netvcr-prep --shards N' instead");
        }
        if (n > 1 && !epsilonLogs.isEmpty() && epsilonLogs.size() != n) {
            throw ToolException.usage("--epsilon-log given " + epsilonLogs.size() + " times for " + n
                    + " shards: give it once per shard");
        }
        if (n > 1 && (readLog != null || profile || traceIo != TraceIo.MMAP)) {
            throw ToolException.usage(
                    "--read-log, --profile and --trace-io read measure one sending thread: give one SHARD");
        }
        ReplayOptions.Builder b = options().startAt(startInstant());
        List<ReplayOptions> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(b.input(inputs.get(i))
                    .interfaceName(perShard(interfaces, i, n, "--interface"))
                    .sink(perShard(sinks, i, n, "--sink"))
                    .epsilonLog(perShard(epsilonLogs, i, n, "--epsilon-log"))
                    .cpu(cpuList != null ? cpuList.get(i) : cpu)
                    .build());
        }
        if (n > 1) {
            return replayShards(shards);
        }
        return replayOne(shards.get(0));
    }

    /** --start-at on --clock, checked now (past or more than 24 h ahead: exit 64). */
    private StartInstant startInstant() {
        try {
            if (startAt != null) {
                return StartInstant.at(clock, StartInstant.parse(startAt));
            }
            return null; // several shards then start together once all are ready (ShardedReplay's StartGate)
        } catch (IllegalArgumentException e) {
            throw ToolException.usage("--start-at: " + e.getMessage());
        }
    }

    /** "2,3", "0-3", "0,2-3": CPU numbers in order. */
    static List<Integer> parseCpus(String list) {
        List<Integer> l = new ArrayList<>();
        try {
            for (String part : list.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
                if (from < 0 || to < from) {
                    throw new NumberFormatException();
                }
                for (int c = from; c <= to; c++) {
                    l.add(c);
                }
            }
        } catch (NumberFormatException e) {
            throw ToolException.usage("--cpus takes CPU numbers and ranges like 2,3 or 0-3, got '" + list + "'");
        }
        return l;
    }

    /** An option given once for every shard or once per shard; null when not given. */
    private static <T> T perShard(List<T> values, int i, int n, String name) {
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return values.get(0);
        }
        if (values.size() != n) {
            throw ToolException.usage(name + " given " + values.size() + " times for " + n + " shard"
                    + (n == 1 ? "" : "s") + ": give it once for all, or once per shard");
        }
        return values.get(i);
    }

    /** The options every shard shares, as given; the engine validates them when each shard's are built. */
    private ReplayOptions.Builder options() {
        return new ReplayOptions.Builder()
                .interface2(interface2)
                .netns(netns)
                .prepOnTheFly(prep)
                .timer(timer.timer())
                .multiplier(multiplier)
                .topspeed(topspeed)
                .sendMode(sendMode)
                .batch(batch)
                .loops(loops)
                .limit(limit.orElse(0))
                .durationNs(durationNs)
                .windowBytes(windowBytes)
                .preload(preload)
                .prefetch(noPrefetch ? TraceWindows.Prefetch.NONE : prefetch)
                .epsilonAt(epsilonAt)
                .mlock(mlock)
                .rtPriority(rtPriority)
                .stopOnError(stopOnError)
                .statsIntervalNs(statsSeconds < 0 ? -1 : (long) (statsSeconds * 1e9))
                .traceIo(traceIo)
                .readLog(readLog)
                .profile(profile)
                .evictTrace(evictTrace);
    }

    private int replayOne(ReplayOptions o) throws Exception {
        ReplayResult r = inOutputSet(List.of(o), stop -> new Replayer(o, stop).run());
        return report(r, () -> ReplayReport.summary(r), () -> ReplayReport.text(r));
    }

    /** Several shards on one time line: one report per shard and the merged one, or the same as JSON. */
    private int replayShards(List<ReplayOptions> shards) throws Exception {
        ShardedReplay.Result res = inOutputSet(shards, stop -> ShardedReplay.run(shards, stop));
        ReplayResult r = res.merged;
        return report(
                r,
                () -> ReplayReport.shardedSummary(res.inputs, res.shards, r),
                () -> ReplayReport.shardedText(res.inputs, res.shards, r));
    }

    /** A replay of one shard or of several, stopped by SIGINT/SIGTERM through {@code stop}. */
    private interface Run<T> {
        T run(StopSignal stop) throws Exception;
    }

    /**
     * Runs a replay with its outputs as one output set: every shard's pcap sink, ε log and read log is refused at
     * once if it is a trace (or its sidecar) or two of them name one file, and they are committed together when
     * the run completes them all, else none is.
     */
    private <T> T inOutputSet(List<ReplayOptions> shards, Run<T> replay) throws Exception {
        List<String> traces = new ArrayList<>();
        for (ReplayOptions o : shards) {
            traces.add(o.input());
        }
        try (OutputSet outputs = OutputSet.begin(traces);
                StopSignal stop = StopSignal.install()) {
            for (ReplayOptions o : shards) {
                outputs.expect(o.sinkOutputFile());
                outputs.expect(o.epsilonLog());
                outputs.expect(o.readLog());
            }
            T result = replay.run(stop);
            if (outputs.complete()) {
                outputs.commit();
            }
            return result;
        }
    }

    /**
     * Prints a replay's outcome, one shard's or the merged one of several: its warnings on stderr, the report
     * (JSON, or text unless --quiet) on stdout, and a failure's one line on stderr; returns its exit code.
     */
    private int report(ReplayResult r, Supplier<Summary> json, Supplier<String> text) {
        for (String w : r.warnings) {
            System.err.println("netvcr-replay: warning: " + w);
        }
        if (common.json) {
            System.out.println(json.get().toJson());
        } else if (!common.quiet) {
            System.out.print(text.get());
        }
        System.out.flush();
        if (r.outcome == ReplayResult.Outcome.FAILED) {
            // The report went to stdout; the failure also gets its one line on stderr. (A shard's failure is
            // "shard N " + its reason, which the anchored "stopped: " never matches.)
            System.err.println("netvcr-replay: "
                    + r.stopReason.replaceFirst("^stopped: ", "").split("\\R", 2)[0]);
        }
        return r.exitCode();
    }

    /**
     * Runs the engine, turning its exceptions into the command line's (exit code and one line): the one place
     * that maps the engine's failures to exit codes. netvcr demo replays through here too.
     */
    public static ReplayResult replay(ReplayOptions.Builder options, StopSignal stop) throws Exception {
        try {
            return new Replayer(options.build(), stop).run();
        } catch (ReplayException e) {
            throw toolException(e);
        }
    }

    private static ToolException toolException(ReplayException e) {
        return new ToolException(
                e.kind() == ReplayException.Kind.STOPPED ? e.signalCode() : exitCode(e.kind()), e.getMessage(), e);
    }

    /** sysexits code of a failure kind. */
    public static int exitCode(ReplayException.Kind kind) {
        switch (kind) {
            case USAGE:
                return ExitCodes.USAGE;
            case MISSING_INPUT:
                return ExitCodes.NO_INPUT;
            case BAD_TRACE:
                return ExitCodes.DATA_ERROR;
            case NOT_PERMITTED:
                return ExitCodes.NO_PERMISSION;
            case CANNOT_CREATE:
                return ExitCodes.CANNOT_CREATE;
            case IO:
                return ExitCodes.IO_ERROR;
            case STOPPED:
                return ExitCodes.INTERRUPTED;
            default:
                return ExitCodes.SOFTWARE;
        }
    }

    /** Exit code of a replay that ran: 0, the signal's 130/143, or its failure's code. */
    public static int exitCode(ReplayResult r) {
        switch (r.outcome) {
            case COMPLETED:
                return ExitCodes.OK;
            case STOPPED:
                return r.signalCode == StopSignal.SIGTERM_CODE ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
            default:
                return exitCode(r.failure);
        }
    }
}
