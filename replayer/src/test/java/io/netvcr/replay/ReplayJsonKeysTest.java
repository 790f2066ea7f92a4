package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.testing.JsonKeys;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay report's JSON keys are what scripts read: the report is built from typed records now, and these
 * tests hold it to the keys (and their order) in json-keys/. Every key netvcr-replay printed before the typed
 * report (json-keys/*-4553643.keys, made with the build at 4553643: {@code netvcr-replay --sink null --json
 * --epsilon-log F T} and the same with two shards) is still printed, in the same order; keys added since stand
 * between them. One change on purpose: shards without --start-at no longer report a {@code start} object (they
 * start at a shared gate, not at an instant), as a single replay never did.
 */
class ReplayJsonKeysTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheSameKeysInTheSameOrderAsBeforeTheTypedReport() throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("p.nvcr"), 40, 10_000, 64);
        ReplayRun run = ReplayRun.of(
                "--sink",
                "null",
                "--json",
                "--epsilon-log",
                dir.resolve("e.log").toString(),
                t.toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(JsonKeys.paths(new ObjectMapper().readValue(run.out, Map.class)))
                .containsExactlyElementsOf(JsonKeys.resource(getClass(), "/json-keys/replay.keys"))
                .containsSubsequence(JsonKeys.resource(getClass(), "/json-keys/replay-4553643.keys"));
    }

    @Test
    void shouldPrintTheSameKeysForAShardedReplay() throws Exception {
        Path t = PreparedTraces.periodic(dir.resolve("p.nvcr"), 20, 10_000, 64);
        ReplayRun run =
                ReplayRun.of("--sink", "null", "--sink", "null", "--json", "--limit", "20", t.toString(), t.toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(JsonKeys.paths(new ObjectMapper().readValue(run.out, Map.class)))
                .containsExactlyElementsOf(JsonKeys.resource(getClass(), "/json-keys/replay-sharded.keys"))
                .containsSubsequence(JsonKeys.resource(getClass(), "/json-keys/replay-sharded-4553643.keys").stream()
                        .filter(k -> !k.equals("start") && !k.startsWith("start.") && !k.startsWith("shards.[].start"))
                        .toList());
    }
}
