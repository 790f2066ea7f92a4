package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --sink pcap writes from a writer thread through a 16 MiB ring: at top speed ~40 MB of frames wrap it several
 * times (and may fill it: the loop then retries); every frame must still arrive in order, byte-identical, with
 * non-decreasing times.
 */
class PcapSinkRingTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryFrameInOrderThroughTheRingAtTopSpeed() throws Exception {
        int count = 30_000;
        Path f = PreparedTraces.write(dir.resolve("big.nvcr"), count, 1_000, 1400, true, 96); // 1442-byte frames
        Path out = dir.resolve("out.pcap");
        ReplayRun r = ReplayRun.of("--sink", "pcap:" + out, "--topspeed", "--json", f.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(new ObjectMapper().readTree(r.out).at("/packets/sent").asLong())
                .isEqualTo(count);
        List<byte[]> expected = PreparedTraces.asReplayed(f);
        try (TraceInput in = TraceInput.open(out.toString(), null, new ReaderOptions())) {
            TraceReader rd = in.reader();
            Packet p = new Packet();
            int i = 0;
            long prev = Long.MIN_VALUE;
            while (rd.next(p)) {
                assertThat(i).isLessThan(count);
                assertThat(Arrays.copyOf(p.data(), p.capturedLength()))
                        .as("frame %d", i)
                        .isEqualTo(expected.get(i));
                assertThat(p.timestampNs).isGreaterThanOrEqualTo(prev);
                prev = p.timestampNs;
                i++;
            }
            assertThat(i).isEqualTo(count);
        }
    }
}
