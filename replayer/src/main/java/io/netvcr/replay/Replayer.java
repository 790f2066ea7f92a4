package io.netvcr.replay;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolException;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.prep.PrepCommand;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.os.NetworkNamespace;
import io.netvcr.replay.os.ThreadTuning;
import io.netvcr.replay.report.EpsilonLogWriter;
import io.netvcr.replay.report.LiveStats;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.sink.BatchSink;
import io.netvcr.replay.sink.MmsgSink;
import io.netvcr.replay.sink.RawSocketSink;
import io.netvcr.replay.sink.NullBatchSink;
import io.netvcr.replay.sink.NullSink;
import io.netvcr.replay.sink.PacketSink;
import io.netvcr.replay.sink.Sinks;
import io.netvcr.replay.timing.DeadlineTimer;
import io.netvcr.replay.timing.HybridTimer;
import io.netvcr.replay.timing.RtSpinGuard;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.timing.TimerCalibration;
import io.netvcr.replay.timing.WallClock;
import io.netvcr.replay.trace.TraceFault;
import io.netvcr.replay.trace.TraceWindows;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Sets a replay up and runs it on a dedicated sending thread, which alone is tuned (namespace, CPU, scheduler,
 * timer slack) and alone opens the sink, so nothing leaks into the caller's thread.
 */
public final class Replayer {
    private static final long WARM_UP_PACKETS = 300_000;
    private static final long WARM_UP_MAX_MS = 1_500;
    private static final int KERNEL_WARM_SENDS = 2_000;
    /** Mean gap of the warm-up's compressed schedule: longer than a compiled pass, shorter than an interpreted one. */
    private static final double WARM_UP_GAP_NS = 2_000;
    private final ReplayOptions o;
    private final StopSignal stop;
    private final Mechanisms mechanisms = new Mechanisms();

    public Replayer(ReplayOptions options, StopSignal stop) {
        this.o = options;
        this.stop = stop;
    }

    public ReplayResult run() throws IOException, InterruptedException {
        PacketSink sink = Sinks.create(o.interfaceName, o.interface2, o.sink, o.sendMode, o.batch);
        if (!(o.multiplier > 0) || Double.isInfinite(o.multiplier)) {
            throw ToolException.usage("--multiplier must be a positive number");
        }
        if (o.loops < 0 || o.limit < 0 || o.durationNs < 0) {
            throw ToolException.usage("--loop, --limit and --duration take values >= 0");
        }
        if (!o.timer.equals("spin") && !o.timer.equals("sleep") && !o.timer.equals(HybridTimer.ALIAS)) {
            throw ToolException.usage("unknown --timer '" + o.timer + "' (spin, sleep, hybrid)");
        }
        Path input = Path.of(o.input);
        if (!Files.exists(input)) {
            throw new NoSuchFileException(o.input);
        }
        Path prepared = null;
        try {
            NvcrHeader header = readHeaderOrNull(input);
            if (header == null || !header.isPrepared()) {
                if (!o.prepOnTheFly) {
                    throw new ToolException(ExitCodes.DATA_ERROR, o.input + (header == null ? " is not a NetVCR file" : " is not prepared for replay (no send schedule)")
                        + ": run 'netvcr-prep " + o.input + " PREPARED.nvcr' and replay that, or pass --prep to prepare it on the fly");
                }
                prepared = prepare(input);
                input = prepared;
            }
            return replay(input, sink);
        } finally {
            if (prepared != null) {
                Files.deleteIfExists(prepared);
                Files.deleteIfExists(prepared.getParent());
            }
        }
    }

    /** The header of a NetVCR file, or null when the file is something else (netvcr-prep reads raw traces too). */
    private static NvcrHeader readHeaderOrNull(Path input) throws IOException {
        try {
            return io.netvcr.formats.nvcr.NvcrFile.readHeader(input);
        } catch (io.netvcr.formats.TraceFormatException e) {
            byte[] magic = new byte[8];
            try (java.io.InputStream in = Files.newInputStream(input)) {
                if (in.readNBytes(magic, 0, 8) == 8 && NvcrHeader.hasMagic(magic, 8)) {
                    throw e; // a damaged NetVCR file: report the damage
                }
            }
            return null;
        }
    }

    /** --prep: the default preparation into a temporary file, by the prep command itself. */
    private static Path prepare(Path input) throws IOException {
        Path dir = Files.createTempDirectory("netvcr-replay-");
        Path out = dir.resolve("prepared.nvcr");
        int code = ToolMain.run("netvcr-prep", new PrepCommand(), new String[] {input.toString(), out.toString()});
        if (code != 0 || !Files.exists(out)) {
            Files.deleteIfExists(out);
            Files.deleteIfExists(dir);
            throw new ToolException(code == 0 ? ExitCodes.SOFTWARE : code, "--prep: netvcr-prep could not prepare "
                + input + " (exit " + code + "); run netvcr-prep yourself to see why");
        }
        return out;
    }

