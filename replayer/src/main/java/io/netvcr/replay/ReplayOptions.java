package io.netvcr.replay;

import io.netvcr.replay.report.EpsilonAt;
import io.netvcr.replay.sink.SendMode;
import io.netvcr.replay.sink.SinkSpec;
import io.netvcr.replay.sink.Sinks;
import io.netvcr.replay.timing.StartInstant;
import io.netvcr.replay.timing.TimerKind;
import io.netvcr.replay.timing.Timers;
import io.netvcr.replay.trace.TraceIo;
import io.netvcr.replay.trace.TraceWindows;

/**
 * What to replay and how, immutable and valid: the one place the engine's option invariants are checked (a
 * violation is a usage {@link ReplayException}; only the command layer turns it into an exit code). Made by
 * {@link Builder#build()}, filled by {@link ReplayCommand}, netvcr demo and tests.
 *
 * @param interfaceName  raw-socket target (--interface), or null
 * @param interface2     records with known direction 1 go here (--interface2), or null
 * @param sink           --sink target, or null (exactly one of interfaceName and sink is set)
 * @param sendMode       how frames reach the raw socket (used with interfaceName only)
 * @param loops          passes over the trace (0: until stopped)
 * @param limit          most packets to send (0: no limit)
 * @param prefetch       who maps the next trace window
 * @param epsilonAt      which clock read ε is measured from: before the send call, or after it returned
 * @param cpu            CPU to pin the sending thread to, or -1
 * @param rtPriority     SCHED_FIFO priority 1..99, or 0 for none
 * @param stopOnError    a frame the sink refuses alone (UDP: ECONNREFUSED) stops the replay instead of counting as failed
 * @param startAt        offset 0 of the schedule is due at this wall-clock instant, waited for after the warm-up
 *                       (null: just after the warm-up, startLeadNs ahead)
 * @param startLeadNs    without startAt: start this long after set-up, so the first packet is not late
 * @param traceIo        records from mapped windows, or through buffered read() calls (the paper's fread baseline)
 * @param readLog        per-record time to obtain it (--read-log FILE), or null
 * @param profile        per-phase timing of the send loop (--profile)
 * @param evictTrace     posix_fadvise(DONTNEED) on the trace after the warm-up (cold-cache runs)
 */
