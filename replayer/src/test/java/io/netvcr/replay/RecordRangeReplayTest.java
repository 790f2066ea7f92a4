package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.nvcr.NvcrLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged record fields stop the replay at open with exit 65 naming file, record and offset: before, a bad
 * sendLength ended in a library's IllegalArgumentException (exit 64) and a sendOffset of 2^62 waited 146 years.
 */
class RecordRangeReplayTest {
    @TempDir
    Path dir;

    private static void patch(Path f, long record, int field, ByteBuffer v) throws Exception {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(v.flip(), NvcrLayout.recordOffset(record, NvcrLayout.DEFAULT_RECORD_LENGTH) + field);
        }
    }

    @Test
    void shouldRefuseACorruptSendLengthWithExit65NamingTheRecord() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 100, 10_000, 32);
        patch(
                f,
                42,
                NvcrLayout.R_SEND_LENGTH,
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1));
        ReplayRun r = ReplayRun.of("--sink", "null", "--timer", "spin", f.toString());
        long at = NvcrLayout.recordOffset(42, NvcrLayout.DEFAULT_RECORD_LENGTH);
        assertThat(r.exitCode).as(r.err).isEqualTo(65);
        assertThat(r.err)
                .contains(f + ": record 42 at byte offset " + at + ": send length 4294967295 is out of range")
                .doesNotContain("IllegalArgumentException");
    }

    @Test
    void shouldRefuseASendOffsetOfTwoToTheSixtyTwoInsteadOfWaiting146Years() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 100, 10_000, 32);
        patch(
                f,
                99,
                NvcrLayout.R_SEND_OFFSET,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 62));
        long t0 = System.nanoTime();
        ReplayRun r = ReplayRun.of("--sink", "null", "--timer", "spin", f.toString());
        assertThat(r.exitCode).as(r.err).isEqualTo(65);
        assertThat(r.err)
                .contains(f + ": record 99 at byte offset "
                        + NvcrLayout.recordOffset(99, NvcrLayout.DEFAULT_RECORD_LENGTH)
                        + ": send offset 4611686018427387904 ns is out of range");
        assertThat((System.nanoTime() - t0) / 1_000_000_000L).isLessThan(60);
    }
}
