package io.netvcr.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an output path really leads, decided before anything is written: symlinks are followed (a dangling
 * one too, so the file appears where the link points), and what is found there says how to write it. Only
 * a regular file (or nothing) is replaced by rename; a device, FIFO or socket is written through, because
 * renaming a temporary file over /dev/null breaks it for everyone.
 */
final class OutputTarget {
    /** How the output is written. */
    enum Kind {
        /** Nothing there yet, or a regular file: a temporary file beside it, renamed over it when complete. */
        REPLACE,
        /** A device or FIFO: opened and written in place, like stdout. */
        STREAM
    }

    /** Temporaries and commit backups: ".NAME.netvcr-tmp-PID-RANDOM", ".NAME.netvcr-old-PID-RANDOM". */
    static final String TEMP_TAG = ".netvcr-tmp-";

    static final String BACKUP_TAG = ".netvcr-old-";
    private static final Pattern LEFTOVER = Pattern.compile("\\.(.+)\\.netvcr-(?:tmp|old)-(\\d+)-[0-9a-z]+");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    final String name;
    final Path path;
    final Kind kind;
    /** The replaced file's mode, uid and gid, or -1 when there is none. */
    final int mode;

    final int uid;
    final int gid;

    private OutputTarget(String name, Path path, Kind kind, int mode, int uid, int gid) {
        this.name = name;
        this.path = path;
        this.kind = kind;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
    }

    static OutputTarget resolve(String name) throws IOException {
        Path p = real(name);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return new OutputTarget(name, p, Kind.REPLACE, -1, -1, -1);
        } catch (FileSystemException e) {
            throw new OutputException(name, reason(e));
        }
        if (a.isDirectory()) {
            throw new OutputException(name, "is a directory");
        }
        if (a.isRegularFile()) {
            return new OutputTarget(
                    name,
                    p,
                    Kind.REPLACE,
                    (Integer) Files.getAttribute(p, "unix:mode") & 07777,
                    (Integer) Files.getAttribute(p, "unix:uid"),
                    (Integer) Files.getAttribute(p, "unix:gid"));
        }
        if (((Integer) Files.getAttribute(p, "unix:mode") & S_IFMT) == S_IFSOCK) {
            throw new OutputException(name, "is a socket, which cannot be written as a file");
        }
        return new OutputTarget(name, p, Kind.STREAM, -1, -1, -1);
    }

    /** The absolute path the output lands on: links followed (dangling ones too), the directory made real. */
    static Path real(String name) throws IOException {
        Path p = Path.of(name).toAbsolutePath();
        for (int hops = 0; ; hops++) {
            Path dir = p.getParent();
            if (dir == null) {
                throw new OutputException(name, "is a directory");
            }
            if (!Files.isDirectory(dir)) {
                throw new OutputException(name, "directory does not exist: " + dir);
            }
            try {
                p = dir.toRealPath().resolve(p.getFileName());
            } catch (FileSystemException e) {
                throw new OutputException(name, reason(e));
            }
            if (!Files.isSymbolicLink(p)) {
                return p;
            }
            if (hops > 40) {
                throw new OutputException(name, "too many levels of symbolic links");
            }
            p = p.getParent().resolve(Files.readSymbolicLink(p));
        }
    }

    /** The file's identity (device and inode), following links; null when it does not exist. */
    static Object identity(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether two paths are the same file, existing (same device and inode) or to be created (same place). */
    static boolean same(Path a, Path b) {
        Object ka = identity(a);
        Object kb = identity(b);
        if (ka != null || kb != null) {
            return Objects.equals(ka, kb);
        }
        try {
            return real(a.toString()).equals(real(b.toString()));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes temporaries and backups of this output left by runs that were killed outright (SIGKILL, a CPU
     * limit): they carry the writer's PID, and one whose process is gone belongs to nobody.
     */
    void sweepLeftovers() {
        Path dir = path.getParent();
        String base = path.getFileName().toString();
        try (var s = Files.newDirectoryStream(dir, "." + globEscape(base) + ".netvcr-*")) {
            for (Path f : s) {
                Matcher m = LEFTOVER.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).equals(base) && !alive(Long.parseLong(m.group(2)))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // best effort: a leftover we cannot remove costs space, not correctness
        }
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isPresent();
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /** A temporary file name beside the target, tagged with our PID so a later run can tell it is abandoned. */
    Path sibling(String tag) {
        String r = Long.toUnsignedString(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36);
        return path.resolveSibling(
                "." + path.getFileName() + tag + ProcessHandle.current().pid() + "-" + r);
    }

    /** What went wrong with a file operation, in words, without the JDK's class names or our temporary paths. */
    static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String r = e.getReason();
        if (r != null && !r.isEmpty()) {
            return r.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + r.substring(1);
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        return e.getClass().getSimpleName();
    }

    static String reason(IOException e) {
        return e instanceof FileSystemException
                ? reason((FileSystemException) e)
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
