package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.ChildTool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Test helper: netvcr-replay in a child JVM with --stats 0.1; something happens to it once it is sending. */
record ChildReplay(int exit, String out, String err) {
    static ChildReplay run(Consumer<Process> whileSending, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("--stats", "0.1"));
        a.addAll(List.of(args));
        Process p = new ProcessBuilder(
                        ChildTool.command(List.of(), ReplayCommand.class.getName(), a.toArray(String[]::new)))
                .start();
        try {
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            StringBuilder err = new StringBuilder();
            Thread t = new Thread(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (err) {
                            err.append(line).append('\n');
                        }
                        if (line.startsWith("Actual:")) {
                            started.complete(true);
                        }
                    }
                } catch (java.io.IOException e) {
                    // gone
                }
                started.complete(false);
            });
            t.start();
            assertThat(started.get(120, TimeUnit.SECONDS))
                    .as("replay started (live stats line): " + err)
                    .isTrue();
            whileSending.accept(p);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child stopped").isTrue();
            t.join(10_000);
            synchronized (err) {
                return new ChildReplay(p.exitValue(), out, err.toString());
            }
        } finally {
            p.destroyForcibly();
        }
    }

    static void signal(Process p, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .start()
                    .waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
