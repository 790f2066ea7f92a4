package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.ChildTool;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.replay.os.VethNamespaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        ChildReplay r = ChildReplay.run(p -> ChildReplay.signal(p, signal), "--sink", "null", f.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(exit);
        assertThat(r.out()).contains("Actual: ").contains("Successful packets:").contains(reason);
    }

    /** The refusal happens inside a private namespace the test makes: a failed drop must not put frames on a real link. */
    @Test
    void shouldNameCapNetRawWhenRawSocketIsRefused() throws Exception {
        requireSetprivAndVeth();
        Path f = PreparedTraces.periodic(dir.resolve("p.nvcr"), 10, 1000, 32);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-priv")) {
            List<String> cmd = new ArrayList<>(List.of(
                    "ip",
                    "netns",
                    "exec",
                    veth.namespaceA(),
                    "setpriv",
                    "--inh-caps=-net_raw",
                    "--bounding-set=-net_raw"));
            cmd.addAll(ChildTool.command(
                    List.of(), ReplayCommand.class.getName(), "--interface", veth.interfaceA(), f.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Prerequisites.require(!out.contains("setpriv:"), "setpriv cannot drop capabilities here: " + out);
            assertThat(p.exitValue()).as(out).isEqualTo(77);
            assertThat(out)
                    .contains("CAP_NET_RAW")
                    .contains("raw packet socket")
                    .contains("--sink");
        }
    }

    /**
     * The documented way to replay without root: an unprivileged user (here uid 65534) holding only CAP_NET_RAW
     * as an ambient capability (README, "Replaying without root"). The class path and trace are copied where
     * that user can read them.
     */
    @Test
    void shouldReplayAsAnUnprivilegedUserHoldingOnlyCapNetRaw() throws Exception {
        requireSetprivAndVeth();
        Path shared = java.nio.file.Files.createTempDirectory("nvcr-nobody");
        try {
            java.nio.file.Files.setPosixFilePermissions(
                    shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Path f = PreparedTraces.periodic(shared.resolve("p.nvcr"), 50, 200_000, 32);
            java.nio.file.Files.setPosixFilePermissions(
                    f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            String classPath = readableCopyOfClassPath(shared.resolve("cp"));
            try (VethNamespaces veth = VethNamespaces.create("nvcr-cap")) {
                List<String> cmd = new ArrayList<>(List.of(
                        "ip",
                        "netns",
                        "exec",
                        veth.namespaceA(),
                        "setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "--inh-caps=+net_raw",
                        "--ambient-caps=+net_raw"));
                List<String> jvm = ChildTool.command(
                        List.of(),
                        ReplayCommand.class.getName(),
                        "--interface",
                        veth.interfaceA(),
                        "--timer",
                        "sleep",
                        f.toString());
                jvm.set(jvm.indexOf("-cp") + 1, classPath);
                cmd.addAll(jvm);
                Process p = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .directory(shared.toFile())
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                Prerequisites.require(
                        !out.contains("setpriv:"), "setpriv cannot set ambient capabilities here: " + out);
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out).containsPattern("Successful packets:\\s+50\\b");
                Process rx = new ProcessBuilder("ip", "-n", veth.namespaceB(), "-s", "link", "show", veth.interfaceB())
                        .redirectErrorStream(true)
                        .start();
                String stats = new String(rx.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                rx.waitFor();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("RX:[^\\n]*\\n\\s*\\d+\\s+(\\d+)")
                        .matcher(stats);
                assertThat(m.find()).as(stats).isTrue();
                assertThat(Long.parseLong(m.group(1)))
                        .as("frames received at the far end")
                        .isGreaterThanOrEqualTo(50);
            }
        } finally {
            try (var walk = java.nio.file.Files.walk(shared)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(q -> q.toFile().delete());
            }
        }
    }

    private static void requireSetprivAndVeth() {
        Prerequisites.require(
                new java.io.File("/usr/bin/setpriv").canExecute() || new java.io.File("/bin/setpriv").canExecute(),
                "setpriv (util-linux) not installed: privilege test skipped");
        String why = io.netvcr.replay.os.VethNamespaces.unavailableReason();
        Prerequisites.require(why == null, "privilege test skipped: " + why);
    }

    /** Copies every class path entry (jars and class directories) into dir, readable by everyone. */
    private static String readableCopyOfClassPath(Path dir) throws java.io.IOException {
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path src = Path.of(e);
            if (!java.nio.file.Files.exists(src)) {
                continue;
            }
            Path dst = dir.resolve((i++) + "-" + src.getFileName());
            try (var walk = java.nio.file.Files.walk(src)) {
                for (Path q : (Iterable<Path>) walk::iterator) {
                    Path t = dst.resolve(src.relativize(q).toString());
                    if (java.nio.file.Files.isDirectory(q)) {
                        java.nio.file.Files.createDirectories(t);
                    } else {
                        java.nio.file.Files.createDirectories(t.getParent());
                        java.nio.file.Files.copy(q, t);
                    }
                }
            }
            entries.add(dst.toString());
        }
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path q : (Iterable<Path>) walk::iterator) {
                java.nio.file.Files.setPosixFilePermissions(
                        q,
                        java.nio.file.attribute.PosixFilePermissions.fromString(
                                java.nio.file.Files.isDirectory(q) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
