package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.cli.ToolMain;
import io.netvcr.replay.report.EpsilonAt;
import io.netvcr.replay.timing.StartInstant;
import io.netvcr.replay.trace.TraceIo;
import io.netvcr.replay.trace.TraceWindows;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The options that take one of a few words: --prefetch, --epsilon-at, --trace-io, --clock (issue 17). */
class ReplayWordOptionsTest {
    @TempDir
    Path dir;

    private static ReplayCommand parse(String... args) {
        ReplayCommand c = new ReplayCommand();
        ToolMain.commandLine("netvcr-replay", c).parseArgs(args);
        return c;
    }

    @Test
    void everyWordParsesToItsConstantAndTheDefaultsAreThoseOfBefore() {
        ReplayCommand d = parse("t.nvcr");
        assertThat(d.prefetch).isEqualTo(TraceWindows.Prefetch.THREAD);
        assertThat(d.epsilonAt).isEqualTo(EpsilonAt.CALL);
        assertThat(d.traceIo).isEqualTo(TraceIo.MMAP);
        assertThat(d.clock).isEqualTo(StartInstant.Clock.REALTIME);
        assertThat(parse("--prefetch", "thread", "t.nvcr").prefetch).isEqualTo(TraceWindows.Prefetch.THREAD);
        assertThat(parse("--prefetch", "inline", "t.nvcr").prefetch).isEqualTo(TraceWindows.Prefetch.INLINE);
        assertThat(parse("--prefetch", "none", "t.nvcr").prefetch).isEqualTo(TraceWindows.Prefetch.NONE);
        // --prefetch matched any case before it was typed
        assertThat(parse("--prefetch", "Inline", "t.nvcr").prefetch).isEqualTo(TraceWindows.Prefetch.INLINE);
        assertThat(parse("--epsilon-at", "call", "t.nvcr").epsilonAt).isEqualTo(EpsilonAt.CALL);
        assertThat(parse("--epsilon-at", "return", "t.nvcr").epsilonAt).isEqualTo(EpsilonAt.RETURN);
        assertThat(parse("--trace-io", "mmap", "t.nvcr").traceIo).isEqualTo(TraceIo.MMAP);
        assertThat(parse("--trace-io", "read", "t.nvcr").traceIo).isEqualTo(TraceIo.READ);
        assertThat(parse("--clock", "realtime", "t.nvcr").clock).isEqualTo(StartInstant.Clock.REALTIME);
        assertThat(parse("--clock", "tai", "t.nvcr").clock).isEqualTo(StartInstant.Clock.TAI);
    }

    @Test
    void aWrongWordIsAUsageErrorNamingTheOptionAndTheWords() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10, 20_000, 32);
        String[][] bad = {
            {"--prefetch", "later", "expected thread, inline or none, not 'later'"},
            {"--epsilon-at", "later", "expected call or return, not 'later'"},
            {"--trace-io", "fread", "expected mmap or read, not 'fread'"},
            {"--clock", "gps", "expected realtime or tai, not 'gps'"}
        };
        for (String[] b : bad) {
            ReplayRun r = ReplayRun.of("--sink", "null", b[0], b[1], f.toString());
            assertThat(r.exitCode).as(b[0]).isEqualTo(64);
            assertThat(r.err.lines().findFirst().orElseThrow())
                    .isEqualTo("netvcr-replay: Invalid value for option '" + b[0] + "': " + b[2]);
        }
    }

    @Test
    void helpAndCompletionListTheWords() {
        CommandLine cl = ToolMain.commandLine("netvcr-replay", new ReplayCommand());
        assertThat(cl.getCommandSpec().findOption("--prefetch").completionCandidates())
                .containsExactly("thread", "inline", "none");
        assertThat(cl.getCommandSpec().findOption("--epsilon-at").completionCandidates())
                .containsExactly("call", "return");
        assertThat(cl.getCommandSpec().findOption("--trace-io").completionCandidates())
                .containsExactly("mmap", "read");
        assertThat(cl.getCommandSpec().findOption("--clock").completionCandidates())
                .containsExactly("realtime", "tai");
        String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertThat(help)
                .contains("--prefetch=WHO Who maps the next trace window, thread, inline, none: thread")
                .contains("none (one window on demand, readahead off). Default: thread.")
                .contains("--epsilon-at=WHEN call, return. call:")
                .contains("The epsilon log holds both. Default: call.")
                .contains("--trace-io=HOW How the sending thread obtains records, mmap, read: mmap")
                .contains("--clock=CLOCK Clock of --start-at: realtime, tai")
                .contains("Default: realtime.");
    }

    @Test
    void theReportPrintsTheWordsAsBefore() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 50, 20_000, 32);
        for (String prefetch : new String[] {"inline", "none"}) {
            JsonNode j = json("--sink", "null", "--prefetch", prefetch, "--json", f.toString());
            assertThat(j.at("/windows/prefetch").asText()).isEqualTo(prefetch);
            assertThat(j.at("/epsilonAt").asText()).isEqualTo("call");
            assertThat(j.at("/traceIo").asText()).isEqualTo("mmap");
        }
        JsonNode none = json("--sink", "null", "--no-prefetch", "--epsilon-at", "return", "--json", f.toString());
        assertThat(none.at("/windows/prefetch").asText()).isEqualTo("none");
        assertThat(none.at("/epsilonAt").asText()).isEqualTo("return");
        ReplayRun text = ReplayRun.of("--sink", "null", "--prefetch", "inline", "--epsilon-at", "return", f.toString());
        assertThat(text.exitCode).as(text.err).isZero();
        assertThat(text.out).contains("clock read at send return)").contains("Trace windows: --prefetch inline,");
    }

    private static JsonNode json(String... args) throws Exception {
        ReplayRun r = ReplayRun.of(args);
        assertThat(r.exitCode).as(r.err).isZero();
        return new ObjectMapper().readTree(r.out);
    }
}
