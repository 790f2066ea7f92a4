package io.netvcr.formats.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Independent tools (tshark, capinfos) that tests cross-check against. A test that needs one skips with a
 * visible reason when it is not installed.
 */
public final class ExternalTools {
    private ExternalTools() {}

    /** The tool's path, or skips the calling test. */
    public static String require(String tool) {
        for (String dir : new String[] {"/usr/bin", "/usr/local/bin", "/usr/sbin"}) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Prerequisites.missing(tool + " is not installed (apt-get install tshark): skipped");
        return null;
    }

    /** Result of one run. */
    public record Run(int exitCode, String stdout, String stderr) {
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (String l : stdout.split("\n")) {
                if (!l.isEmpty()) {
                    out.add(l);
                }
            }
            return out;
        }
    }

    /** The stdout lines of a command that must succeed (a non-zero exit fails the test with its stderr). */
    public static List<String> lines(String... command) {
        Run r = run(List.of(command));
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + ": exit " + r.exitCode() + ": " + r.stderr());
        }
        return r.lines();
    }

    /** Runs a command (bounded to two minutes) and returns its output; stderr is kept apart. */
    public static Run run(List<String> command) {
        try {
            Path err = Files.createTempFile("netvcr-tool", ".err");
            try {
                Process p =
                        new ProcessBuilder(command).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                return new Run(
                        p.exitValue(),
                        new String(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * tshark -T fields over a file: one line per frame with the given fields, tab-separated, first occurrence.
     * Extra options (e.g. "-o", "ip.check_checksum:TRUE", "-Y", filter) go before the fields.
     */
    public static List<String> tsharkFields(Path file, List<String> options, String... fields) {
        List<String> cmd = new ArrayList<>(List.of(require("tshark"), "-n", "-r", file.toString()));
        cmd.addAll(options);
        cmd.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Run r = run(cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError("tshark failed on " + file + " (exit " + r.exitCode() + "): " + r.stderr());
        }
        return r.stdout().lines().toList();
    }
}
