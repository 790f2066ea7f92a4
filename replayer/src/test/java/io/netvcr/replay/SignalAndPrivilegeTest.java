package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child-process behaviour: stopping on SIGINT/SIGTERM with a report, and a clear message without CAP_NET_RAW. */
class SignalAndPrivilegeTest {
    @TempDir
    Path dir;

    @Test
    void shouldStopOnSigintPrintReportAndExit130() throws Exception {
        stopsOn("INT", 130, "stopped by SIGINT");
    }

    @Test
    void shouldStopOnSigtermPrintReportAndExit143() throws Exception {
        stopsOn("TERM", 143, "stopped by SIGTERM");
    }

    private void stopsOn(String signal, int exit, String reason) throws Exception {
        // 600 packets 50 ms apart: 30 s, far longer than the test waits.
        Path f = PreparedTraces.periodic(dir.resolve("slow.nvcr"), 600, 50_000_000, 32);
        Process p = new ProcessBuilder(ChildJvm.command(List.of(), ReplayCommand.class.getName(),
            "--sink", "null", "--stats", "0.1", f.toString())).start();
        try {
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            StringBuilder err = new StringBuilder();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
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
            assertThat(started.get(120, TimeUnit.SECONDS)).as("replay started (live stats line)").isTrue();
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child stopped").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out + err).isEqualTo(exit);
            assertThat(out).contains("Actual: ").contains("Successful packets:").contains(reason);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void shouldNameCapNetRawWhenRawSocketIsRefused() throws Exception {
        Assumptions.assumeTrue(new java.io.File("/usr/bin/setpriv").canExecute() || new java.io.File("/bin/setpriv").canExecute(),
            "setpriv (util-linux) not installed: privilege test skipped");
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10, 1000, 32);
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--inh-caps=-net_raw", "--bounding-set=-net_raw"));
        cmd.addAll(ChildJvm.command(List.of(), ReplayCommand.class.getName(), "--interface", "lo", f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeFalse(out.contains("setpriv:"), "setpriv cannot drop capabilities here: " + out);
        assertThat(p.exitValue()).as(out).isEqualTo(77);
        assertThat(out).contains("CAP_NET_RAW").contains("raw packet socket").contains("--sink");
    }
}
