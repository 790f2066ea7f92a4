package io.netvcr.formats.nvcr;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Closing an NvcrFile unmaps it: a process that opens many files (a fuzzer, a batch tool) keeps its mappings flat. */
class NvcrFileUnmapTest {
    @Test
    void shouldUnmapTheFileOnClose() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        Prerequisites.require(Files.isReadable(maps), "no /proc/self/maps: skipped");
        Path f = Path.of(getClass()
                .getResource("/io/netvcr/formats/fuzz/ReaderFuzzTestInputs/nvcrFile/handshake-snap64.nvcr")
                .toURI());
        try (NvcrFile warm = NvcrFile.open(f)) {
            assertThat(warm.count()).isPositive();
        }
        long before = lines(maps);
        for (int i = 0; i < 300; i++) {
            try (NvcrFile file = NvcrFile.open(f)) {
                file.record(0, new NvcrRecord()).timestampNs();
            }
        }
        // a few mappings may come from class loading or the JIT; one per open would be 300
        assertThat(lines(maps) - before).isLessThan(50);
    }

    private static long lines(Path p) throws Exception {
        try (var s = Files.lines(p)) {
            return s.count();
        }
    }
}
