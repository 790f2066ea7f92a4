package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.nvcr.FrameBuilder;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.report.ReplayStats;
import io.netvcr.replay.sink.BatchSink;
import io.netvcr.replay.timing.Schedule;
import io.netvcr.replay.timing.Sleeper;
import io.netvcr.replay.timing.SpinTimer;
import io.netvcr.replay.trace.TraceWindows;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that already are their frame are sent from the mapped window (no copy); padded ones are built. What the
 * sink reads at flush time must be exactly FrameBuilder's frame either way, also across window boundaries.
 */
class ZeroCopyTest {
    @TempDir
    Path dir;

    /** Reads every frame of a batch at flush time, as the kernel would, and remembers how each was handed over. */
    static final class ReadingSink implements BatchSink {
        final List<byte[]> frames = new ArrayList<>();
        long direct;
        long built;
        int flushes;
        private final int max;
        private final FrameBuilder[] builders;
        private final long[] address = new long[64];
        private final int[] length = new int[64];
        private final boolean[] isDirect = new boolean[64];

        ReadingSink(int max) {
            this.max = max;
            BytesStore<?, Void> buf = BytesStore.nativeStoreWithFixedCapacity((long) max * 2048);
            builders = new FrameBuilder[max];
            for (int k = 0; k < max; k++) {
                builders[k] = new FrameBuilder(buf, (long) k * 2048, 2048);
            }
        }

        @Override
        public void open(Mechanisms m) {}

        @Override
        public int maxBatch() {
            return max;
        }

        @Override
        public int slotCapacity() {
            return 2048;
        }

        @Override
        public FrameBuilder acquire(int k) {
            return builders[k];
        }

        @Override
        public void commit(int k, int len) {
            address[k] = builders[k].address();
            length[k] = len;
            isDirect[k] = false;
        }

        @Override
        public boolean sendsFromMemory() {
            return true;
        }

        @Override
        public void commitAt(int k, long a, int len) {
            address[k] = a;
            length[k] = len;
            isDirect[k] = true;
        }

        @Override
        public long flush(int from, int n, long timeNs) {
            flushes++;
            for (int k = from; k < n; k++) {
                byte[] b = new byte[length[k]];
                UnsafeMemory.MEMORY.copyMemory(
                        null, address[k], b, UnsafeMemory.MEMORY.arrayBaseOffset(byte[].class), length[k]);
                frames.add(b);
                if (isDirect[k]) {
                    direct++;
                } else {
                    built++;
                }
            }
            return n - from;
        }

        @Override
        public void complete(int n) {}

        @Override
        public String mode() {
            return "reading";
        }

        @Override
        public long send(NvcrRecord r, BytesStore<?, ?> f, long a, int len, long t) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return "reading";
        }

        @Override
        public void close() {}
    }

    private ReadingSink replay(Path f, long windowBytes, int batch, long loops) throws Exception {
        return replay(f, windowBytes, batch, loops, Long.MAX_VALUE);
    }

    private ReadingSink replay(Path f, long windowBytes, int batch, long loops, long batchWindowRecords)
            throws Exception {
        ReadingSink sink = new ReadingSink(batch);
        try (TraceWindows w = new TraceWindows(f, windowBytes, loops != 1, false, new Mechanisms())) {
            new ReplayLoop(
                            w,
                            new FrameBuilder(),
                            sink,
                            new SpinTimer(),
                            new Sleeper(true),
                            new ReplayStats(),
                            null,
                            new StopSignal())
                    .batchWindowRecords(batchWindowRecords)
                    .run(new Schedule(System.nanoTime(), 1, 1.0), loops, 0, 0, true);
        }
        return sink;
    }

    @Test
    void shouldSendWholeFrameRecordsStraightFromTheMappingAcrossWindowsAndPasses() throws Exception {
        // 74-byte frames in 192-byte records: 21 records per 4 KiB window, batches of 32 must be cut at each boundary.
        Path f = PreparedTraces.periodic(dir.resolve("w.nvcr"), 1000, 1000, 32);
        List<byte[]> expected = PreparedTraces.asReplayed(f);
        ReadingSink s = replay(f, 4096, 32, 2);
        assertThat(s.direct).isEqualTo(2000);
        assertThat(s.built).isZero();
        assertThat(s.frames).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(s.frames.get(i)).as("frame %d", i).isEqualTo(expected.get(i % 1000));
        }
        long windows = (1000 + 20) / 21;
        assertThat(s.flushes).as("a batch never spans two windows").isGreaterThanOrEqualTo((int) (2 * windows));
    }

    @Test
    void shouldEndBatchesAtTheWarmUpsSmallerWindowsAndJoinAcrossPassesWithinOneWindow() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("b.nvcr"), 100, 1000, 32);
        List<byte[]> expected = PreparedTraces.asReplayed(f);
        // One mapped window, batches cut every 10 records as in the warm-up: 10 per pass, the pass's end included.
        ReadingSink cut = replay(f, 1 << 20, 32, 2, 10);
        assertThat(cut.flushes).isEqualTo(20);
        // Without the cut a batch runs on from a pass's last record into the next pass's first (same window).
        ReadingSink whole = replay(f, 1 << 20, 32, 2);
        assertThat(whole.flushes).isEqualTo((200 + 31) / 32);
        for (ReadingSink s : List.of(cut, whole)) {
            assertThat(s.direct).isEqualTo(200);
            for (int i = 0; i < 200; i++) {
                assertThat(s.frames.get(i)).as("frame %d", i).isEqualTo(expected.get(i % 100));
            }
        }
    }

    @Test
    void shouldBuildPaddedFrames() throws Exception {
        Path f = PreparedTraces.write(dir.resolve("p.nvcr"), 300, 1000, 958, true, 64);
        List<byte[]> expected = PreparedTraces.asReplayed(f);
        ReadingSink s = replay(f, 1 << 20, 16, 1);
        assertThat(s.built).isEqualTo(300);
        assertThat(s.direct).isZero();
        for (int i = 0; i < 300; i++) {
            assertThat(s.frames.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
    }

    /** A checksum field that the stored bytes do not carry yet must be patched in: such a record is built, not sent as stored. */
    @Test
    void shouldBuildAWholeFrameWhoseStoredChecksumDiffersFromTheRecordsChecksum() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("c.nvcr"), 10, 1000, 32);
        // Record 3: the UDP checksum (frame offset 40) is to be 0xBEEF, but the stored bytes hold something else.
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int recordLength = io.netvcr.formats.nvcr.NvcrFile.readHeader(f).recordLength;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putShort((short) 0xBEEF).putShort((short) 40).flip();
            ch.write(b, NvcrLayout.recordOffset(3, recordLength) + NvcrLayout.R_L4_CHECKSUM);
        }
        List<byte[]> expected = PreparedTraces.asReplayed(f);
        assertThat(expected.get(3)[40] & 0xff).isEqualTo(0xBE);
        ReadingSink s = replay(f, 1 << 20, 8, 1);
        assertThat(s.built).isEqualTo(1);
        assertThat(s.direct).isEqualTo(9);
        for (int i = 0; i < 10; i++) {
            assertThat(s.frames.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
    }
}