public record ReplayOptions(
        String input,
        String interfaceName,
        String interface2,
        SinkSpec sink,
        String netns,
        boolean prepOnTheFly,
        TimerKind timer,
        double multiplier,
        boolean topspeed,
        SendMode sendMode,
        int batch,
        long loops,
        long limit,
        long durationNs,
        long windowBytes,
        boolean preload,
        TraceWindows.Prefetch prefetch,
        EpsilonAt epsilonAt,
        boolean mlock,
        int rtPriority,
        int cpu,
        String epsilonLog,
        boolean stopOnError,
        long statsIntervalNs,
        StartInstant startAt,
        long startLeadNs,
        TraceIo traceIo,
        String readLog,
        boolean profile,
        boolean evictTrace) {
    public static final long MIN_WINDOW_BYTES = 4096;

    public ReplayOptions {
        if (input == null) {
            throw ReplayException.usage("no trace to replay");
        }
        if (interfaceName != null && sink != null) {
            throw ReplayException.usage("pass either --interface or --sink, not both");
        }
        if (interface2 != null && interfaceName == null) {
            throw ReplayException.usage("--interface2 needs --interface");
        }
        if (sendMode.batchOnly() && (interfaceName == null || interface2 != null)) {
            throw ReplayException.usage("--send-mode " + sendMode.name() + " needs --interface (and no --interface2)");
        }
        if (interfaceName == null && sink == null) {
            throw ReplayException.usage(Sinks.noTarget());
        }
        if (batch < 1 || batch > Sinks.MAX_BATCH) {
            throw ReplayException.usage("--batch takes 1.." + Sinks.MAX_BATCH);
        }
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw ReplayException.usage("--multiplier must be a positive number");
        }
        if (loops < 0 || limit < 0 || durationNs < 0) {
            throw ReplayException.usage("--loop, --limit and --duration take values >= 0");
        }
        if (!preload && windowBytes < MIN_WINDOW_BYTES) {
            throw ReplayException.usage("--window must be at least 4 KiB");
        }
        if (rtPriority < 0 || rtPriority > 99) {
            throw ReplayException.usage("--rt-priority takes 1..99");
        }
        if (statsIntervalNs < 0) {
            throw ReplayException.usage("--stats takes seconds >= 0");
        }
        if (traceIo == TraceIo.READ && preload) {
            throw ReplayException.usage(
                    "--trace-io read reads the trace through read() calls; it cannot be --preload-ed");
        }
        if (cpu < -1) {
            throw ReplayException.usage("--cpu takes a CPU number >= 0");
        }
    }

    /** The file the pcap sink writes, or null. */
    public String sinkOutputFile() {
        return sink == null ? null : sink.outputFile();
    }

    public static Builder builder(String input) {
        return new Builder().input(input);
    }

    /** Defaults as the command line has them; {@link #build} validates. Reusable: each build is a snapshot. */
    public static final class Builder {
        private String input;
        private String interfaceName;
        private String interface2;
        private SinkSpec sink;
        private String netns;
        private boolean prepOnTheFly;
        private TimerKind timer = Timers.DEFAULT;
        private double multiplier = 1.0;
        private boolean topspeed;
        private SendMode sendMode = Sinks.DEFAULT_SEND_MODE;
        private int batch = Sinks.DEFAULT_BATCH;
        private long loops = 1;
        private long limit;
        private long durationNs;
        private long windowBytes = TraceWindows.DEFAULT_WINDOW_BYTES;
        private boolean preload;
        private TraceWindows.Prefetch prefetch = TraceWindows.Prefetch.THREAD;
        private EpsilonAt epsilonAt = EpsilonAt.CALL;
        private boolean mlock;
        private int rtPriority;
        private int cpu = -1;
        private String epsilonLog;
        private boolean stopOnError;
        private long statsIntervalNs;
        private StartInstant startAt;
        private long startLeadNs = 5_000_000L;
        private TraceIo traceIo = TraceIo.MMAP;
        private String readLog;
        private boolean profile;
        private boolean evictTrace;

        public ReplayOptions build() {
            return new ReplayOptions(
                    input,
                    interfaceName,
                    interface2,
                    sink,
                    netns,
                    prepOnTheFly,
                    timer,
                    multiplier,
                    topspeed,
                    sendMode,
                    batch,
                    loops,
                    limit,
                    durationNs,
                    windowBytes,
                    preload,
                    prefetch,
                    epsilonAt,
                    mlock,
                    rtPriority,
                    cpu,
                    epsilonLog,
                    stopOnError,
                    statsIntervalNs,
                    startAt,
                    startLeadNs,
                    traceIo,
                    readLog,
                    profile,
                    evictTrace);
        }

        public Builder input(String v) {
            input = v;
            return this;
        }

        public Builder interfaceName(String v) {
            interfaceName = v;
            return this;
        }

        public Builder interface2(String v) {
            interface2 = v;
            return this;
        }

        public Builder sink(SinkSpec v) {
            sink = v;
            return this;
        }

        /** KIND[:ARG] as the command line writes it, or null. */
        public Builder sink(String spec) {
            sink = spec == null ? null : Sinks.parse(spec);
            return this;
        }

        public Builder netns(String v) {
            netns = v;
            return this;
        }

        public Builder prepOnTheFly(boolean v) {
            prepOnTheFly = v;
            return this;
        }

        public Builder timer(TimerKind v) {
            timer = v;
            return this;
        }

        public Builder multiplier(double v) {
            multiplier = v;
            return this;
        }

        public Builder topspeed(boolean v) {
            topspeed = v;
            return this;
        }

        public Builder sendMode(SendMode v) {
            sendMode = v;
            return this;
        }

        public Builder batch(int v) {
            batch = v;
            return this;
        }

        public Builder loops(long v) {
            loops = v;
            return this;
        }

        public Builder limit(long v) {
            limit = v;
            return this;
        }

        public Builder durationNs(long v) {
            durationNs = v;
            return this;
        }

        public Builder windowBytes(long v) {
            windowBytes = v;
            return this;
        }

        public Builder preload(boolean v) {
            preload = v;
            return this;
        }

        public Builder prefetch(TraceWindows.Prefetch v) {
            prefetch = v;
            return this;
        }

        public Builder epsilonAt(EpsilonAt v) {
            epsilonAt = v;
            return this;
        }

        public Builder mlock(boolean v) {
            mlock = v;
            return this;
        }

        public Builder rtPriority(int v) {
            rtPriority = v;
            return this;
        }

        public Builder cpu(int v) {
            cpu = v;
            return this;
        }

        public Builder epsilonLog(String v) {
            epsilonLog = v;
            return this;
        }

        public Builder stopOnError(boolean v) {
            stopOnError = v;
            return this;
        }

        public Builder statsIntervalNs(long v) {
            statsIntervalNs = v;
            return this;
        }

        public Builder startAt(StartInstant v) {
            startAt = v;
            return this;
        }

        public Builder startLeadNs(long v) {
            startLeadNs = v;
            return this;
        }

        public Builder traceIo(TraceIo v) {
            traceIo = v;
            return this;
        }

        public Builder readLog(String v) {
            readLog = v;
            return this;
        }

        public Builder profile(boolean v) {
            profile = v;
            return this;
        }

        public Builder evictTrace(boolean v) {
            evictTrace = v;
            return this;
        }
    }
}
