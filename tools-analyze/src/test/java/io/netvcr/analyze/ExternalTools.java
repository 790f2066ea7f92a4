package io.netvcr.analyze;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs tshark/capinfos for cross-checks; tests that need them skip with a reason when they are absent. */
final class ExternalTools {
    private ExternalTools() {
    }

    static void require(String tool) {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                found = true;
                break;
            }
        }
        Assumptions.assumeTrue(found, tool + " is not installed (apt-get install tshark): cross-check skipped");
    }

    /** stdout lines of a command; fails the test on a non-zero exit. */
    static List<String> run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("netvcr-tool", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + ": exit " + p.exitValue());
            }
            return new ArrayList<>(Files.readAllLines(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