    private ReplayResult replay(Path input, PacketSink sink) throws IOException, InterruptedException {
        long windowBytes = o.preload ? Long.MAX_VALUE : o.windowBytes;
        if (windowBytes < 4096) {
            throw ToolException.usage("--window must be at least 4 KiB");
        }
        TraceWindows.Prefetch prefetch = !o.prefetch ? TraceWindows.Prefetch.NONE : o.prefetchMode;
        try (TraceWindows windows = new TraceWindows(input, windowBytes, o.loops != 1, o.preload || o.mlock,
            o.preload && prefetch == TraceWindows.Prefetch.NONE ? TraceWindows.Prefetch.THREAD : prefetch, mechanisms)) {
            int linkType = windows.header().linkType;
            if (sink.needsEthernet() && linkType != LinkTypes.ETHERNET && linkType != NvcrLayout.NONE16 && windows.count() > 0) {
                throw ToolException.usage(sink.describe() + " sends Ethernet frames but " + input + " holds link type "
                    + linkType + " (" + LinkTypes.name(linkType) + "); convert it with --link-ethernet, or use --sink udp:HOST:PORT");
            }
            windows.stopWaitingWhen(stop::requested);
            if (o.preload) {
                mechanisms.inForce("whole trace mapped and locked (--preload, " + windows.windowBytes() + " bytes)");
            } else if (prefetch == TraceWindows.Prefetch.NONE) {
                mechanisms.refused("trace prefetch", String.format("--prefetch none (--no-prefetch): one window of %,d bytes "
                    + "mapped on demand, MADV_RANDOM (no readahead)", windows.windowBytes()));
            } else if (prefetch == TraceWindows.Prefetch.INLINE) {
                mechanisms.inForce(String.format("trace streamed through mapped windows of %,d bytes, mapped by the sending "
                    + "thread at each boundary (--prefetch inline: MADV_SEQUENTIAL + MADV_WILLNEED ahead, MADV_DONTNEED + unmap "
                    + "behind)", windows.windowBytes()));
            } else {
                mechanisms.inForce(String.format("trace streamed through mapped windows of %,d bytes, mapped ahead and made "
                    + "resident by a helper thread, unmapped behind (--prefetch thread; the sending thread only switches)",
                    windows.windowBytes()));
            }
            if (LinuxNative.libc() == null) {
                mechanisms.refused("native calls (madvise, timer slack, raw socket)", String.valueOf(LinuxNative.loadFailure()));
            }
            ReplayStats stats = new ReplayStats();
            stats.planned = ReplayStats.plannedPackets(windows.count(), o.loops, o.limit);
            Sender sender = new Sender(windows, sink, stats);
            Thread t = new Thread(sender, "netvcr-send");
            long cpu0 = processCpuNs();
            long wall0 = System.nanoTime();
            t.start();
            LiveStats live = o.statsIntervalNs > 0 ? LiveStats.start(stats, o.statsIntervalNs, sender::firstSendNs) : null;
            try {
                while (t.isAlive()) {
                    t.join(200);
                }
            } catch (InterruptedException e) {
                stop.request(ExitCodes.INTERRUPTED);
                t.join();
                throw e;
            } finally {
                if (live != null) {
                    live.stop();
                }
                stats.truncatedBySink = sink.truncated();
                sink.close();
            }
            long wall = System.nanoTime() - wall0;
            long cpu = processCpuNs() - cpu0;
            if (sender.failure != null && TraceFault.isMappedFileFault(sender.failure)) {
                ReplayLoop at = sender.loop;
                return new ReplayResult(stats, sink.describe(), sender.timerDescription, mechanisms.inForce(),
                    mechanisms.refused(), wall, cpu, sender.cpuNs, ExitCodes.IO_ERROR,
                    TraceFault.describe(input, at == null ? 0 : at.recordIndex(), windows.header().recordLength));
            }
            if (sender.failure != null) {
                if (sender.failure instanceof IOException) {
                    throw (IOException) sender.failure;
                }
                if (sender.failure instanceof RuntimeException) {
                    throw (RuntimeException) sender.failure;
                }
                throw new IllegalStateException(sender.failure);
            }
            int exit = stop.exitCode();
            String reason = exit == ExitCodes.INTERRUPTED ? "stopped by SIGINT" : exit == ExitCodes.TERMINATED ? "stopped by SIGTERM" : "";
            if (stats.stopErrno != 0) {
                exit = ExitCodes.IO_ERROR;
                reason = "stopped: send to " + sink.describe() + " failed with " + LinuxNative.describe(stats.stopErrno);
            }
            return new ReplayResult(stats, sink.describe(), sender.timerDescription, mechanisms.inForce(), mechanisms.refused(),
                wall, cpu, sender.cpuNs, exit, reason);
        }
    }

