package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cpu.sendingThread is the sending thread's own CPU time over the loop's wall time: a spinning timer keeps its
 * CPU busy throughout (as far as the machine's load lets it), a sleeping one at 5 ms gaps barely uses it (JVM
 * start-up and helper threads not counted).
 */
class SendingThreadCpuTest {
    @TempDir
    Path dir;

    private JsonNode replay(Path f, String timer) throws Exception {
        ReplayRun r = ReplayRun.of("--sink", "null", "--timer", timer, "--json", f.toString());
        assertThat(r.exitCode).as(r.err).isZero();
        return new ObjectMapper().readTree(r.out);
    }

    @Test
    void shouldReportTheSendingThreadsOwnCpuShare() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 100, 5_000_000, 32);
        double spin = replay(f, "spin").at("/cpu/sendingThread").asDouble(-1);
        double sleep = replay(f, "sleep").at("/cpu/sendingThread").asDouble(-1);
        // A spinning thread wants the CPU all along; on a loaded machine it gets its fair share only, hence a ratio.
        assertThat(sleep).as("sleep timer at 5 ms gaps").isBetween(0.0, 0.25);
        assertThat(spin)
                .as("spin timer, against the sleep timer's %.3f", sleep)
                .isGreaterThan(3 * sleep)
                .isLessThanOrEqualTo(1.05);
    }
}
