package io.netvcr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ToolMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The help pages the launcher prints without building picocli's model (HelpCache, written by the class-data
 * training run) must be exactly what picocli prints for {@code --help} without a terminal, for every command of
 * the umbrella and of each standalone tool: checked here, so a cached page cannot drift from picocli's.
 */
class HelpPagesTest {
    @TempDir
    Path dir;

    @Test
    void everyCachedPageIsWhatPicocliPrints() throws Exception {
        List<String> written = CdsTraining.writeHelpPages(dir);

        assertThat(written)
                .contains("netvcr", "netvcr convert", "netvcr prep", "netvcr analyze", "netvcr replay")
                .contains("netvcr-convert", "netvcr-prep", "netvcr-analyze", "netvcr-replay");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".txt")).count()).isEqualTo(written.size());
        }
        // --version is printed without picocli where the training run found picocli prints the same lines
        for (String name : List.of("netvcr", "netvcr replay", "netvcr-convert", "netvcr-analyze", "netvcr-replay")) {
            assertThat(dir.resolve(name.replace(' ', '_') + ".version")).exists();
        }
        for (String name : written) {
            String page = Files.readString(dir.resolve(name.replace(' ', '_') + ".txt"), StandardCharsets.UTF_8);
            assertThat(page).as(name).isEqualTo(picocliHelp(name)).contains("Usage: " + name + " ");
        }
    }

    /** `NAME --help` (or another option) through the command line a user's run builds (ToolMain or the umbrella's main). */
    private static String picocliHelp(String qualifiedName) {
        return picocli(qualifiedName, "--help");
    }

    private static String picocli(String qualifiedName, String option) {
        List<String> words = Arrays.asList(qualifiedName.split(" "));
        String tool = words.get(0);
        CommandLine cl = tool.equals("netvcr")
                ? NetvcrMain.commandLine()
                : ToolMain.commandLine(tool, CdsTraining.STANDALONE.get(tool).get());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        String[] args = words.subList(1, words.size()).toArray(new String[words.size()]);
        args[args.length - 1] = option;
        assertThat(cl.execute(args)).as(qualifiedName).isZero();
        return out.toString();
    }
}
