package io.netvcr.formats.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Test helper for tools that must stop cleanly on SIGINT/SIGTERM: runs a tool's main class in a child JVM
 * (this JVM's java, classpath and the launchers' module flags and properties), feeds it a trace through a
 * stdin pipe that stays open (so it is mid-run for as long as the test wants), signals it once a condition
 * holds, and returns its exit code and stderr.
 */
public final class ChildTool {
    private ChildTool() {}

    /** The exit code and stderr of a stopped child. */
    public record Stopped(int exit, String stderr) {}

    /** java, the --add-opens/--add-exports flags and launcher properties, classpath, main class and arguments. */
    public static List<String> command(String mainClass, String... args) {
        return command(List.of("-XX:+UseSerialGC"), true, mainClass, args);
    }

    /** The same with extra JVM options (e.g. Epsilon GC, a heap size). */
    public static List<String> command(List<String> jvmOptions, String mainClass, String... args) {
        return command(jvmOptions, true, mainClass, args);
    }

    /**
     * java, this JVM's --add-opens/--add-exports flags (surefire's argLine, i.e. the parent pom's
     * netvcr.jvm.flags), the launcher's -D properties unless left out (to test what a bare JVM does), extra JVM
     * options, this JVM's classpath, main class and arguments.
     */
    public static List<String> command(
            List<String> jvmOptions, boolean withLauncherProperties, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens")
                    || a.startsWith("--add-exports")
                    || withLauncherProperties && (a.startsWith("-Dchronicle.") || a.startsWith("-Ddisable."))) {
                cmd.add(a);
            }
        }
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Starts mainClass with args, writes input to its stdin (kept open), waits up to a minute for started,
     * then sends SIG{signal} and waits for the child to end. stderr goes to stderrFile (outside any directory
     * the test inspects).
     */
    public static Stopped stopMidRun(
            String signal, byte[] input, BooleanSupplier started, Path stderrFile, String mainClass, String... args)
            throws Exception {
        Process p = new ProcessBuilder(command(mainClass, args))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderrFile.toFile())
                .start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input);
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!started.getAsBoolean() && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (!started.getAsBoolean()) {
                throw new AssertionError("the child did not get going: " + Files.readString(stderrFile));
            }
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the child did not stop after SIG" + signal);
            }
        } catch (IOException pipeClosedByTheStoppedChild) {
            p.waitFor(60, TimeUnit.SECONDS);
        } finally {
            p.destroyForcibly();
        }
        return new Stopped(p.exitValue(), Files.readString(stderrFile));
    }

    /** A microsecond pcap of n 98-byte IPv4-ethertype frames between locally administered MACs. */
    public static byte[] pcapWithRecords(int n) {
        ByteBuffer b = ByteBuffer.allocate(24 + n * (16 + 98)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        for (int i = 0; i < n; i++) {
            b.putInt(1_700_000_000).putInt(i).putInt(98).putInt(98);
            b.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00});
            b.put(new byte[98 - 14]);
        }
        return b.array();
    }

    /** Names of the entries in dir (empty when it does not exist). */
    public static List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