    private static long processCpuNs() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
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
                if (o.netns != null) {
                    NetworkNamespace.enter(o.netns);
                    mechanisms.inForce("sending thread in network namespace " + o.netns);
                }
                ThreadTuning.apply(o.cpu, o.rtPriority, o.mlock, mechanisms);
                sink.open(mechanisms);
                boolean realtime = mechanisms.inForce().stream().anyMatch(m -> m.startsWith("SCHED_FIFO"));
                Sleeper sleeper = chooseSleeper(realtime);
                long margin = stats.timerMarginNs;
                DeadlineTimer timer = DeadlineTimer.create(o.timer, sleeper, margin, realtime);
                if (!o.timer.equals(HybridTimer.ALIAS)) {
                    stats.timerMarginNs = 0;
                }
                timerDescription = o.topspeed ? "none (--topspeed)" : timer.describe();
                if (realtime && !o.topspeed && !o.timer.equals("sleep")) {
                    mechanisms.inForce(RtSpinGuard.RtThrottling.read().describe());
                }
                stats.sendMode = sink instanceof BatchSink ? ((BatchSink) sink).mode() : o.interfaceName != null ? "single" : sink.describe();
                FrameBuilder frames = new FrameBuilder();
                long scheduleDuration = scheduleDuration();
                long loopPeriod = Schedule.defaultLoopPeriod(windows.header().loopPeriodNs, scheduleDuration, windows.count());
                warmUp(frames, timer, sleeper, sink, scheduleDuration, loopPeriod);
                EpsilonLogWriter log = o.epsilonLog == null ? null : new EpsilonLogWriter(o.epsilonLog, o.epsilonAtReturn);
                ReplayLoop loop = new ReplayLoop(windows, frames, sink, timer, sleeper, stats, log, stop);
                loop.epsilonAtReturn(o.epsilonAtReturn);
                stats.epsilonAt = o.epsilonAtReturn ? "return" : "call";
                // The first window is resident before the clock starts; switch counters describe the replay only.
                windows.prepareFrom(0);
                windows.resetCounters();
                this.loop = loop;
                java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                // Everything slow (class loading, file creation) is done: the start is only a little ahead.
                long startMono = System.nanoTime() + Math.max(o.startLeadNs, margin + 1_000_000);
                Schedule schedule = new Schedule(startMono, loopPeriod, o.multiplier);
                startNs = startMono;
                stats.startRealtimeNs = WallClock.realtimeOf(startMono);
                try {
                    // "No limit" as the largest value rather than 0, as in the warm-up: the same branches stay hot.
                    loop.run(schedule, o.loops == 0 ? Long.MAX_VALUE : o.loops, o.limit == 0 ? Long.MAX_VALUE : o.limit,
                        o.durationNs, o.topspeed);
                } finally {
                    cpuNs = threads.getCurrentThreadCpuTime() - cpu0;
                    stats.loopWallNs = Math.max(0, System.nanoTime() - startMono);
                    stats.timerSpinNs = timer.spinNs() - warmSpinNs;
                    stats.timerForcedRests = timer.forcedRests();
                    stats.rtExposedWindows = timer.rtExposedWindows();
                    stats.prefetch = windows.prefetch().alias();
                    stats.windowRecords = windows.recordsPerWindow();
                    stats.windowSwitches = windows.switches();
                    stats.windowStalls = windows.stalls();
                    stats.windowStallNs = windows.stallNs();
                    if (log != null) {
                        log.close();
                        stats.epsilonLogRecords = log.written();
                        stats.epsilonLogDropped = log.dropped();
                    }
                }
            } catch (Throwable e) {
                failure = e;
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

        /**
         * Measures the wake-up lateness of both ways to sleep (clock_nanosleep TIMER_ABSTIME and parkNanos) on this
         * thread, after its scheduler and timer slack are set (both change the answer), and sleeps with the one
         * whose p99 is lower. Hybrid's margin is that p99 plus a safety (see {@link TimerCalibration}). Skipped at
         * top speed (no waits) and for the spin timer.
         */
        private Sleeper chooseSleeper(boolean realtime) {
            Sleeper nanosleep = new Sleeper(true);
            if (o.topspeed || o.timer.equals("spin")) {
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
                + (o.timer.equals(HybridTimer.ALIAS) ? String.format(java.util.Locale.ROOT, "; hybrid spin margin %.1f us",
                    chosen.marginNs() / 1e3) : "")
                + (stats.wakeP99NanosleepNs >= 0 && use != nanosleep ? String.format(java.util.Locale.ROOT,
                    " (clock_nanosleep p99 %.1f us was worse)", stats.wakeP99NanosleepNs / 1e3) : "")
                + (use == nanosleep ? String.format(java.util.Locale.ROOT, " (parkNanos p99 %.1f us)", p.p99Ns() / 1e3) : ""));
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
        private void warmUp(FrameBuilder frames, DeadlineTimer timer, Sleeper sleeper, PacketSink sink, long scheduleDuration,
                            long loopPeriod) throws IOException {
            if (windows.count() == 0) {
                return;
            }
            warmKernelSend(sink);
            boolean spins = !o.timer.equals("sleep");
            boolean sleeps = !o.timer.equals("spin");
            long sleepAhead = timer.marginNsOrZero() + 50_000;
            for (int i = 0; i < 20_000; i++) {
                long now = System.nanoTime();
                long ahead = sleeps && i % 100 == 0 ? sleepAhead : spins && i % 4 == 0 ? 2_000 : 0;
                timer.awaitUntil(now + ahead);
            }
            double meanGap = windows.count() > 1 ? (double) scheduleDuration / (windows.count() - 1) : 0;
            double compress = meanGap > WARM_UP_GAP_NS ? meanGap / WARM_UP_GAP_NS : 1.0;
            PacketSink warmSink = sink instanceof BatchSink
                ? new NullBatchSink(((BatchSink) sink).maxBatch(), ((BatchSink) sink).slotCapacity()) : new NullSink();
            EpsilonLogWriter discard = o.epsilonLog == null ? null : EpsilonLogWriter.discarding(o.epsilonAtReturn);
            try {
                // Stage 0: due every 50 us or so: even interpreted passes wait, so the profile C2 compiles from has
                // seen the waits (a record peeked but not yet due, the timer's wait) before the faster stages.
                warmStage(new ReplayLoop(windows, frames, warmSink, timer, sleeper, new ReplayStats(), discard, new StopSignal()),
                    new Schedule(System.nanoTime() + 100_000, loopPeriod, meanGap > 50_000 ? meanGap / 50_000 : 1.0), 2_000, 200);
                // Stage 1: due about every 2 us from now: interpreted passes run late, compiled ones wait.
                warmStage(new ReplayLoop(windows, frames, warmSink, timer, sleeper, new ReplayStats(), discard, new StopSignal()),
                    new Schedule(System.nanoTime() + 100_000, loopPeriod, compress), WARM_UP_PACKETS * 2 / 3, WARM_UP_MAX_MS * 2 / 3);
                // Stage 2: the real multiplier (Schedule scales or not), everything due.
                warmStage(new ReplayLoop(windows, frames, warmSink, timer, sleeper, new ReplayStats(), discard, new StopSignal()),
                    new Schedule(System.nanoTime() - (1L << 60), loopPeriod, o.multiplier), WARM_UP_PACKETS / 3, WARM_UP_MAX_MS / 3);
            } finally {
                try {
                    if (discard != null) {
                        discard.close();
                    }
                } finally {
                    warmSink.close();
                    warmSpinNs = timer.spinNs();
                }
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
                    mechanisms.refused("send-path warm-up", "a send from an unmapped address returned " + r
                        + " instead of EFAULT; stopped after " + i + " calls");
                    return;
                }
            }
            mechanisms.inForce("send path warmed: " + KERNEL_WARM_SENDS + " sends from an unmapped address, each refused "
                + "by the kernel with EFAULT (nothing sent)");
        }

        /** One warm-up run, bounded by packets and by time (a watchdog raises the loop's own stop signal). */
        private void warmStage(ReplayLoop warm, Schedule schedule, long packets, long maxMs) throws IOException {
            StopSignal budget = warm.stopSignal();
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(maxMs);
                    budget.request(ExitCodes.OK + 1);
                } catch (InterruptedException e) {
                    // warm-up ended first
                }
            }, "netvcr-warmup-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try {
                warm.epsilonAtReturn(o.epsilonAtReturn);
                loop = warm;
                warm.run(schedule, Long.MAX_VALUE, packets, o.durationNs == 0 ? 0 : Long.MAX_VALUE / 4, o.topspeed);
            } finally {
                watchdog.interrupt();
            }
        }
    }
}
