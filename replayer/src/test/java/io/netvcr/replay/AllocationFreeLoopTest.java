package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.testing.ChildTool;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.report.EpsilonLogWriter;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.sink.NullBatchSink;
import io.netvcr.replay.sink.NullSink;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.timing.SpinTimer;
import io.netvcr.replay.trace.TraceWindows;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The send loop allocates nothing per packet: measured in-process, and proven under Epsilon GC (which never frees). */
class AllocationFreeLoopTest {
    @TempDir
    Path dir;

    @Test
    void shouldAllocateNothingPerPacketOnceWarm() throws Exception {
        // Small windows, so the measured stretch also crosses windows (map ahead, unmap behind) many times.
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 50_000, 100, 32);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (TraceWindows w = new TraceWindows(f, 256 * 1024, true, false, new Mechanisms())) {
            ReplayStats stats = new ReplayStats();
            ReplayLoop loop = new ReplayLoop(
                    w,
                    new FrameBuilder(),
                    new NullSink(),
                    new SpinTimer(),
                    new Sleeper(true),
                    stats,
                    null,
                    new StopSignal());
            // Deadlines long past: nothing waits, every packet takes the full path (build, send, measure).
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long maps0 = w.mapCount();
            long before = threads.getThreadAllocatedBytes(tid);
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            long maps = w.mapCount() - maps0;
            assertThat(stats.sent).isEqualTo(2_000_000);
            assertThat(maps).as("window mappings in the measured stretch").isGreaterThan(500);
            // Chronicle's OS.map reaches FileChannelImpl.map0 by reflection (boxed arguments): a few dozen bytes per
            // 256 KiB window, nothing per packet.
            assertThat(allocated)
                    .as("bytes allocated over 1,000,000 warm packets and %d window mappings", maps)
                    .isLessThan(1024 + 96 * maps);
            assertThat((double) allocated / 1_000_000).as("bytes per packet").isLessThan(0.1);
        }
    }

    @Test
    void shouldAllocateNothingAtAllWithinOneWindow() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("small.nvcr"), 20_000, 100, 32);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (TraceWindows w = new TraceWindows(f, TraceWindows.DEFAULT_WINDOW_BYTES, true, false, new Mechanisms())) {
            ReplayStats stats = new ReplayStats();
            ReplayLoop loop = new ReplayLoop(
                    w,
                    new FrameBuilder(),
                    new NullSink(),
                    new SpinTimer(),
                    new Sleeper(true),
                    stats,
                    null,
                    new StopSignal());
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long before = threads.getThreadAllocatedBytes(tid);
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertThat(w.mapCount()).isEqualTo(1);
            assertThat(allocated)
                    .as("bytes allocated over 1,000,000 warm packets in one window")
                    .isLessThan(256);
        }
    }

    @Test
    void shouldAllocateNothingPerPacketInTheBatchedLoop() throws Exception {
        // Padded frames (64 stored of 1000 bytes) in batches of 32 slots, each with its own dirty mark.
        Path f = PreparedTraces.write(dir.resolve("b.nvcr"), 20_000, 100, 958, true, 64);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (TraceWindows w = new TraceWindows(f, TraceWindows.DEFAULT_WINDOW_BYTES, true, false, new Mechanisms());
                NullBatchSink sink = new NullBatchSink(32, 1536, false)) {
            ReplayStats stats = new ReplayStats();
            ReplayLoop loop = new ReplayLoop(
                    w, new FrameBuilder(), sink, new SpinTimer(), new Sleeper(true), stats, null, new StopSignal());
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long before = threads.getThreadAllocatedBytes(tid);
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertThat(stats.sent).isEqualTo(2_000_000);
            assertThat(stats.sendCalls).as("all due: full batches").isEqualTo(2_000_000 / 32);
            assertThat(stats.epsilonNs.getTotalCount()).as("epsilon per packet").isEqualTo(2_000_000);
            assertThat(allocated)
                    .as("bytes allocated over 1,000,000 warm batched packets")
                    .isLessThan(256);
        }
    }

    @Test
    void shouldAllocateNothingPerPacketSendingFromTheMapping() throws Exception {
        // Whole frames in small windows: sent from the mapped window, batches cut at every window boundary.
        Path f = PreparedTraces.periodic(dir.resolve("z.nvcr"), 20_000, 100, 32);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (TraceWindows w = new TraceWindows(f, TraceWindows.DEFAULT_WINDOW_BYTES, true, false, new Mechanisms());
                NullBatchSink sink = new NullBatchSink(32, 1536, true)) {
            ReplayStats stats = new ReplayStats();
            ReplayLoop loop = new ReplayLoop(
                    w, new FrameBuilder(), sink, new SpinTimer(), new Sleeper(true), stats, null, new StopSignal());
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long before = threads.getThreadAllocatedBytes(tid);
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertThat(stats.sent).isEqualTo(2_000_000);
            assertThat(sink.checksum()).as("frames read from the mapping").isNotZero();
            assertThat(allocated)
                    .as("bytes allocated over 1,000,000 warm packets sent from the mapping")
                    .isLessThan(256);
        }
    }

    @Test
    void shouldAllocateNothingPerPacketWithTheEpsilonLogRing() throws Exception {
        // The ε log on: every packet claims and commits a slot of the Agrona ring its writer thread drains.
        Path f = PreparedTraces.periodic(dir.resolve("l.nvcr"), 20_000, 100, 32);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (TraceWindows w = new TraceWindows(f, TraceWindows.DEFAULT_WINDOW_BYTES, true, false, new Mechanisms());
                EpsilonLogWriter log = new EpsilonLogWriter(dir.resolve("e.log").toString())) {
            ReplayStats stats = new ReplayStats();
            ReplayLoop loop = new ReplayLoop(
                    w,
                    new FrameBuilder(),
                    new NullSink(),
                    new SpinTimer(),
                    new Sleeper(true),
                    stats,
                    log,
                    new StopSignal());
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 200_000, 0, false);
            long before = threads.getThreadAllocatedBytes(tid);
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 200_000, 0, false);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            log.close();
            assertThat(log.written() + log.dropped())
                    .as("every packet logged or counted as dropped")
                    .isEqualTo(400_000);
            assertThat(log.written()).as("records the writer thread took").isPositive();
            assertThat(allocated)
                    .as("bytes allocated over 200,000 warm packets with the ε log on")
                    .isLessThan(256);
        }
    }

    @Test
    void shouldReplayFiveMillionPacketsUnderEpsilonGc() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10_000, 100, 32);
        // With the helper threads running: the window mapper (small windows) and the ε-log writer, whose drain
        // allocates nothing either (Epsilon never frees: 64 MiB would not hold a per-record allocation).
        List<String> cmd = ChildTool.command(
                List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC", "-Xmx64m"),
                ReplayCommand.class.getName(),
                "--sink",
                "null",
                "--timer",
                "spin",
                "--loop",
                "500",
                "--window",
                "512k",
                "--epsilon-log",
                dir.resolve("e.log").toString(),
                "--json",
                f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("child finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("\"sent\" : 5000000").doesNotContain("OutOfMemoryError");
        // At ~10 M packets/s the writer may fall behind (records dropped and counted, never the replay).
        com.fasterxml.jackson.databind.JsonNode log = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.substring(out.indexOf('{')))
                .path("epsilonLog");
        long records = log.path("records").asLong(-1);
        assertThat(records).as(out).isPositive();
        assertThat(records + log.path("dropped").asLong())
                .as("ε-log records written + dropped")
                .isEqualTo(5_000_000);
        assertThat(java.nio.file.Files.size(dir.resolve("e.log")))
                .as("ε log file")
                .isEqualTo(EpsilonLogWriter.HEADER_LENGTH + records * EpsilonLogWriter.RECORD_LENGTH);
    }

    @Test
    void shouldReplayTwoMillionPacketsReadWithReadLoggedAndProfiledUnderEpsilonGc() throws Exception {
        // --trace-io read (a read() per 64 KiB buffer), every record's read time logged, every phase timed.
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10_000, 100, 32);
        Path log = dir.resolve("read.log");
        List<String> cmd = ChildTool.command(
                List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+UseEpsilonGC", "-Xmx64m"),
                ReplayCommand.class.getName(),
                "--sink",
                "null",
                "--timer",
                "spin",
                "--loop",
                "200",
                "--trace-io",
                "read",
                "--read-log",
                log.toString(),
                "--profile",
                "--json",
                f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("child finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out)
                .contains("\"sent\" : 2000000")
                .contains("\"traceIo\" : \"read\"")
                .contains("\"probeCostNs\"")
                .doesNotContain("OutOfMemoryError");
        assertThat(java.nio.file.Files.size(log)).isEqualTo(16 + 24L * 2_000_000);
    }
}
