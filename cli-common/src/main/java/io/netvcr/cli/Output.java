package io.netvcr.cli;

import io.netvcr.formats.io.AtomicFile;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A tool's output file, or stdout for "-". Files are written to a temporary name and only appear when
 * {@link #commit()} is called; closing without committing removes the partial file.
 */
public final class Output implements AutoCloseable {
    private final String name;
    private final AtomicFile file;
    private final WritableByteChannel channel;

    private Output(String name, AtomicFile file, WritableByteChannel channel) {
        this.name = name;
        this.file = file;
        this.channel = channel;
    }

    public static boolean isStdout(String path) {
        return "-".equals(path);
    }

    public static Output open(String path) throws IOException {
        if (isStdout(path)) {
            // A plain (non-File) channel: stdout is treated as a pipe even when redirected to a file, so writers never seek it.
            return new Output("<stdout>", null, java.nio.channels.Channels.newChannel(new FileOutputStream(FileDescriptor.out)));
        }
        AtomicFile f = AtomicFile.create(Path.of(path));
        try {
            return new Output(path, f, new NamedFileChannel(f.openChannel(), path));
        } catch (IOException e) {
            f.close();
            throw new AtomicFile.OutputException(Path.of(path), e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    public boolean isStdout() {
        return file == null;
    }

    /** A FileChannel for files (seekable), a plain channel for stdout. */
    public WritableByteChannel channel() {
        return channel;
    }

    public void commit() throws IOException {
        if (file != null) {
            channel.close();
            file.commit();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (file != null) {
                channel.close();
            }
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }
}
