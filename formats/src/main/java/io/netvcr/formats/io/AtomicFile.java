package io.netvcr.formats.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An output that appears under its name only when complete: written to a hidden temporary file in the same
 * directory and renamed at {@link #commit()}. Anything not committed is deleted on {@link #close()} and, if
 * the JVM is stopped by a signal, by a shutdown hook, so a failed run never leaves a half file behind.
 */
public final class AtomicFile implements AutoCloseable {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }
        }, "netvcr-tempfile-cleanup"));
    }

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the temporary file; errors here mean the output cannot be created (exit 73). */
    public static AtomicFile create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new OutputException(target, "directory does not exist: " + dir);
        }
        if (Files.isDirectory(abs)) {
            throw new OutputException(target, "is a directory");
        }
        Path temp;
        try {
            temp = createTemp(dir == null ? Path.of(".") : dir, abs.getFileName().toString());
        } catch (IOException e) {
            throw new OutputException(target, "cannot create a file next to it (" + e.getMessage() + ")");
        }
        PENDING.add(temp);
        return new AtomicFile(target, temp);
    }

    /**
     * Not Files.createTempFile: that makes the file 0600, and the rename would hand the user an output
     * nobody else may read. createFile honours the umask like any other tool's output.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve("." + name + "." + Long.toUnsignedString(random.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    public Path temp() {
        return temp;
    }

    public Path target() {
        return target;
    }

    public FileChannel openChannel() throws IOException {
        return FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Moves the finished file into place (atomically where the file system allows). */
    public void commit() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        PENDING.remove(temp);
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
            PENDING.remove(temp);
        }
    }

    /** The output could not be created (sysexits 73). */
    public static final class OutputException extends IOException {
        private static final long serialVersionUID = 1L;

        public OutputException(Path target, String problem) {
            super(target + ": cannot create output: " + problem);
        }
    }
}
