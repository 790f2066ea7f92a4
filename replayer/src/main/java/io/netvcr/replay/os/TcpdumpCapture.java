package io.netvcr.replay.os;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump capturing one interface inside a namespace to a nanosecond pcap: the independent receiver. Started
 * and waited for ("listening on"), stopped with SIGINT so it flushes its file.
 */
public final class TcpdumpCapture implements AutoCloseable {
    private final Process process;
    private final Path file;
    private final StringBuilder stderr = new StringBuilder();

    private final Thread hook;

    private TcpdumpCapture(Process process, Path file) {
        this.process = process;
        this.file = file;
        // A capture must not outlive the JVM (it would keep its namespace alive after ip netns del).
        this.hook = new Thread(process::destroy, "tcpdump-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Waits until the capture file holds at least the given bytes, or stops growing for quietMs, or timeoutMs
     * passes: tcpdump may lag the sender on a busy machine, and stopping it early would lose frames it has
     * not read yet.
     */
    public void awaitFileSize(long bytes, long quietMs, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long last = -1;
        long lastChange = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long size = file.toFile().length();
            if (size >= bytes) {
                return;
            }
            if (size != last) {
                last = size;
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > quietMs) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** Size of a nanosecond pcap holding frames of these lengths (what tcpdump -w writes). */
    public static long pcapSize(java.util.List<byte[]> frames) {
        long n = 24;
        for (byte[] f : frames) {
            n += 16 + f.length;
        }
        return n;
    }

    public static String unavailableReason() {
        try {
            Process p = new ProcessBuilder("tcpdump", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "tcpdump does not run here";
        } catch (IOException | InterruptedException e) {
            return "tcpdump is not installed";
        }
    }

    public static TcpdumpCapture start(String namespace, String iface, Path out) throws IOException {
        Process p = new ProcessBuilder(
                        "ip",
                        "netns",
                        "exec",
                        namespace,
                        "tcpdump",
                        "-i",
                        iface,
                        "-n",
                        "-s",
                        "0",
                        "-U",
                        "-Z",
                        "root",
                        "--time-stamp-precision=nano",
                        "-w",
                        out.toString())
                .start();
        TcpdumpCapture c = new TcpdumpCapture(p, out);
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            synchronized (c.stderr) {
                                c.stderr.append(line).append('\n');
                            }
                            if (line.contains("listening on")) {
                                listening.complete(true);
                            }
                        }
                    } catch (IOException e) {
                        // process gone
                    }
                    listening.complete(false);
                },
                "tcpdump-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!listening.get(30, TimeUnit.SECONDS)) {
                c.close();
                throw new IOException("tcpdump did not start: " + c.stderr());
            }
        } catch (Exception e) {
            c.close();
            throw e instanceof IOException
                    ? (IOException) e
                    : new IOException("tcpdump did not start: " + c.stderr(), e);
        }
        return c;
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /** Stops the capture (SIGINT: tcpdump writes what it has) and waits for it. */
    public void stop() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook does it
        }
        if (!process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
