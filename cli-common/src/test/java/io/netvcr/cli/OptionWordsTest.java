package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class OptionWordsTest {
    /** A word that is a Java literal, and one spelt otherwise than its constant. */
    enum Payload implements OptionWord {
        PAD,
        NULL,
        KEEP_ALL {
            @Override
            public String word() {
                return "keep";
            }
        }
    }

    static final class PayloadWords extends OptionWords<Payload> {
        PayloadWords() {
            super(Payload.class);
        }
    }

    @Command(name = "tool")
    static final class Tool extends ToolCommand {
        @Option(
                names = "--payload",
                paramLabel = "MODE",
                converter = PayloadWords.class,
                completionCandidates = PayloadWords.class,
                defaultValue = "pad",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        Payload payload;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private static Tool parse(String... args) {
        Tool t = new Tool();
        ToolMain.commandLine("tool", t).parseArgs(args);
        return t;
    }

    @Test
    void everyWordNamesItsConstantInAnyCaseAndBetweenBlanks() {
        assertThat(parse("--payload", "pad").payload).isEqualTo(Payload.PAD);
        assertThat(parse("--payload", "null").payload).isEqualTo(Payload.NULL);
        assertThat(parse("--payload=keep").payload).isEqualTo(Payload.KEEP_ALL);
        assertThat(parse("--payload", "NULL").payload).isEqualTo(Payload.NULL);
        assertThat(parse("--payload", " Keep ").payload).isEqualTo(Payload.KEEP_ALL);
        assertThat(parse().payload).isEqualTo(Payload.PAD);
    }

    @Test
    void aConstantsOwnNameIsNoWordWhenItsWordDiffers() {
        assertThat(run("--payload", "keep_all")[0]).isEqualTo("64");
    }

    @Test
    void aWrongWordIsAUsageErrorNamingTheOptionAndTheWords() {
        String[] r = run("--payload", "zero");
        assertThat(r[0]).isEqualTo("64");
        assertThat(r[1].lines().findFirst().orElseThrow())
                .isEqualTo("tool: Invalid value for option '--payload': expected pad, null or keep, not 'zero'");
    }

    @Test
    void helpAndCompletionListTheWords() {
        CommandLine cl = ToolMain.commandLine("tool", new Tool());
        assertThat(cl.getCommandSpec().findOption("--payload").completionCandidates())
                .containsExactly("pad", "null", "keep");
        assertThat(cl.getUsageMessage()).contains("pad, null, keep (default pad).");
        assertThat(new PayloadWords().words()).containsExactly("pad", "null", "keep");
    }

    @Test
    void theCachedModelReadsWordsAsTheAnnotatedOneDoes(@TempDir Path dir) throws Exception {
        assertThat(ModelCache.write(dir, "tool", new Tool())).isTrue();
        for (String word : new String[] {"null", "Keep", "pad"}) {
            Tool cached = new Tool();
            ModelCache.load(dir, "tool", cached).parseArgs("--payload", word);
            assertThat(cached.payload).isEqualTo(parse("--payload", word).payload);
        }
        Tool defaulted = new Tool();
        ModelCache.load(dir, "tool", defaulted).parseArgs();
        assertThat(defaulted.payload).isEqualTo(Payload.PAD);
    }

    private static String[] run(String... args) {
        CommandLine cl = ToolMain.commandLine("tool", new Tool());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        return new String[] {String.valueOf(cl.execute(args)), err.toString()};
    }
}
