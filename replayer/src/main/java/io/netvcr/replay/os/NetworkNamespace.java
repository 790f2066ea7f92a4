package io.netvcr.replay.os;

import io.netvcr.replay.ReplayException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Moves the calling thread into a named network namespace (as made by {@code ip netns add NAME}). Network
 * namespaces are per thread on Linux, so the sending thread can open its raw socket inside one while the rest
 * of the JVM stays where it is.
 */
public final class NetworkNamespace {
    private NetworkNamespace() {}

    public static void enter(String name) {
        Path p = name.contains("/") ? Path.of(name) : Path.of("/var/run/netns", name);
        if (!Files.exists(p)) {
            throw new ReplayException(
                    ReplayException.Kind.MISSING_INPUT,
                    "no network namespace " + name + " (" + p + " missing; see ip netns list)");
        }
        LinuxNative.LibC c = LinuxNative.require();
        jnr.posix.POSIX posix = Posix.get();
        int fd = posix.open(p.toString(), 0, 0);
        if (fd < 0) {
            throw new ReplayException(
                    ReplayException.Kind.NOT_PERMITTED,
                    "cannot open " + p + ": " + LinuxNative.describe(posix.errno()));
        }
        try {
            if (c.setns(fd, LinuxNative.CLONE_NEWNET) != 0) {
                int e = LinuxNative.errno();
                throw new ReplayException(
                        ReplayException.Kind.NOT_PERMITTED,
                        "cannot enter network namespace " + name + ": " + LinuxNative.describe(e)
                                + (e == LinuxNative.EPERM ? " (needs CAP_SYS_ADMIN)" : ""));
            }
        } finally {
            posix.close(fd);
        }
    }
}
