package io.netvcr.formats.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs mounted on a fresh directory for one test (root only: the test is skipped otherwise), so device
 * nodes, FIFOs and a file system that fills up ({@code size=}) or runs out of inodes ({@code nr_inodes=}) are
 * real and private. Unmounted and removed on close.
 */
public final class PrivateTmpfs implements AutoCloseable {
    private final Path dir;

    private PrivateTmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs with these mount options ("size=64k", "nr_inodes=8"; none for the default). */
    public static PrivateTmpfs mount(String... options) throws IOException, InterruptedException {
        assumeRoot();
        Path d = Files.createTempDirectory("netvcr-tmpfs-");
        List<String> cmd = new ArrayList<>(List.of("mount", "-t", "tmpfs"));
        if (options.length > 0) {
            cmd.add("-o");
            cmd.add(String.join(",", options));
        }
        cmd.add("netvcr-test");
        cmd.add(d.toString());
        if (run(cmd) != 0) {
            Files.deleteIfExists(d);
            Prerequisites.missing("cannot mount a tmpfs here");
        }
        return new PrivateTmpfs(d);
    }

    public static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public static void assumeRoot() {
        Prerequisites.require(isRoot(), "needs root (mount, mknod)");
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** A character device node (major, minor), e.g. 1,3 for a private /dev/null or 1,7 for /dev/full. */
    public Path charDevice(String name, int major, int minor) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        if (run(List.of("mknod", p.toString(), "c", Integer.toString(major), Integer.toString(minor))) != 0) {
            throw new IOException("mknod " + p + " failed");
        }
        return p;
    }

    public Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        if (run(List.of("mkfifo", p.toString())) != 0) {
            throw new IOException("mkfifo " + p + " failed");
        }
        return p;
    }

    /** "c", "p", "-", "l"... : the type letter ls would show, without following links. */
    public static String type(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        switch (mode & 0170000) {
            case 0020000:
                return "c";
            case 0060000:
                return "b";
            case 0010000:
                return "p";
            case 0140000:
                return "s";
            case 0120000:
                return "l";
            case 0040000:
                return "d";
            default:
                return "-";
        }
    }

    private static int run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (run(List.of("umount", dir.toString())) != 0) {
            run(List.of("umount", "-l", dir.toString()));
        }
        Files.deleteIfExists(dir);
    }
}
