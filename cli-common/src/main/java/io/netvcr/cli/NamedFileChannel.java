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

    private IOException named(IOException e) {
        return new IOException(name + ": cannot write: " + e.getMessage(), e);
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
        try {
            return ch.write(src);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        try {
            return ch.write(srcs, offset, length);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        try {
            return ch.write(src, position);
        } catch (IOException e) {
            throw named(e);
        }
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
        ch.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        try {
            ch.force(metaData);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return ch.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        try {
            return ch.transferFrom(src, position, count);
        } catch (IOException e) {
            throw named(e);
        }
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
        try {
            ch.close();
        } catch (IOException e) {
            throw named(e);
        }
    }
}
