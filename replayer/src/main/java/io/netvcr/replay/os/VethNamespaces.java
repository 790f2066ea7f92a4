package io.netvcr.replay.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two private network namespaces joined by a veth pair: the only wire tests and netvcr demo ever send on.
 * IPv6 is switched off in both before the links come up, so nothing but replayed frames crosses the pair.
 * {@link #close()} deletes both namespaces (which deletes the pair) and is also run by a shutdown hook, so
 * they go away whatever happens.
 */
public final class VethNamespaces implements AutoCloseable {
    private final String nsA;
    private final String nsB;
    private final String ifA;
    private final String ifB;
    private final Thread hook;
    private final List<String> extraNamespaces = new ArrayList<>();
    private boolean closed;

    private VethNamespaces(String prefix) {
        long pid = ProcessHandle.current().pid();
        String id = prefix + "-" + pid + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        this.nsA = id + "-a";
        this.nsB = id + "-b";
        this.ifA = "nvcr" + Long.toHexString(System.nanoTime() & 0xfffff) + "a";
        this.ifB = ifA.substring(0, ifA.length() - 1) + "b";
        this.hook = new Thread(this::deleteQuietly, "netvcr-netns-cleanup");
    }

    /** Whether this process may make namespaces (root) and has the ip tool. */
    public static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name")) && !isUid0()) {
            return "not root: creating network namespaces and veth pairs needs root";
        }
        try {
            Process p = new ProcessBuilder("ip", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "the ip tool (iproute2) does not work here";
            }
        } catch (IOException | InterruptedException e) {
            return "the ip tool (iproute2) is not installed";
        }
        return null;
    }

    private static boolean isUid0() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    public static VethNamespaces create(String prefix) throws IOException {
        VethNamespaces v = new VethNamespaces(prefix);
        Runtime.getRuntime().addShutdownHook(v.hook);
        try {
            run("ip", "netns", "add", v.nsA);
            run("ip", "netns", "add", v.nsB);
            for (String ns : new String[] {v.nsA, v.nsB}) {
                run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
                run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
            }
            run("ip", "-n", v.nsA, "link", "add", v.ifA, "type", "veth", "peer", "name", v.ifB, "netns", v.nsB);
            run("ip", "-n", v.nsA, "link", "set", v.ifA, "up");
            run("ip", "-n", v.nsB, "link", "set", v.ifB, "up");
        } catch (IOException | RuntimeException e) {
            v.close();
            throw e;
        }
        return v;
    }

    public String namespaceA() {
        return nsA;
    }

    public String namespaceB() {
        return nsB;
    }

    /** The sending end, in namespace A. */
    public String interfaceA() {
        return ifA;
    }

    /** The receiving end, in namespace B. */
    public String interfaceB() {
        return ifB;
    }

    /** Another sender: its own namespace and veth pair whose receiving end is also in namespace B. */
    public record Peer(String namespace, String sendingInterface, String receivingInterface) {}

    /**
     * Adds a sender namespace with its own veth into namespace B (two hosts simulated on one machine); removed
     * with the others.
     */
    public synchronized Peer addSender() throws IOException {
        int k = extraNamespaces.size() + 1;
        String ns = nsA + k;
        String base = ifA.substring(0, ifA.length() - 1);
        Peer p = new Peer(ns, base + "s" + k, base + "r" + k);
        run("ip", "netns", "add", ns);
        extraNamespaces.add(ns);
        run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
        run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
        run(
                "ip",
                "-n",
                ns,
                "link",
                "add",
                p.sendingInterface(),
                "type",
                "veth",
                "peer",
                "name",
                p.receivingInterface(),
                "netns",
                nsB);
        run("ip", "-n", ns, "link", "set", p.sendingInterface(), "up");
        run("ip", "-n", nsB, "link", "set", p.receivingInterface(), "up");
        return p;
    }

    static void run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + ": interrupted");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out);
        }
    }

    private void deleteQuietly() {
        List<String> failures = new ArrayList<>();
        List<String> all = new ArrayList<>(extraNamespaces);
        all.add(nsA);
        all.add(nsB);
        for (String ns : all) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        deleteQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }
}
