package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.replay.timing.DeadlineTimer;
import io.netvcr.replay.timing.TimerKind;
import io.netvcr.replay.timing.Timers;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Adding a timer": one class and one registration. The toy timer is offered by --timer (help, completion, converter)
 * and replays a small trace into the null sink, waiting for every packet's deadline itself.
 */
class ToyTimerRegistrationTest {
    static final String NAME = "toy-countdown";
    /** Deadlines the toy waited for, and how many of them it reached early (it must never return early). */
    static final AtomicLong WAITS = new AtomicLong();

    static final AtomicLong EARLY = new AtomicLong();
    static final AtomicLong MADE = new AtomicLong();

    /** Spins on the clock like the spin timer, but counts: the engine must call it and nothing else. */
    static final class ToyTimer implements DeadlineTimer {
        @Override
        public long awaitUntil(long deadlineNs) {
            long now;
            while ((now = System.nanoTime()) - deadlineNs < 0) {
                Thread.onSpinWait();
            }
            WAITS.incrementAndGet();
            if (now - deadlineNs < 0) {
                EARLY.incrementAndGet();
            }
            return now;
        }

        @Override
        public String describe() {
            return NAME + " (test timer)";
        }
    }

    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        synchronized (ToyTimerRegistrationTest.class) {
            if (!Timers.names().contains(NAME)) {
                Timers.register(new TimerKind(NAME, "counts its waits", true, false, (sleeper, margin, guard) -> {
                    MADE.incrementAndGet();
                    return new ToyTimer();
                }));
            }
        }
    }

    @Test
    void replaysWithTheRegisteredTimer() throws Exception {
        long n = 200;
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), n, 50_000, 32);
        long made = MADE.get();
        long waits = WAITS.get();
        ReplayRun r = ReplayRun.of("--sink", "null", "--timer", NAME, "--json", f.toString());
        assertThat(r.exitCode).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(n);
        assertThat(j.at("/timer").asText()).isEqualTo(NAME + " (test timer)");
        assertThat(MADE.get() - made).isEqualTo(1);
        // The warm-up waits too; the replay itself waits at least once per packet.
        assertThat(WAITS.get() - waits).isGreaterThanOrEqualTo(n);
        assertThat(EARLY.get()).isZero();
        // A pure spinner gets no calibrated margin.
        assertThat(j.at("/timing/marginNs").asLong()).isZero();
    }

    @Test
    void helpAndErrorsListTheRegistry() throws Exception {
        ReplayRun help = ReplayRun.of("--help");
        assertThat(help.exitCode).isZero();
        // Help wraps lines anywhere: compare without white space.
        assertThat(help.out.replaceAll("\\s+", ""))
                .contains("spin(busy-polls")
                .contains("hybrid(sleeps")
                .contains(NAME + "(countsitswaits)");
        Path f = PreparedTraces.periodic(dir.resolve("q.nvcr"), 10, 50_000, 32);
        ReplayRun bad = ReplayRun.of("--sink", "null", "--timer", "nap", f.toString());
        assertThat(bad.exitCode).isEqualTo(64);
        assertThat(bad.err).contains("unknown --timer 'nap'").contains(NAME);
        assertThat(new TimerOption.Names()).contains("spin", "sleep", "hybrid", NAME);
    }
}
