package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each timer on a periodic trace to the null sink yields a complete, consistent ε distribution. Shape, not
 * speed: the build machine is shared, so no latency bound is asserted beyond "the schedule was followed".
 */
class TimerStrategyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"spin", "sleep", "hybrid"})
    void shouldProduceSaneEpsilonStatistics(String timer) throws Exception {
        long n = 1500;
        long gap = 70_000;
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), n, gap, 32);
        ReplayRun r = ReplayRun.of("--sink", "null", "--timer", timer, "--json", f.toString());
        assertThat(r.exitCode).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/epsilonNs/count").asLong()).isEqualTo(n);
        long p50 = j.at("/epsilonNs/p50").asLong();
        long p90 = j.at("/epsilonNs/p90").asLong();
        long p99 = j.at("/epsilonNs/p99").asLong();
        long p999 = j.at("/epsilonNs/p999").asLong();
        long max = j.at("/epsilonNs/max").asLong();
        assertThat(p50).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(p90);
        assertThat(p90).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(p999);
        assertThat(p999).isLessThanOrEqualTo(max);
        long over1 = j.at("/late/over1us").asLong();
        long over10 = j.at("/late/over10us").asLong();
        long over100 = j.at("/late/over100us").asLong();
        assertThat(over1).isGreaterThanOrEqualTo(over10).isLessThanOrEqualTo(n);
        assertThat(over10).isGreaterThanOrEqualTo(over100);
        // Never early, and never drifting: the whole run spans the schedule (plus at most the final lateness).
        long span = (n - 1) * gap;
        assertThat(j.at("/durationNs").asLong()).isBetween(span - max, span + max + 1_000_000);
        assertThat(j.at("/timer").asText()).startsWith(timer);
        if (timer.equals("sleep")) {
            // Sleeping cannot wake exactly on time: nearly every packet is measurably late.
            assertThat(over1).isGreaterThan(n / 2);
        }
    }
}
