package io.netvcr.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A tool's output: stdout for "-", a device or FIFO written in place, or a file written to a temporary name
 * beside it that only takes the file's name when its {@link OutputSet} commits. {@link #commit()} says this
 * output is complete; closing it without that abandons it (and, with it, the rest of its set).
 */
public final class Output implements AutoCloseable {
    private final String name;
    private final OutputTarget target;
    private final Path temp;
    private final FileChannel file;
    private final WritableByteChannel channel;
    private final OutputSet set;
    private boolean complete;
    private boolean closed;

    private Output(
            String name, OutputTarget target, Path temp, FileChannel file, WritableByteChannel channel, OutputSet set) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.file = file;
        this.channel = channel;
        this.set = set;
    }

    public static boolean isStdout(String path) {
        return "-".equals(path);
    }

    /** Opens path as a member of the innermost {@link OutputSet} begun, or on its own when there is none. */
    public static Output open(String path) throws IOException {
        return OutputSet.current().open(path);
    }

    static Output stdout(OutputSet set) {
        // A plain (non-File) channel: stdout is treated as a pipe even when redirected to a file, so writers never seek
        // it.
        return new Output(
                "<stdout>",
                null,
                null,
                null,
                new NamedChannel(Channels.newChannel(new FileOutputStream(FileDescriptor.out)), "<stdout>"),
                set);
    }

    static Output create(String path, OutputTarget t, OutputSet set) throws IOException {
        if (t.kind == OutputTarget.Kind.STREAM) {
            FileChannel ch;
            try {
                ch = FileChannel.open(t.path, StandardOpenOption.WRITE);
            } catch (FileSystemException e) {
                throw new OutputException(path, OutputTarget.reason(e));
            }
            return new Output(path, t, null, null, new NamedChannel(ch, path), set);
        }
        t.sweepLeftovers();
        Path temp = null;
        for (int attempt = 0; temp == null; attempt++) {
            Path p = t.sibling(OutputTarget.TEMP_TAG);
            try {
                // Not createTempFile: its 0600 would reach the user's file; createFile honours the umask.
                temp = Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new OutputException(path, "cannot create a file next to it");
                }
            } catch (FileSystemException e) {
                throw new OutputException(
                        path, OutputTarget.reason(e) + " (creating a file in " + t.path.getParent() + ")");
            }
        }
        set.track(temp);
        try {
            keepOwnerAndMode(t, temp);
            FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ);
            return new Output(path, t, temp, ch, new NamedFileChannel(ch, path), set);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            set.untrack(temp);
            throw new OutputException(path, OutputTarget.reason(e));
        }
    }

    /**
     * A replaced file keeps its mode (a 0600 output stays private) and, when we may (root), its owner and group.
     * The owner first: chown clears set-id bits, chmod then restores them.
     */
    private static void keepOwnerAndMode(OutputTarget t, Path temp) throws IOException {
        if (t.mode < 0) {
            return;
        }
        try {
            if ((Integer) Files.getAttribute(temp, "unix:uid") != t.uid) {
                Files.setAttribute(temp, "unix:uid", t.uid);
            }
            if ((Integer) Files.getAttribute(temp, "unix:gid") != t.gid) {
                Files.setAttribute(temp, "unix:gid", t.gid);
            }
        } catch (FileSystemException notPermitted) {
            // not root: the new file is ours, as any file we create
        }
        Files.setAttribute(temp, "unix:mode", t.mode);
    }

    /** The user's name for this output ("<stdout>" for "-"). */
    public String name() {
        return name;
    }

    /** True for a file being written (seekable: headers may be rewritten); false for stdout, devices and FIFOs. */
    public boolean seekable() {
        return file != null;
    }

    /** A FileChannel for files (seekable), a plain channel for stdout, devices and FIFOs. */
    public WritableByteChannel channel() {
        return channel;
    }

    OutputTarget target() {
        return target;
    }

    Path temp() {
        return temp;
    }

    boolean complete() {
        return complete;
    }

    /**
     * This output is complete: its bytes are flushed to disk and it joins its set's commit (on its own, it
     * takes its name now).
     */
    public void commit() throws IOException {
        if (complete) {
            return;
        }
        if (closed) {
            throw new IllegalStateException(name + " was closed before it was complete");
        }
        if (file != null) {
            file.force(true);
        }
        if (target != null) {
            channel.close();
        }
        complete = true;
        set.completed(this);
    }

    /** Closes the output; if it was not complete, it is abandoned with its whole set. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (target != null && channel.isOpen()) {
                channel.close();
            }
        } finally {
            if (!complete) {
                set.abandon(this);
            }
        }
    }

    /** A stream channel whose failures name the output (stdout, a device, a FIFO). */
    private static final class NamedChannel implements WritableByteChannel {
        private final WritableByteChannel ch;
        private final String name;

        NamedChannel(WritableByteChannel ch, String name) {
            this.ch = ch;
            this.name = name;
        }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            try {
                return ch.write(src);
            } catch (IOException e) {
                throw new IOException(name + ": cannot write: " + OutputTarget.reason(e), e);
            }
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
