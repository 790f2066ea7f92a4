package io.netvcr.replay.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.PreparedTraces;
import io.netvcr.replay.os.Mechanisms;
import io.netvcr.replay.trace.TraceWindows.Prefetch;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace truncated under an open replay at a record boundary inside a page: the rest of that page reads as
 * zeros (no SIGBUS), so the cut record looks damaged. {@link TraceWindows#endsBefore} tells the two apart
 * through the replay's own descriptor; a file renamed over the path changes nothing for it.
 */
class TraceWindowsTruncationTest {
    private static final int KEEP = 50;

    @TempDir
    Path dir;

    @Test
    void shouldTellACutRecordFromADamagedOne() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("t.nvcr"), 1_000, 1_000, 32);
        int recordLength = NvcrFile.readHeader(f).recordLength;
        long cut = NvcrLayout.recordOffset(KEEP, recordLength);
        assertThat(cut % 4096).as("the cut falls inside a page").isNotZero();
        try (TraceWindows w = new TraceWindows(f, 1 << 20, false, false, Prefetch.NONE, new Mechanisms())) {
            NvcrRecord r = new NvcrRecord();
            assertThat(w.record(KEEP, r).sendLength()).isPositive();
            assertThat(w.endsBefore(KEEP)).isFalse();
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            assertThat(w.record(KEEP, r).sendLength())
                    .as("the cut page's tail reads as zeros")
                    .isZero();
            assertThat(w.endsBefore(KEEP)).isTrue();
            assertThat(w.endsBefore(KEEP - 1)).isFalse();
        }
    }

    @Test
    void shouldNotCountAFileRenamedOverThePathAsACut() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("r.nvcr"), 1_000, 1_000, 32);
        Path other = PreparedTraces.periodic(dir.resolve("o.nvcr"), 3, 1_000, 32);
        try (TraceWindows w = new TraceWindows(f, 1 << 20, false, false, Prefetch.NONE, new Mechanisms())) {
            Files.move(other, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(w.endsBefore(999)).isFalse();
        }
    }
}
