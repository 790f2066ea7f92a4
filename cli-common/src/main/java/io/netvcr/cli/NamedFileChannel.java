package io.netvcr.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * An output file's channel whose failures name the output: the JDK reports a full disk as a bare "No space
 * left on device", which tells the user nothing about which file. Still a FileChannel, so writers that
 * seek (NetVCR's header) keep working.
 */
final class NamedFileChannel extends FileChannel {
    private final FileChannel ch;
    private final String name;

    NamedFileChannel(FileChannel ch, String name) {
        this.ch = ch;
        this.name = name;
    }

    /** A call on the wrapped channel that writes, or may fail because a write failed. */
    private interface WriteCall<T> {
        T run() throws IOException;
    }

    /** The one place that names the output in a failure; write-side calls go through it. */
    private <T> T naming(WriteCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (IOException e) {
            throw new IOException(name + ": cannot write: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return ch.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return ch.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return ch.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return naming(() -> ch.write(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return naming(() -> ch.write(srcs, offset, length));
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return naming(() -> ch.write(src, position));
    }

    @Override
    public long position() throws IOException {
        return ch.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        ch.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return ch.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        naming(() -> ch.truncate(size));
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        naming(() -> {
            ch.force(metaData);
            return null;
        });
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return ch.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return naming(() -> ch.transferFrom(src, position, count));
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return ch.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return ch.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return ch.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        naming(() -> {
            ch.close();
            return null;
        });
    }
}
