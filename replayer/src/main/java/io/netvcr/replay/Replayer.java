package io.netvcr.replay;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrValidator;
import io.netvcr.prep.PrepOptions;
import io.netvcr.prep.Preparer;
import io.netvcr.replay.ReplayException.Kind;
import io.netvcr.replay.os.HelperThreads;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.os.NetworkNamespace;
import io.netvcr.replay.os.PageCache;
import io.netvcr.replay.os.ThreadSwitches;
import io.netvcr.replay.os.ThreadTuning;
import io.netvcr.replay.report.EpsilonLogWriter;
import io.netvcr.replay.report.LiveStats;
import io.netvcr.replay.report.LoopProfile;
import io.netvcr.replay.report.ReadLogWriter;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.sink.BatchSink;
import io.netvcr.replay.sink.DryRunSink;
import io.netvcr.replay.sink.MmsgSink;
import io.netvcr.replay.sink.NullBatchSink;
import io.netvcr.replay.sink.NullSink;
import io.netvcr.replay.sink.PacketSink;
import io.netvcr.replay.sink.RawSocketSink;
import io.netvcr.replay.sink.Sinks;
import io.netvcr.replay.timing.DeadlineTimer;
import io.netvcr.replay.timing.JitSettle;
import io.netvcr.replay.timing.RtSpinGuard;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.timing.StartApproach;
import io.netvcr.replay.timing.StartGate;
import io.netvcr.replay.timing.StartInstant;
import io.netvcr.replay.timing.TimerCalibration;
import io.netvcr.replay.timing.WallClock;
import io.netvcr.replay.trace.BufferedTraceReader;
import io.netvcr.replay.trace.TraceFault;
import io.netvcr.replay.trace.TraceIo;
import io.netvcr.replay.trace.TraceWindows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Sets a replay up and runs it on a dedicated sending thread, which alone is tuned (namespace, CPU, scheduler,
 * timer slack) and alone opens the sink, so nothing leaks into the caller's thread.
 *
 * <p>Failures before the trace is open are thrown ({@link ReplayException}); from then on every way the replay
 * can end (completed, stopped by a signal, a send, sink, ε-log or trace failure) returns a {@link ReplayResult},
 * so the caller always has a report. The pcap sink and the ε log are committed together when the replay completed
 * or was stopped by a signal (they then hold exactly the packets the report counts), and not at all when it failed.
 */
public final class Replayer {
    private static final long WARM_UP_PACKETS = 300_000;
    private static final long WARM_UP_MAX_MS = 1_500;
    /** The warm-up's last stage: this many short passes of at most WARM_UP_PASS_RECORDS records. */
    private static final long WARM_UP_PASSES = 40;

    private static final long WARM_UP_PASS_RECORDS = 256;
    /** The warm-up's last stage ends batches sent from the mapping this often (see ReplayLoop.batchWindowRecords). */
    private static final long WARM_UP_BATCH_WINDOW_RECORDS = 100;
    /** How often the waiting thread looks at the stop flag while another thread works (prep, the sender). */
    private static final long POLL_MS = 50;

    private static final int KERNEL_WARM_SENDS = 2_000;
    /** Mean gap of the warm-up's compressed schedule: longer than a compiled pass, shorter than an interpreted one. */
    private static final double WARM_UP_GAP_NS = 2_000;

    /** A wait the hybrid timer plans as a long sleep and short ones (over 262 us: a long class, see WakeLateness). */
    private static final long WARM_UP_LONG_WAIT_NS = 400_000;
    /**
     * How far ahead of offset 0 the loop is entered (see the start and {@link ReplayLoop#entrySpin}): the entry took
     * 20-80 us here, up to 80 when a second replayer started at the same instant on the other CPU.
     */
    private static final long LOOP_ENTRY_LEAD_NS = 200_000;
    /** A run's first wait up to this long is the start's, spun (ReplayLoop.entrySpin); a longer one is timed. */
    private static final long ENTRY_SPIN_UNDER_NS = 2 * LOOP_ENTRY_LEAD_NS;
    /** Warm-up stage 3b: mean gap, and packets (a few long waits, some 100 ms at most). */
    private static final double WARM_UP_LONG_GAP_NS = 300_000;

    private static final long WARM_UP_LONG_GAP_PACKETS = 300;

    private final ReplayOptions o;
    private final StopSignal stop;
    private final Mechanisms mechanisms = new Mechanisms();
    private final List<String> warnings = new ArrayList<>();

    /** Shards of one process without --start-at start together at this gate (null: alone, or at an instant). */
    private final StartGate startGate;

    public Replayer(ReplayOptions options, StopSignal stop) {
        this(options, stop, null);
    }

    Replayer(ReplayOptions options, StopSignal stop, StartGate startGate) {
        this.o = options;
        this.stop = stop;
        this.startGate = startGate;
    }

    public ReplayResult run() throws IOException, InterruptedException {
        PacketSink sink = Sinks.create(o.interfaceName(), o.interface2(), o.sink(), o.sendMode(), o.batch());
        Path input = requireRegularFile(o.input());
        Path prepared = null;
        try {
            NvcrHeader header = readHeaderOrNull(input);
            if (header == null || !header.isPrepared()) {
                if (!o.prepOnTheFly()) {
                    throw new ReplayException(
                            Kind.BAD_TRACE,
                            o.input()
                                    + (header == null
                                            ? " is not a NetVCR file"
                                            : " is not prepared for replay (no send schedule)")
                                    + ": run 'netvcr-prep " + o.input()
                                    + " PREPARED.nvcr' and replay that, or pass --prep to prepare it on the fly");
                }
                prepared = prepare(input);
                input = prepared;
            }
            return replay(input, sink);
        } finally {
            if (prepared != null) {
                deleteTree(prepared.getParent());
            }
        }
    }

