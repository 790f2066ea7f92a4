package io.netvcr.formats.nvcr;

import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.TraceFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The full-payload sidecar of a NetVCR file ({@code netvcr-convert --keep-payload}): "X.nvcr.payload" holds,
 * back to back, the whole captured bytes of every packet longer than the record's stored bytes. Such a
 * record has {@link PacketFlags#HAS_PAYLOAD_REF} and points at its bytes with payloadOffset/payloadLength;
 * the file header has {@link NvcrLayout#FILE_PAYLOAD_SIDECAR}. The sidecar has no header of its own.
 */
public final class PayloadSidecar {
    public static final String SUFFIX = ".payload";

    private PayloadSidecar() {
    }

    public static String nameFor(String nvcrPath) {
        return nvcrPath + SUFFIX;
    }

    /** Appends packets to a NetVCR writer, sending the bytes its records cannot hold to the sidecar. */
    public static final class Writer {
        private final WritableByteChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        private long position;

        public Writer(WritableByteChannel channel) {
            this.channel = channel;
        }

        public void append(NvcrWriter w, Packet p) throws IOException {
            NvcrRecord r = w.fill(p);
            int n = p.capturedLength();
            if (n > w.header().snapLength) {
                r.payloadOffset(position).payloadLength(n).flags(r.flags() | PacketFlags.HAS_PAYLOAD_REF);
                write(p.data(), n);
            }
            w.commitRecord();
        }

        private void write(byte[] b, int n) throws IOException {
            int off = 0;
            while (off < n) {
                if (!buffer.hasRemaining()) {
                    flush();
                }
                int k = Math.min(buffer.remaining(), n - off);
                buffer.put(b, off, k);
                off += k;
            }
            position += n;
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        public void finish() throws IOException {
            flush();
        }
    }

    /** Random access to a sidecar's packets. */
    public static final class Reader implements Closeable {
        private final String name;
        private final FileChannel channel;
        private final long size;

        public Reader(Path path) throws IOException {
            if (!path.toFile().exists()) {
                throw new NoSuchFileException(path.toString(), null, "payload sidecar missing (written by netvcr-convert --keep-payload)");
            }
            this.name = path.toString();
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.size = channel.size();
        }

        /** Replaces p's bytes by the record's full payload (record index for error messages). */
        public void read(NvcrRecord r, long index, Packet p) throws IOException {
            long off = r.payloadOffset();
            int len = r.payloadLength();
            if (off < 0 || len < 0 || off + len > size) {
                throw new TraceFormatException(name, index, off, "payload reference " + off + "+" + len
                    + " lies beyond the sidecar's " + size + " bytes");
            }
            ByteBuffer b = ByteBuffer.wrap(p.prepare(len), 0, len);
            long at = off;
            while (b.hasRemaining()) {
                int k = channel.read(b, at);
                if (k < 0) {
                    throw new TraceFormatException(name, index, off, "payload sidecar ends early");
                }
                at += k;
            }
            p.wireLength = Math.max(p.wireLength, len);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
