package io.netvcr.replay.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.PreparedTraces;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.trace.TraceWindows.Prefetch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The window hand-over: every record is read exactly once, in order, across many small windows, whoever maps
 * (helper thread, sender inline, on demand); the helper falling behind is counted as stalls; a stop ends a stall.
 * Records are identified by their send offset (record i is due at i x GAP).
 */
class TraceWindowsHandOverTest {
    private static final long GAP = 1_000;
    /** 4 KiB windows of 192-byte records: 21 records a window, the last window short. */
    private static final long WINDOW = 4096;

    private static final long RECORDS = 2_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Prefetch.class)
    void shouldReadEveryRecordOnceInOrderAcrossManySmallWindows(Prefetch prefetch) throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), RECORDS, GAP, 32);
        try (TraceWindows w = new TraceWindows(f, WINDOW, true, false, prefetch, new Mechanisms())) {
            assertThat(w.windowCount()).isGreaterThan(90);
            NvcrRecord r = new NvcrRecord();
            for (int pass = 0; pass < 3; pass++) {
                for (long i = 0; i < RECORDS; i++) {
                    assertThat(w.record(i, r).sendOffsetNs())
                            .as("record %d, pass %d", i, pass)
                            .isEqualTo(i * GAP);
                }
            }
            assertThat(w.switches())
                    .as("sequential moves: one per window boundary (wrap included)")
                    .isEqualTo(3 * w.windowCount() - 1);
            assertThat(w.prefetch()).isEqualTo(prefetch);
        }
    }

    @ParameterizedTest
    @EnumSource(Prefetch.class)
    void shouldReadAcrossJumpsWithoutLooping(Prefetch prefetch) throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("j.nvcr"), RECORDS, GAP, 32);
        try (TraceWindows w = new TraceWindows(f, WINDOW, false, false, prefetch, new Mechanisms())) {
            NvcrRecord r = new NvcrRecord();
            assertThat(w.record(RECORDS - 1, r).sendOffsetNs()).isEqualTo((RECORDS - 1) * GAP);
            assertThat(w.record(500, r).sendOffsetNs()).isEqualTo(500 * GAP);
            for (long i = 501; i < RECORDS; i++) {
                assertThat(w.record(i, r).sendOffsetNs()).isEqualTo(i * GAP);
            }
            w.prepareFrom(0);
            w.resetCounters();
            for (long i = 0; i < RECORDS; i++) {
                assertThat(w.record(i, r).sendOffsetNs()).isEqualTo(i * GAP);
            }
            assertThat(w.switches()).isEqualTo(w.windowCount() - 1);
        }
    }

    /**
     * Zero-copy sinks: the helper also has the kernel read every page (through a memory file, opened on first use);
     * the records read the same, and the file is closed with the windows.
     */
    @ParameterizedTest
    @EnumSource(Prefetch.class)
    void shouldHaveTheKernelReadEveryPageOnlyWithTheHelperAndCloseItsFile(Prefetch prefetch) throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("k.nvcr"), RECORDS, GAP, 32);
        long before = kernelReadFiles();
        try (TraceWindows w = new TraceWindows(f, WINDOW, true, false, prefetch, true, new Mechanisms())) {
            assertThat(w.kernelReads()).isEqualTo(prefetch == Prefetch.THREAD);
            NvcrRecord r = new NvcrRecord();
            for (long i = 0; i < RECORDS; i++) {
                assertThat(w.record(i, r).sendOffsetNs()).as("record %d", i).isEqualTo(i * GAP);
            }
            assertThat(kernelReadFiles() - before)
                    .as("memory files open while replaying")
                    .isEqualTo(prefetch == Prefetch.THREAD ? 1 : 0);
        }
        assertThat(kernelReadFiles()).as("memory files open after close").isEqualTo(before);
    }

    private static long kernelReadFiles() throws java.io.IOException {
        try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            return java.nio.file.Files.readSymbolicLink(fd)
                                    .toString()
                                    .contains("netvcr-kernel-read");
                        } catch (java.io.IOException e) {
                            return false; // the listing's own descriptor, closed by now
                        }
                    })
                    .count();
        }
    }

    @Test
    void shouldCountStallsWhenTheMapperIsSlow() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("s.nvcr"), 400, GAP, 32);
        try (TraceWindows w = new TraceWindows(f, WINDOW, false, false, Prefetch.THREAD, new Mechanisms())) {
            w.slowMapperForTest(3_000_000);
            NvcrRecord r = new NvcrRecord();
            w.prepareFrom(0);
            w.resetCounters();
            for (long i = 0; i < 400; i++) {
                assertThat(w.record(i, r).sendOffsetNs()).isEqualTo(i * GAP);
            }
            // 20 windows; the helper needs 3 ms for each, the reader none: it waits at most boundaries.
            assertThat(w.switches()).isEqualTo(w.windowCount() - 1);
            assertThat(w.stalls()).isGreaterThan(w.windowCount() / 2).isLessThanOrEqualTo(w.switches());
            assertThat(w.stallNs()).isGreaterThan(w.stalls() * 1_000_000L);
            assertThat(w.prefetch()).isEqualTo(Prefetch.THREAD);
        }
    }

    @Test
    void shouldNotStallWhenTheReaderIsSlowerThanTheMapper() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("n.nvcr"), 200, GAP, 32);
        try (TraceWindows w = new TraceWindows(f, WINDOW, false, false, Prefetch.THREAD, new Mechanisms())) {
            NvcrRecord r = new NvcrRecord();
            w.prepareFrom(0);
            w.resetCounters();
            for (long i = 0; i < 200; i++) {
                assertThat(w.record(i, r).sendOffsetNs()).isEqualTo(i * GAP);
                if (i % 21 == 10) {
                    Thread.sleep(100); // mid-window, far longer than the helper's poll (2 ms) plus mapping 4 KiB
                }
            }
            assertThat(w.switches()).isEqualTo(w.windowCount() - 1);
            assertThat(w.stalls()).isZero();
        }
    }

    @Test
    void shouldEndAStallOnStopAndMapInline() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("t.nvcr"), 400, GAP, 32);
        try (TraceWindows w = new TraceWindows(f, WINDOW, false, false, Prefetch.THREAD, new Mechanisms())) {
            NvcrRecord r = new NvcrRecord();
            w.prepareFrom(0);
            w.slowMapperForTest(60_000_000_000L);
            w.stopWaitingWhen(() -> true);
            long t0 = System.nanoTime();
            for (long i = 0; i < 400; i++) {
                assertThat(w.record(i, r).sendOffsetNs()).isEqualTo(i * GAP);
            }
            assertThat(System.nanoTime() - t0)
                    .as("no wait for the sleeping helper")
                    .isLessThan(20_000_000_000L);
            assertThat(w.prefetch()).isEqualTo(Prefetch.INLINE);
        }
    }

    @Test
    void shouldMapEveryWindowItMayBeforeTheStartSoTheFirstSwitchesNeverWait() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("a.nvcr"), 400, GAP, 32);
        try (TraceWindows w = new TraceWindows(f, WINDOW, false, false, Prefetch.THREAD, new Mechanisms())) {
            NvcrRecord r = new NvcrRecord();
            w.slowMapperForTest(30_000_000);
            w.prepareFrom(0);
            w.awaitMappedAhead();
            assertThat(w.mapCount())
                    .as("windows 0, 1 and 2: as far as three slots reach")
                    .isEqualTo(3);
            w.resetCounters();
            long perWindow = w.recordsPerWindow();
            for (long i = 0; i < 3 * perWindow; i++) {
                assertThat(w.record(i, r).sendOffsetNs()).isEqualTo(i * GAP);
            }
            // Without the wait, the helper (30 ms a window) would still be mapping window 1 at the first switch.
            assertThat(w.switches()).isEqualTo(2);
            assertThat(w.stalls()).isZero();
        }
    }

    @Test
    void shouldLeaveTheHelperAsleepWithoutPollingOnceEveryWindowIsMapped() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("w.nvcr"), 60, GAP, 32); // 3 windows of 21, 21 and 18
        try (TraceWindows w = new TraceWindows(f, WINDOW, false, false, Prefetch.THREAD, new Mechanisms())) {
            NvcrRecord r = new NvcrRecord();
            w.prepareFrom(0);
            w.awaitMappedAhead();
            Thread helper = w.helperForTest();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (helper.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // WAITING (park without a timeout), not TIMED_WAITING (a poll): it wakes no CPU while the sender runs.
            assertThat(helper.getState()).isEqualTo(Thread.State.WAITING);
            for (long i = 0; i < 60; i++) {
                assertThat(w.record(i, r).sendOffsetNs()).isEqualTo(i * GAP);
            }
            assertThat(w.stalls()).isZero();
            assertThat(w.record(0, r).sendOffsetNs()).as("a jump wakes it").isZero();
        }
    }

    @Test
    void shouldPollLessOftenWhenWindowsLastLongerButNeverBeyond50Ms() {
        assertThat(TraceWindows.idleCapNs(0)).isEqualTo(2_000_000L);
        assertThat(TraceWindows.idleCapNs(3_000_000L)).isEqualTo(2_000_000L);
        assertThat(TraceWindows.idleCapNs(80_000_000L)).isEqualTo(10_000_000L);
        assertThat(TraceWindows.idleCapNs(10_000_000_000L)).isEqualTo(50_000_000L);
    }
}
