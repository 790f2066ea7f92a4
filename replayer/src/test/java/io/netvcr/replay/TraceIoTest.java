package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.analyze.EpsilonLog;
import io.netvcr.analyze.EpsilonSample;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.report.LoopProfile;
import io.netvcr.replay.report.ReadLogWriter;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.sink.NullBatchSink;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.timing.SpinTimer;
import io.netvcr.replay.trace.BufferedTraceReader;
import io.netvcr.replay.trace.TraceWindows;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --trace-io read, --read-log and --profile (issue 13: the paper's Fig. 1 baseline and Table III). */
class TraceIoTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadEveryRecordAsTheMappedWindowsDoWithOneReadPerBuffer() throws Exception {
        Path f = PreparedTraces.write(dir.resolve("p.nvcr"), 1_000, 10_000, 300, true, 128);
        try (TraceWindows w =
                new TraceWindows(f, 64 * 1024, false, false, TraceWindows.Prefetch.NONE, new Mechanisms())) {
            int recordLength = w.header().recordLength;
            // 10 records per buffer: 100 sequential read() calls, no repositioning.
            try (BufferedTraceReader r = new BufferedTraceReader(f, recordLength, w.count(), recordLength * 10 + 7)) {
                NvcrRecord a = new NvcrRecord();
                NvcrRecord b = new NvcrRecord();
                for (long i = 0; i < w.count(); i++) {
                    sameRecord(w.record(i, a), r.record(i, b), i, recordLength);
                }
                assertThat(r.reads()).isEqualTo(100);
                assertThat(r.seeks()).isEqualTo(1); // the first fill positions the file after the header
                // A jump back (the next --loop pass) repositions once, then reads on.
                sameRecord(w.record(3, a), r.record(3, b), 3, recordLength);
                sameRecord(w.record(999, a), r.record(999, b), 999, recordLength);
                assertThat(r.seeks()).isEqualTo(3);
            }
        }
    }

    private static void sameRecord(NvcrRecord mapped, NvcrRecord read, long i, int recordLength) {
        assertThat(read.sendOffsetNs()).as("record %d send offset", i).isEqualTo(mapped.sendOffsetNs());
        assertThat(read.storedLength()).as("record %d stored length", i).isEqualTo(mapped.storedLength());
        byte[] x = new byte[recordLength];
        byte[] y = new byte[recordLength];
        for (int k = 0; k < recordLength; k++) {
            x[k] = mapped.store().readByte(mapped.offset() + k);
            y[k] = read.store().readByte(read.offset() + k);
        }
        assertThat(y).as("record %d bytes", i).isEqualTo(x);
    }

    @Test
    void shouldSendTheSameFramesThroughReadAsThroughTheMapping() throws Exception {
        // Padded frames (128 of 430 bytes stored) and loops: frame building and a jump back to record 0.
        Path f = PreparedTraces.write(dir.resolve("p.nvcr"), 300, 20_000, 400, true, 128);
        Path out = dir.resolve("out.pcap");
        ReplayRun r =
                ReplayRun.of("--sink", "pcap:" + out, "--trace-io", "read", "--loop", "2", "--json", f.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/traceIo").asText()).isEqualTo("read");
        assertThat(j.at("/traceReads").asLong()).as("read() calls").isPositive();
        List<byte[]> expected = PreparedTraces.asReplayed(f);
        try (TraceInput in = TraceInput.open(out.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            int i = 0;
            while (rd.next(p)) {
                assertThat(Arrays.copyOf(p.data(), p.capturedLength()))
                        .as("frame %d", i)
                        .isEqualTo(expected.get(i % 300));
                i++;
            }
            assertThat(i).isEqualTo(600);
        }
    }

    @Test
    void shouldLogTheReadTimeOfEveryRecordAndProfileEveryPhase() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 500, 20_000, 32);
        Path log = dir.resolve("read.log");
        ReplayRun r = ReplayRun.of(
                "--sink",
                "null",
                "--timer",
                "spin",
                "--trace-io",
                "read",
                "--read-log",
                log.toString(),
                "--profile",
                "--evict-trace",
                "--json",
                f.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(500);
        assertThat(j.at("/readLog/records").asLong()).isEqualTo(500);
        assertThat(j.at("/readLog/dropped").asLong()).isZero();
        for (String phase : List.of("read", "build", "send", "iteration")) {
            assertThat(j.at("/profile/" + phase + "/count").asLong())
                    .as(phase + " samples, warm-up excluded")
                    .isEqualTo(500);
        }
        // Due every 20 us on a spin timer: most packets wait, and waiting dominates the iteration.
        assertThat(j.at("/profile/wait/count").asLong()).isPositive();
        assertThat(j.at("/profile/iteration/meanNs").asLong())
                .isGreaterThanOrEqualTo(j.at("/profile/send/meanNs").asLong());
        assertThat(j.at("/profile/probeCostNs").asLong()).isPositive();
        assertThat(j.at("/mechanisms").toString()).contains("--evict-trace");
        try (EpsilonLog.Reader rd = EpsilonLog.Reader.open(log)) {
            assertThat(rd.version()).isEqualTo(io.netvcr.formats.epsilon.EpsilonLogFormat.READ_LOG);
            assertThat(rd.count()).isEqualTo(500);
            EpsilonSample s = new EpsilonSample();
            long i = 0;
            long lastStart = Long.MIN_VALUE;
            while (rd.next(s)) {
                assertThat(s.index).isEqualTo(i);
                assertThat(s.epsilonNs).as("read time of record %d", i).isBetween(0L, 1_000_000_000L);
                assertThat(s.deadlineNs).as("read start of record %d", i).isGreaterThan(lastStart);
                lastStart = s.deadlineNs;
                i++;
            }
            assertThat(i).isEqualTo(500);
        }
    }

    @Test
    void shouldRefuseAnUnknownTraceIoAndReadWithPreload() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10, 20_000, 32);
        assertThat(ReplayRun.of("--sink", "null", "--trace-io", "fread", f.toString()).exitCode)
                .isEqualTo(64);
        assertThat(ReplayRun.of("--sink", "null", "--trace-io", "read", "--preload", f.toString()).exitCode)
                .isEqualTo(64);
    }

    @Test
    void shouldAllocateNothingPerPacketReadingWithReadWhileLoggingAndProfiling() throws Exception {
        Path f = PreparedTraces.write(dir.resolve("b.nvcr"), 20_000, 100, 400, true, 128);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (TraceWindows w = new TraceWindows(
                        f,
                        TraceWindows.DEFAULT_WINDOW_BYTES,
                        true,
                        false,
                        TraceWindows.Prefetch.NONE,
                        new Mechanisms());
                BufferedTraceReader reader = new BufferedTraceReader(
                        f, w.header().recordLength, w.count(), BufferedTraceReader.DEFAULT_BUFFER_BYTES);
                NullBatchSink sink = new NullBatchSink(32, 1536, true);
                ReadLogWriter log = ReadLogWriter.discarding()) {
            ReplayStats stats = new ReplayStats();
            LoopProfile profile = new LoopProfile();
            ReplayLoop loop = new ReplayLoop(
                            w,
                            new FrameBuilder(),
                            sink,
                            new SpinTimer(),
                            new Sleeper(true),
                            stats,
                            null,
                            new StopSignal())
                    .readThrough(reader)
                    .readLog(log)
                    .profile(profile);
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long reads0 = reader.reads();
            long before = threads.getThreadAllocatedBytes(tid);
            loop.run(new Schedule(System.nanoTime() - (1L << 60), 1, 1.0), 0, 1_000_000, 0, false);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;
            assertThat(stats.sent).isEqualTo(2_000_000);
            assertThat(reader.reads() - reads0)
                    .as("read() calls in the measured stretch")
                    .isGreaterThan(1000);
            assertThat(profile.phase(LoopProfile.READ).getTotalCount()).isEqualTo(2_000_000);
            assertThat(allocated)
                    .as("bytes allocated over 1,000,000 warm packets read with read()")
                    .isLessThan(256);
        }
    }
}