    /**
     * The trace is mapped, so it must be a regular file (symbolic links followed): standard input, a FIFO, a
     * device or a directory is refused at once with what it is - a FIFO would otherwise block the open forever.
     */
    static Path requireRegularFile(String name) throws IOException {
        if (name.equals("-")) {
            throw new ReplayException(
                    Kind.MISSING_INPUT,
                    "netvcr-replay needs a regular file, not '-' (standard input): "
                            + "the trace is mapped into memory; save it to a file first");
        }
        Path p = Path.of(name);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ReplayException(Kind.MISSING_INPUT, "no such file: " + name);
        } catch (AccessDeniedException e) {
            throw new ReplayException(Kind.MISSING_INPUT, name + ": permission denied");
        }
        if (a.isRegularFile()) {
            if (!Files.isReadable(p)) {
                throw new ReplayException(Kind.MISSING_INPUT, name + ": permission denied");
            }
            return p;
        }
        throw new ReplayException(
                Kind.MISSING_INPUT,
                name + " is " + fileKind(p, a) + ", not a regular file: "
                        + "netvcr-replay needs a regular file (the trace is mapped into memory)");
    }

    /** "a directory", "a FIFO (named pipe)", "a character device", ... from the file's mode bits. */
    private static String fileKind(Path p, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        int type;
        try {
            type = ((Integer) Files.getAttribute(p, "unix:mode")) & 0170000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
        switch (type) {
            case 0010000:
                return "a FIFO (named pipe)";
            case 0020000:
                return "a character device";
            case 0060000:
                return "a block device";
            case 0140000:
                return "a socket";
            default:
                return "a special file";
        }
    }

    /** The header of a NetVCR file, or null when the file is something else (netvcr-prep reads raw traces too). */
    private static NvcrHeader readHeaderOrNull(Path input) throws IOException {
        try {
            return NvcrFile.readHeader(input);
        } catch (TraceFormatException e) {
            byte[] magic = new byte[8];
            try (java.io.InputStream in = Files.newInputStream(input)) {
                if (in.readNBytes(magic, 0, 8) == 8 && NvcrHeader.hasMagic(magic, 8)) {
                    throw new ReplayException(
                            Kind.BAD_TRACE, e.getMessage(), e); // a damaged NetVCR file: report the damage
                }
            }
            return null;
        }
    }

    /**
     * --prep: the default preparation into a temporary directory, through prep's own API, on a helper thread so
     * that a signal is answered at once: the helper is interrupted (its file channels close) and the temporary
     * directory removed, whether or not it has noticed yet.
     */
    private Path prepare(Path input) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("netvcr-replay-");
        Path out = dir.resolve("prepared.nvcr");
        PrepOptions p = new PrepOptions();
        p.input = input.toString();
        p.output = out.toString();
        p.toolVersion = "netvcr " + io.netvcr.cli.VersionProvider.version();
        p.parameters = "(netvcr-replay --prep: prep's defaults)";
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(
                () -> {
                    try {
                        Preparer.run(p, io.netvcr.cli.Progress.none());
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                },
                "netvcr-replay-prep");
        t.setDaemon(true);
        boolean done = false;
        try {
            t.start();
            while (t.isAlive() && !stop.requested()) {
                t.join(POLL_MS);
            }
            if (stop.requested()) {
                t.interrupt();
                t.join(500);
                throw ReplayException.stopped(stop, "while preparing " + input + " (--prep); temporary files removed");
            }
            if (failure[0] != null || !Files.isRegularFile(out)) {
                Throwable e = failure[0];
                String why = e == null
                        ? "no output"
                        : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                if (why.startsWith(input + ": ")) {
                    why = why.substring(input.toString().length() + 2); // the file is named once, below
                }
                throw new ReplayException(
                        e instanceof TraceFormatException
                                ? Kind.BAD_TRACE
                                : e instanceof IllegalArgumentException ? Kind.USAGE : Kind.IO,
                        "--prep could not prepare " + input + ": " + why,
                        e);
            }
            done = true;
            return out;
        } finally {
            if (!done) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary directory under java.io.tmpdir
        }
    }

    private ReplayResult replay(Path input, PacketSink sink) throws IOException, InterruptedException {
        long windowBytes = o.preload() ? Long.MAX_VALUE : o.windowBytes();
        TraceWindows.Prefetch prefetch = o.traceIo() == TraceIo.READ ? TraceWindows.Prefetch.NONE : o.prefetch();
        TraceWindows windows;
        try {
            NvcrValidator.validate(input); // every field the send loop acts on, before the first send
            windows = new TraceWindows(
                    input,
                    windowBytes,
                    o.loops() != 1,
                    o.preload() || o.mlock(),
                    o.preload() && prefetch == TraceWindows.Prefetch.NONE ? TraceWindows.Prefetch.THREAD : prefetch,
                    sink.sendsFromMemory(),
                    mechanisms);
        } catch (TraceFormatException e) {
            throw new ReplayException(Kind.BAD_TRACE, e.getMessage(), e);
        }
        try (windows) {
            int linkType = windows.header().linkType;
            if (sink.needsEthernet()
                    && linkType != LinkTypes.ETHERNET
                    && linkType != NvcrLayout.NONE16
                    && windows.count() > 0) {
                throw ReplayException.usage(sink.describe() + " sends Ethernet frames but " + input
                        + " holds link type " + linkType + " (" + LinkTypes.name(linkType)
                        + "); convert it with --link-ethernet, or use --sink udp:HOST:PORT");
            }
            windows.stopWaitingWhen(stop::requested);
            if (windows.header().recordCount == NvcrLayout.COUNT_UNKNOWN) {
                warnings.add(input + " is still being written (its header has no record count): replaying the "
                        + windows.count() + " whole records it held when the replay opened it");
            }
            describeWindows(windows, prefetch);
            ReplayStats stats = new ReplayStats();
            stats.planned = ReplayStats.plannedPackets(windows.count(), o.loops(), o.limit());
            return send(input, windows, sink, stats);
        }
    }

    private void describeWindows(TraceWindows windows, TraceWindows.Prefetch prefetch) {
        if (o.traceIo() == TraceIo.READ) {
            mechanisms.refused(
                    "mapped trace windows",
                    String.format(
                            "--trace-io read: records read with read() calls into "
                                    + "one reused buffer of %,d bytes (the paper's fread baseline)",
                            BufferedTraceReader.DEFAULT_BUFFER_BYTES));
        } else if (o.preload()) {
            mechanisms.inForce("whole trace mapped and locked (--preload, " + windows.windowBytes() + " bytes)");
        } else if (prefetch == TraceWindows.Prefetch.NONE) {
            mechanisms.refused(
                    "trace prefetch",
                    String.format(
                            "--prefetch none (--no-prefetch): one window of %,d bytes "
                                    + "mapped on demand, MADV_RANDOM (no readahead)",
                            windows.windowBytes()));
        } else if (prefetch == TraceWindows.Prefetch.INLINE) {
            mechanisms.inForce(String.format(
                    "trace streamed through mapped windows of %,d bytes, mapped by the sending "
                            + "thread at each boundary (--prefetch inline: MADV_SEQUENTIAL + MADV_WILLNEED ahead, MADV_DONTNEED + unmap "
                            + "behind)",
                    windows.windowBytes()));
        } else {
            mechanisms.inForce(String.format(
                    "trace streamed through mapped windows of %,d bytes, mapped ahead and made "
                            + "resident by a helper thread%s, unmapped behind (--prefetch thread; the sending thread only switches)",
                    windows.windowBytes(),
                    windows.kernelReads()
                            ? " (every page read once by it and by the kernel: frames are sent from them)"
                            : ""));
        }
        if (LinuxNative.libc() == null) {
            mechanisms.refused(
                    "native calls (madvise, timer slack, raw socket)", String.valueOf(LinuxNative.loadFailure()));
        }
    }

    /** Runs the sending thread to its end and words how it ended; never throws for a failure of the replay itself. */
    private ReplayResult send(Path input, TraceWindows windows, PacketSink sink, ReplayStats stats)
            throws InterruptedException {
        Sender sender = new Sender(windows, sink, stats);
        Thread t = new Thread(sender, "netvcr-send");
        long cpu0 = processCpuNs();
        long wall0 = System.nanoTime();
        t.start();
        LiveStats live =
                o.statsIntervalNs() > 0 ? LiveStats.start(stats, o.statsIntervalNs(), sender::firstSendNs) : null;
        try {
            // No polling: a thread waking every 50 ms could preempt a spinning sender at its start (a signal
            // reaches the sender through the stop flag, not through this thread).
            t.join();
        } catch (InterruptedException e) {
            stop.request(StopSignal.SIGINT_CODE);
            t.join();
            finishOutputs(
                    sink,
                    sender.log,
                    sender.readLog,
                    false); // the caller gets no report: nothing half-written is published
            throw e;
        } finally {
            if (live != null) {
                live.stop();
            }
        }
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNs() - cpu0;
        stats.truncatedBySink = sink.truncated();
        ReplayResult.Outcome outcome = ReplayResult.Outcome.COMPLETED;
        Kind kind = null;
        String reason = "";
        Throwable f = sender.failure;
        ReplayLoop at = sender.loop;
        long record = at == null ? 0 : at.recordIndex();
        int recordLength = windows.header().recordLength;
        // A truncation that cuts a page leaves the rest of that page reading as zeros, not SIGBUS: the record
        // then looks damaged, but the file, not the record, is what changed.
        if (f != null && (TraceFault.isMappedFileFault(f) || windows.endsBefore(record))) {
            kind = Kind.IO;
            reason = TraceFault.describe(input, record, recordLength);
        } else if (f instanceof ReplayException) {
            kind = ((ReplayException) f).kind();
            reason = "stopped: " + f.getMessage();
        } else if (f instanceof io.netvcr.cli.OutputException) {
            kind = Kind.CANNOT_CREATE;
            reason = "stopped: " + message(f);
        } else if (f instanceof IOException || f instanceof UncheckedIOException) {
            kind = Kind.IO;
            reason = "stopped: " + message(f);
        } else if (f != null && sender.inLoop) {
            // Thrown while reading a record (a damaged field a library refused): name where.
            kind = Kind.BAD_TRACE;
            reason = "stopped: " + input + ": record " + record + " at byte offset "
                    + NvcrLayout.recordOffset(record, recordLength) + " is damaged (" + message(f) + ")";
        } else if (f != null) {
            kind = Kind.INTERNAL;
            reason = "stopped: " + message(f);
        } else if (stats.stopErrno != 0) {
            kind = Kind.IO;
            reason = "stopped: send to " + sink.describe() + " failed with " + LinuxNative.describe(stats.stopErrno);
        } else if (stop.requested()) {
            outcome = ReplayResult.Outcome.STOPPED;
            reason = "stopped by " + stop.signalName();
        }
        if (kind != null) {
            outcome = ReplayResult.Outcome.FAILED;
        }
        String outputs = finishOutputs(sink, sender.log, sender.readLog, outcome != ReplayResult.Outcome.FAILED);
        if (sender.log != null) {
            stats.epsilonLogRecords = sender.log.written();
            stats.epsilonLogDropped = sender.log.dropped();
        }
        if (sender.readLog != null) {
            stats.readLogRecords = sender.readLog.written();
            stats.readLogDropped = sender.readLog.dropped();
        }
        if (outputs != null) {
            if (outcome != ReplayResult.Outcome.FAILED) {
                outcome = ReplayResult.Outcome.FAILED;
                kind = Kind.IO;
                reason = "stopped: " + outputs;
            } else {
                reason = reason + "; " + outputs;
            }
        }
        if (outcome == ReplayResult.Outcome.FAILED
                && (o.sinkOutputFile() != null || o.epsilonLog() != null || o.readLog() != null)) {
            reason = reason + System.lineSeparator() + "Not written (the replay failed): "
                    + String.join(", ", plannedOutputs());
        }
        return new ReplayResult(
                stats,
                sink.describe(),
                sender.timerDescription,
                mechanisms.inForce(),
                mechanisms.refused(),
                wall,
                cpu,
                sender.cpuNs,
                outcome,
                kind,
                outcome == ReplayResult.Outcome.STOPPED ? stop.exitCode() : 0,
                reason,
                List.copyOf(warnings));
    }

    private List<String> plannedOutputs() {
        List<String> l = new ArrayList<>();
        if (o.sinkOutputFile() != null) {
            l.add("pcap sink " + o.sinkOutputFile());
        }
        if (o.epsilonLog() != null) {
            l.add("epsilon log " + o.epsilonLog());
        }
        if (o.readLog() != null) {
            l.add("read log " + o.readLog());
        }
        return l;
    }

    /**
     * Closes the sink and the ε log, committing their files together when commit is true, removing both otherwise:
     * the pcap sink is written out first (unpublished), then the ε log written and published, then the pcap file
     * published; a write failure of either removes both. Returns what failed, or null.
     */
    private static String finishOutputs(PacketSink sink, EpsilonLogWriter log, ReadLogWriter readLog, boolean commit) {
        String failed = null;
        boolean keep = commit;
        if (keep) {
            try {
                sink.finish(); // written out, not yet published
            } catch (IOException | RuntimeException e) {
                failed = "cannot write " + sink.describe() + ": " + message(e);
                keep = false;
            }
        }
        if (log != null) {
            try {
                if (keep) {
                    log.close();
                } else {
                    log.discard();
                }
            } catch (IOException | RuntimeException e) {
                failed = "cannot write the epsilon log: " + message(e);
                keep = false;
            }
        }
        if (readLog != null) {
            try {
                if (keep) {
                    readLog.close();
                } else {
                    readLog.discard();
                }
            } catch (IOException | RuntimeException e) {
                failed = "cannot write the read log: " + message(e);
                keep = false;
            }
        }
        try {
            if (keep) {
                sink.close();
            } else {
                sink.discard();
            }
        } catch (IOException | RuntimeException e) {
            String m = "cannot finish " + sink.describe() + ": " + message(e);
            failed = failed == null ? m : failed + "; " + m;
        }
        return failed;
    }

    private static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static long processCpuNs() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }

    /** JIT compilation time so far, all compiler threads (ms), or -1. */
    static long jitMs() {
        java.util.function.LongSupplier c = JitSettle.compileMs();
        return c == null ? -1 : c.getAsLong();
    }

    /** Garbage collections so far, all collectors, or -1. */
    static long gcCount() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            long c = g.getCollectionCount();
            if (c < 0) {
                return -1;
            }
            n += c;
        }
        return n;
    }

    /** The sending thread: tune itself, open the sink, calibrate, warm up, then run the loop. */
    private final class Sender implements Runnable {
        private final TraceWindows windows;
        private final PacketSink sink;
        private final ReplayStats stats;
        volatile Throwable failure;
        /** The loop running (warm-up or replay), to name the record a trace fault hit. */
        volatile ReplayLoop loop;

        volatile String timerDescription = "";
        /** The ε log, finished by the caller with the sink. */
        volatile EpsilonLogWriter log;
        /** --read-log, finished with the ε log; --trace-io read's reader and --profile's histograms (null when off). */
        volatile ReadLogWriter readLog;

        private BufferedTraceReader reader;
        private LoopProfile profile;
        private final StartApproach approach = new StartApproach();
        /** Made once, early: linking a method reference the first time takes milliseconds at load. */
        private final BooleanSupplier stopped = stop::requested;

        private ReadLogWriter warmReadLog;
        /** Set while a loop (warm-up or replay) reads records: an unexpected exception then means a damaged record. */
        volatile boolean inLoop;

        volatile long cpuNs;
        private volatile long startNs;

        Sender(TraceWindows windows, PacketSink sink, ReplayStats stats) {
            this.windows = windows;
            this.sink = sink;
            this.stats = stats;
        }

        long firstSendNs() {
            return startNs;
        }

        @Override
        public void run() {
            try {
                if (o.netns() != null) {
                    NetworkNamespace.enter(o.netns());
                    mechanisms.inForce("sending thread in network namespace " + o.netns());
                }
                boolean realtime = ThreadTuning.apply(o.cpu(), o.rtPriority(), o.mlock(), mechanisms)
                        .realtime();
                sink.open(mechanisms);
                Sleeper sleeper = chooseSleeper(realtime);
                long margin = stats.timerMarginNs;
                DeadlineTimer timer = DeadlineTimer.create(o.timer(), sleeper, margin, realtime);
                if (!o.timer().usesMargin()) {
                    stats.timerMarginNs = 0;
                }
                timerDescription = o.topspeed() ? "none (--topspeed)" : timer.describe();
                if (realtime && !o.topspeed() && o.timer().spins()) {
                    mechanisms.inForce(RtSpinGuard.RtThrottling.read().describe());
                }
                // --interface2 splits by direction over one single-frame socket per interface, whatever the mode.
                stats.sendMode = o.interfaceName() == null
                        ? sink.describe()
                        : o.interface2() != null
                                ? Sinks.SINGLE.name()
                                : o.sendMode().name();
                FrameBuilder frames = new FrameBuilder();
                if (o.traceIo() == TraceIo.READ) {
                    reader = new BufferedTraceReader(
                            windows.path(),
                            windows.header().recordLength,
                            windows.count(),
                            BufferedTraceReader.DEFAULT_BUFFER_BYTES);
                }
                profile =
                        o.profile() ? new LoopProfile() : null; // made on this thread: its probe cost is this thread's
                long scheduleDuration = scheduleDuration();
                long loopPeriod =
                        Schedule.defaultLoopPeriod(windows.header().loopPeriodNs, scheduleDuration, windows.count());
                warmUp(frames, timer, sleeper, sink, scheduleDuration, loopPeriod);
                StartInstant at = o.startAt() == null ? null : o.startAt().forThread();
                // The start's own code, compiled now rather than in its last milliseconds (see StartApproach).
                approach.warm();
                if (at != null) {
                    at.warm();
                }
                // The counters read just before the start (below), read once now: their first read loads the
                // management beans and /proc reading (lambdas, method handles, a class spun by ASM), and the
                // compilations that set off ran up to the start, after the JIT had been waited for, on a CPU a sender
                // needs (-XX:+PrintCompilation: ~30 C1 compilations of ASM and LambdaForms in the last 30 ms before
                // the start; now they end before JitSettle's quiet 100 ms).
                ThreadSwitches.involuntary();
                jitMs();
                gcCount();
                long settleMax = JitSettle.MAX_NS;
                if (at != null) {
                    // Never at the cost of the instant: leave 200 ms for the first windows and the wait itself.
                    settleMax = Math.max(0, Math.min(settleMax, at.instantNs() - at.clockNs() - 200_000_000L));
                }
                long settled =
                        JitSettle.await(JitSettle.compileMs(), sleeper, JitSettle.QUIET_NS, settleMax, stop::requested);
                mechanisms.inForce(String.format(
                        java.util.Locale.ROOT,
                        "JIT settled before the start: waited %.0f ms for "
                                + "the compiler to stay idle %d ms (at most %.1f s)",
                        settled / 1e6,
                        JitSettle.QUIET_NS / 1_000_000,
                        settleMax / 1e9));
                EpsilonLogWriter log =
                        o.epsilonLog() == null ? null : new EpsilonLogWriter(o.epsilonLog(), o.epsilonAt());
                this.log = log; // committed or removed with the sink's file once the outcome is known
                this.readLog = o.readLog() == null ? null : new ReadLogWriter(o.readLog());
                ReplayLoop loop = new ReplayLoop(windows, frames, sink, timer, sleeper, stats, log, stop)
                        .entrySpin(ENTRY_SPIN_UNDER_NS)
                        .stopOnError(o.stopOnError())
                        .epsilonAt(o.epsilonAt())
                        .readThrough(reader)
                        .readLog(readLog)
                        .profile(profile);
                stats.traceIo = o.traceIo();
                stats.profile = profile;
                if (profile != null) {
                    profile.reset(); // the warm-up's samples are not the replay's
                }
                stats.epsilonAt = o.epsilonAt();
                if (o.evictTrace()) {
                    // After the warm-up (which read the trace): the replay starts on the cache state asked for.
                    mechanisms.inForce(PageCache.evict(windows.path()));
                }
                // The first window is resident before the clock starts; switch counters describe the replay only.
                if (reader == null) {
                    windows.prepareFrom(0);
                    windows.awaitMappedAhead();
                }
                windows.resetCounters();
                this.loop = loop;
                java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                // Read before the start is fixed: the first reads load classes (/proc, management beans), which
                // took tens of ms under load and made every packet late when done after it.
                long preempted0 = ThreadSwitches.involuntary();
                long jit0 = jitMs();
                long gc0 = gcCount();
                long lead = Math.max(o.startLeadNs(), margin + 1_000_000);
                long startMono;
                if (at != null) {
                    stats.startAtNs = at.instantNs();
                    stats.startClock = at.clock().word();
                    stats.startRealtimeNs = at.clock() == StartInstant.Clock.REALTIME
                            ? at.instantNs()
                            : WallClock.realtimeOf(at.monotonicNs());
                    // Offset 0 is the instant, waited for here after everything slow, so every shard and host given
                    // the same instant starts together as far as their clocks agree. Converted after the last sleep.
                    startMono = approach.sleepUntilSpin(at::monotonicNs, sleeper, stopped);
                } else {
                    if (startGate != null) {
                        // Shards in one process: the last one ready fixes the start for all (see StartGate).
                        startMono = startGate.arrive(lead, stopped);
                        if (startMono == Long.MIN_VALUE) {
                            return; // another shard failed (or a signal) before all were ready: nothing sent
                        }
                        stats.startRealtimeNs = startGate.startRealtimeNs();
                    } else {
                        // Everything slow (class loading, file creation) is done: the start is only a little ahead.
                        startMono = System.nanoTime() + lead;
                        stats.startRealtimeNs = WallClock.realtimeOf(startMono);
                    }
                    startMono = approach.sleepUntilSpin(startMono, sleeper, stopped);
                }
                if (startMono == Long.MIN_VALUE) {
                    return; // stopped while waiting: nothing sent, the usual report
                }
                // Everything the first send needs is ready before the spin (see StartApproach): after it, only
                // compiled code and the loop's entry, whose constant-pool entries the warm-up resolved.
                long cpu0 = threads.getCurrentThreadCpuTime();
                Schedule schedule = new Schedule(startMono, loopPeriod, o.multiplier());
                startNs = startMono;
                // "No limit" as the largest value rather than 0, as in the warm-up: the same branches stay hot.
                long loops = o.loops() == 0 ? Long.MAX_VALUE : o.loops();
                long limit = o.limit() == 0 ? Long.MAX_VALUE : o.limit();
                long durationNs = o.durationNs();
                boolean topspeed = o.topspeed();
                try {
                    inLoop = true;
                    // Offset 0 approached by spinning, whatever the timer. Entering the loop costs 20-80 us even
                    // compiled and warm: the first call into it, the first record's read and its staging touch code
                    // and data the spin did not (--sink null: the first frame handed over 11-20 us after offset 0
                    // when the spin ended at it; with two replayers starting together, 43-80 us). So the loop is
                    // entered 200 us ahead and its first wait spins the rest with the first frame staged, whatever
                    // the timer. Top speed keeps the spin to offset 0: its first packet has no wait.
                    long entryLead = topspeed ? 0 : LOOP_ENTRY_LEAD_NS;
                    approach.spin(startMono - entryLead);
                    loop.run(schedule, loops, limit, durationNs, topspeed);
                } finally {
                    inLoop = false;
                    cpuNs = Math.max(0, threads.getCurrentThreadCpuTime() - cpu0 - approach.spunNs());
                    // The achieved start: the first frame's hand-over (the clock read before its send call).
                    stats.startLateNs = stats.firstSendNs != 0
                            ? stats.firstSendNs - startMono
                            : approach.reachedNs() - approach.startNs();
                    stats.startSpinStallNs = approach.longestStallNs();
                    long preempted = ThreadSwitches.involuntary();
                    stats.senderPreemptions = preempted0 < 0 || preempted < 0 ? -1 : preempted - preempted0;
                    long jit = jitMs();
                    long gc = gcCount();
                    stats.jitMsDuringReplay = jit0 < 0 || jit < 0 ? -1 : jit - jit0;
                    stats.gcDuringReplay = gc0 < 0 || gc < 0 ? -1 : gc - gc0;
                    stats.loopWallNs = Math.max(0, System.nanoTime() - startMono);
                    stats.timerSpinNs = timer.spinNs() - warmSpinNs;
                    stats.timerSleeps = timer.sleeps() - warmSleeps;
                    stats.timerOversleeps = timer.oversleeps() - warmOversleeps;
                    stats.timerForcedRests = timer.forcedRests();
                    stats.rtExposedWindows = timer.rtExposedWindows();
                    stats.prefetch = windows.prefetch();
                    stats.windowRecords = windows.recordsPerWindow();
                    stats.windowSwitches = windows.switches();
                    stats.windowStalls = windows.stalls();
                    stats.windowStallNs = windows.stallNs();
                    mechanisms.inForce(String.format(
                            java.util.Locale.ROOT,
                            "start approached by spinning whatever the timer: slept until %.1f ms before send offset 0,"
                                    + " spun %.3f ms (longest stall %.1f us) to the loop's entry %.0f us before it,"
                                    + " reached that %.3f us late; first frame handed over %.3f us after offset 0",
                            StartApproach.SPIN_NS / 1e6,
                            approach.spunNs() / 1e6,
                            approach.longestStallNs() / 1e3,
                            (startMono - approach.startNs()) / 1e3,
                            (approach.reachedNs() - approach.startNs()) / 1e3,
                            stats.startLateNs / 1e3));
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                if (reader != null) {
                    stats.traceReads = reader.reads();
                    try {
                        reader.close();
                    } catch (IOException e) {
                        // read-only file: nothing is lost
                    }
                }
                if (o.cpu() >= 0) {
                    HelperThreads.sendingCpuReleased(o.cpu());
                }
            }
        }

        /** Header's schedule duration, else the last record's offset (files prepared by older tools). */
        private long scheduleDuration() throws IOException {
            long d = windows.header().scheduleDurationNs;
            if (d > 0 || windows.count() == 0) {
                return d;
            }
            return windows.record(windows.count() - 1, new NvcrRecord()).sendOffsetNs();
        }

        /**
         * Runs the send loop itself, against a null sink on a schedule long past (so nothing waits), until the
         * JIT has compiled it: an interpreted first pass runs at tens of microseconds per packet and would make
         * the first thousands of packets late. Bounded by packets and by time.
         */
        private long warmSpinNs;

        private long warmSleeps;
        private long warmOversleeps;

        /**
         * Measures the wake-up lateness of both ways to sleep (clock_nanosleep TIMER_ABSTIME and parkNanos) on this
         * thread, after its scheduler and timer slack are set (both change the answer), and sleeps with the one
         * whose p99 is lower. Hybrid's margin is that p99 plus a safety (see {@link TimerCalibration}). Skipped at
         * top speed (no waits) and for the spin timer.
         */
        private Sleeper chooseSleeper(boolean realtime) {
            Sleeper nanosleep = new Sleeper(true);
            if (o.topspeed() || !o.timer().sleeps()) {
                return nanosleep;
            }
            Sleeper park = new Sleeper(false);
            TimerCalibration p = TimerCalibration.measure(park, 200, 100_000);
            stats.wakeP50ParkNs = p.p50Ns();
            stats.wakeP99ParkNs = p.p99Ns();
            TimerCalibration chosen = p;
            Sleeper use = park;
            if (nanosleep.isNative()) {
                TimerCalibration n = TimerCalibration.measure(nanosleep, 200, 100_000);
                stats.wakeP50NanosleepNs = n.p50Ns();
                stats.wakeP99NanosleepNs = n.p99Ns();
                if (n.p99Ns() <= p.p99Ns()) {
                    chosen = n;
                    use = nanosleep;
                }
            }
            stats.timerMarginNs = chosen.marginNs();
            mechanisms.inForce("timer wake-up calibrated: " + use.describe() + " " + chosen.describe()
                    + (o.timer().usesMargin()
                            ? String.format(
                                    java.util.Locale.ROOT,
                                    "; " + o.timer().name() + " spin margin %.1f us",
                                    chosen.marginNs() / 1e3)
                            : "")
                    + (stats.wakeP99NanosleepNs >= 0 && use != nanosleep
                            ? String.format(
                                    java.util.Locale.ROOT,
                                    " (clock_nanosleep p99 %.1f us was worse)",
                                    stats.wakeP99NanosleepNs / 1e3)
                            : "")
                    + (use == nanosleep
                            ? String.format(java.util.Locale.ROOT, " (parkNanos p99 %.1f us)", p.p99Ns() / 1e3)
                            : ""));
            return use;
        }

        /**
         * JIT warm-up. C2 compiles from the branch profile gathered before it: a branch never taken there is left
         * out and its first use traps and deoptimises (measured: the first real packet hit unstable_if traps
         * on `limit == 0` and on the timer's wait, as the old warm-up had a limit and only past deadlines). So the
         * warm-up takes every branch the replay will: timed waits that spin and (sleeping timers) sleep first,
         * packets due in the future and late ones, partial batches, the ε log, the same duration/top-speed shape.
         * Nothing is sent: the sink is a null sink of the same kind, the log a discarding one.
         */
        private void warmUp(
                FrameBuilder frames,
                DeadlineTimer timer,
                Sleeper sleeper,
                PacketSink sink,
                long scheduleDuration,
                long loopPeriod)
                throws IOException {
            if (windows.count() == 0) {
                return;
            }
            warmKernelSend(sink);
            warmEpsilonAccounting();
            ReplayStats.warmRecording();
            // The timer's own warm-up first (the hybrid timer's margin learning in every sleep class): the loop below
            // gets awaitUntil compiled, and it must be compiled from a profile that has seen the long sleeps too.
            // Run after it, the replay's first sleep over 4 ms trapped in WakeLateness.longestOf (JFR).
            timer.warmUp();
            boolean spins = o.timer().spins();
            boolean sleeps = o.timer().sleeps();
            long sleepAhead = timer.marginNsOrZero() + 50_000;
            for (int i = 0; i < 20_000; i++) {
                long now = System.nanoTime();
                // Every other sleep a long wait: one long sleep, then short ones, as the replay's longer gaps are
                // planned; without it the repeat was never taken here and trapped in the replay (unstable_if in
                // HybridTimer.awaitUntil, JFR jdk.Deoptimization, bench/shards timed).
                long ahead = sleeps && i % 100 == 0
                        ? i % 200 == 0 ? sleepAhead : WARM_UP_LONG_WAIT_NS
                        : spins && i % 4 == 0 ? 2_000 : 0;
                timer.awaitUntil(now + ahead);
            }
            double meanGap = windows.count() > 1 ? (double) scheduleDuration / (windows.count() - 1) : 0;
            double compress = meanGap > WARM_UP_GAP_NS ? meanGap / WARM_UP_GAP_NS : 1.0;
            // The raw-socket batch sinks (sendmmsg, TX ring) run dry (real class, real system calls, nothing sent): no
            // class_check trap at the first real packet. Other sinks are stood in for by a null sink of their kind.
            DryRunSink dry = sink instanceof DryRunSink ? (DryRunSink) sink : null;
            if (dry != null) {
                dry.dryRun(true);
            }
            PacketSink warmSink = dry != null
                    ? dry
                    : sink instanceof BatchSink
                            ? new NullBatchSink(
                                    ((BatchSink) sink).maxBatch(),
                                    ((BatchSink) sink).slotCapacity(),
                                    ((BatchSink) sink).sendsFromMemory())
                            : new NullSink(sink.sendsFromMemory());
            EpsilonLogWriter discard = o.epsilonLog() == null ? null : EpsilonLogWriter.discarding(o.epsilonAt());
            ReadLogWriter discardRead = o.readLog() == null ? null : ReadLogWriter.discarding();
            warmReadLog = discardRead;
            // Every stage replays through a loop of its own over the same trace, sink and timer, counting into fresh
            // statistics that are thrown away; each stage's first wait is spun as the replay's is (entrySpin).
            java.util.function.Supplier<ReplayLoop> warmLoop = () -> new ReplayLoop(
                            windows, frames, warmSink, timer, sleeper, new ReplayStats(), discard, stop.child())
                    .entrySpin(ENTRY_SPIN_UNDER_NS);
            try {
                // Stage 0: due every 50 us or so: even interpreted passes wait, so the profile C2 compiles from has
                // seen the waits (a record peeked but not yet due, the timer's wait) before the faster stages.
                warmStage(
                        warmLoop.get(),
                        new Schedule(
                                System.nanoTime() + 100_000, loopPeriod, meanGap > 50_000 ? meanGap / 50_000 : 1.0),
                        2_000,
                        200);
                // Stage 1: due about every 2 us from now: interpreted passes run late, compiled ones wait.
                warmStage(
                        warmLoop.get(),
                        new Schedule(System.nanoTime() + 100_000, loopPeriod, compress),
                        WARM_UP_PACKETS * 2 / 3,
                        WARM_UP_MAX_MS * 2 / 3);
                // Stage 2: the real multiplier (Schedule scales or not), everything due.
                warmStage(
                        warmLoop.get(),
                        new Schedule(System.nanoTime() - (1L << 60), loopPeriod, o.multiplier()),
                        WARM_UP_PACKETS / 3,
                        WARM_UP_MAX_MS / 3);
                // Stage 3: short passes within the first window, ended by the pass count: the end-of-trace branches
                // (wrap, last pass) and batches ending at a window's edge are profiled, so neither the replay's
                // first window switch nor its last packet traps before its send.
                long pass = Math.min(WARM_UP_PASS_RECORDS, windows.recordsPerWindow());
                warmStage(
                        warmLoop.get().passLength(pass).batchWindowRecords(WARM_UP_BATCH_WINDOW_RECORDS),
                        new Schedule(System.nanoTime() - (1L << 60), loopPeriod, o.multiplier()),
                        WARM_UP_PASSES,
                        Long.MAX_VALUE,
                        WARM_UP_MAX_MS / 4);
                // Stage 3b: packets ~300 us apart with the long-wait threshold at 100 us, so the loop that sleeps
                // through gaps over ReplayLoop.LONG_WAIT_NS in steps is taken before the replay's first such gap.
                warmStage(
                        warmLoop.get().longWaits(WARM_UP_LONG_WAIT_NS / 4, WARM_UP_LONG_WAIT_NS / 8),
                        new Schedule(
                                System.nanoTime() + 100_000,
                                loopPeriod,
                                meanGap > WARM_UP_LONG_GAP_NS ? meanGap / WARM_UP_LONG_GAP_NS : 1.0),
                        WARM_UP_LONG_GAP_PACKETS,
                        WARM_UP_MAX_MS / 10);
                // Stage 4: small ε again, as in the replay. C2 may have compiled during stages 2 and 3 from a profile
                // of only huge ε; the replay's first packets then trapped (unstable_if in recordEpsilon's clamp and in
                // the histogram's min/max, seen at load) and ran deoptimised until recompiled. Trapping here instead
                // lets the recompilation finish before the start (JitSettle waits for it).
                warmStage(
                        warmLoop.get(),
                        new Schedule(System.nanoTime() + 100_000, loopPeriod, compress),
                        WARM_UP_PACKETS / 6,
                        WARM_UP_MAX_MS / 6);
            } finally {
                try {
                    if (discard != null) {
                        discard.close();
                    }
                    if (discardRead != null) {
                        discardRead.close();
                    }
                } finally {
                    if (dry != null) {
                        dry.dryRun(false);
                    } else {
                        warmSink.close();
                    }
                    warmSpinNs = timer.spinNs();
                    warmSleeps = timer.sleeps();
                    warmOversleeps = timer.oversleeps();
                }
            }
        }

        /**
         * Every branch of the per-packet accounting (the late-counter thresholds, the clamp, the histograms' new
         * minimum and maximum), whatever ε the warm-up stages happen to produce: C2 leaves out a branch its profile
         * never saw, and the replay's first packet to take it traps and runs deoptimised until recompiled (seen
         * in recordEpsilon and HdrHistogram's updateMinAndMax at the start of replays on a loaded machine). A
         * fresh ReplayStats every 10,000 values takes the new-minimum/maximum branches again (20 of them, ~4 MB).
         */
        private void warmEpsilonAccounting() {
            final long[] spread = {0, -1, 500, 5_000, 50_000, 500_000, ReplayStats.HIGHEST_NS + 1, 2_000, 20};
            ReplayStats s = null;
            for (int i = 0; i < 200_000; i++) {
                if (i % 10_000 == 0) {
                    s = new ReplayStats();
                }
                long v = spread[i % spread.length];
                s.recordEpsilon(v);
                s.recordSendCall(v);
            }
        }

        /**
         * The raw-socket send path (the jnr-ffi stub, the sink's send method, the kernel's sendmsg up to the copy of
         * the frame), warmed without sending anything: the frame address is 1, inside page 0, which is never
         * mapped, so the kernel fails the copy with EFAULT before any frame exists. Any other answer stops it.
         */
        private void warmKernelSend(PacketSink sink) {
            if (!(sink instanceof RawSocketSink) && !(sink instanceof MmsgSink)) {
                return;
            }
            final int efault = 14;
            for (int i = 0; i < KERNEL_WARM_SENDS; i++) {
                long r = sink.send(null, null, 1L, 60, 0);
                if (r != -efault) {
                    mechanisms.refused(
                            "send-path warm-up",
                            "a send from an unmapped address returned " + r + " instead of EFAULT; stopped after " + i
                                    + " calls");
                    return;
                }
            }
            mechanisms.inForce("send path warmed: " + KERNEL_WARM_SENDS
                    + " sends from an unmapped address, each refused " + "by the kernel with EFAULT (nothing sent)");
        }

        /** One warm-up run, bounded by packets and by time (a watchdog raises the loop's own stop signal). */
        private void warmStage(ReplayLoop warm, Schedule schedule, long packets, long maxMs) throws IOException {
            warmStage(warm, schedule, Long.MAX_VALUE, packets, maxMs);
        }

        private void warmStage(ReplayLoop warm, Schedule schedule, long loops, long packets, long maxMs)
                throws IOException {
            StopSignal budget = warm.stopSignal();
            Thread watchdog = new Thread(
                    () -> {
                        HelperThreads
                                .helperStarted(); // created by the pinned sender: it would wake on the sender's CPU
                        try {
                            Thread.sleep(maxMs);
                            budget.request(1);
                        } catch (InterruptedException e) {
                            // warm-up ended first
                        } finally {
                            HelperThreads.helperEnded();
                        }
                    },
                    "netvcr-warmup-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try {
                warm.epsilonAt(o.epsilonAt())
                        .readThrough(reader)
                        .profile(profile)
                        .readLog(warmReadLog);
                loop = warm;
                inLoop = true;
                warm.run(schedule, loops, packets, o.durationNs() == 0 ? 0 : Long.MAX_VALUE / 4, o.topspeed());
            } finally {
                inLoop = false;
                watchdog.interrupt();
            }
        }
    }
}
