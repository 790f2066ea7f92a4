package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The loop is entered 200 us before send offset 0 (its entry costs tens of microseconds even compiled) and its
 * first wait spins the rest, whatever the timer: the first frame still never leaves before the instant asked for,
 * sleeping timers included. At top speed the spin goes to offset 0 itself.
 */
class LoopEntryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"hybrid,false,200", "spin,false,200", "sleep,false,200", "hybrid,true,0"})
    void shouldNeverHandTheFirstFrameOverBeforeTheStart(String timer, boolean topspeed, int leadUs) throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("p.nvcr"), 20, 100_000, 64);
        Instant at = Instant.now().plusSeconds(3);
        List<String> args = new ArrayList<>(
                List.of("--json", "--sink", "null", "--timer", timer, "--start-at", at.toString(), t.toString()));
        if (topspeed) {
            args.add(0, "--topspeed");
        }
        ReplayRun run = ReplayRun.of(args.toArray(new String[0]));

        assertThat(run.exitCode).as(run.err).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(20);
        assertThat(j.at("/start/lateNs").asLong())
                .as("first frame handed over at or after the instant")
                .isNotNegative();
        assertThat(j.at("/mechanisms").toString()).contains("to the loop's entry " + leadUs + " us before it");
    }
}
