package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace many times the window replays completely while the mapped (file-backed) resident memory stays bounded. */
class WindowingTest {
    @TempDir
    Path dir;

    @Test
    void shouldReplayTraceManyWindowsLongWithBoundedResidentMemory() throws Exception {
        long records = 350_000; // 350,000 x 192 bytes = 67 MB, 64 windows of 1 MiB
        Path f = PreparedTraces.periodic(dir.resolve("big.nvcr"), records, 100, 32);
        assertThat(Files.size(f)).isGreaterThan(60L << 20);
        long baseline = rssFileKb();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    peak.accumulateAndGet(rssFileKb(), Math::max);
                    Thread.sleep(5);
                } catch (InterruptedException | IOException e) {
                    return;
                }
            }
        });
        sampler.start();
        ReplayRun r;
        try {
            r = ReplayRun.of("--sink", "null", "--topspeed", "--window", "1M", "--json", f.toString());
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        assertThat(r.exitCode).isZero();
        assertThat(new ObjectMapper().readTree(r.out).at("/packets/sent").asLong())
                .isEqualTo(records);
        long growthKb = peak.get() - baseline;
        // Two 1 MiB windows are mapped at a time; mapping the whole file would add ~65,000 kB.
        assertThat(growthKb)
                .as("growth of file-backed RSS (kB) while replaying a 67 MB trace")
                .isLessThan(16 * 1024);
    }

    @Test
    void shouldReplayCompletelyWithoutPrefetch() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("np.nvcr"), 20_000, 100, 32);
        ReplayRun r = ReplayRun.of(
                "--sink", "null", "--topspeed", "--window", "64k", "--no-prefetch", "--json", f.toString());
        assertThat(r.exitCode).isZero();
        com.fasterxml.jackson.databind.JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(20_000);
        assertThat(j.at("/notInForce").toString()).contains("--no-prefetch");
    }

    /** File-backed resident memory of this process (RssFile in /proc/self/status), kB. */
    static long rssFileKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("RssFile:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no RssFile in /proc/self/status");
    }
}
