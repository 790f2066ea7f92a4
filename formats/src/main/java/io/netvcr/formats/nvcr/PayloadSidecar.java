package io.netvcr.formats.nvcr;

import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The full-payload sidecar of a NetVCR file ({@code netvcr-convert --keep-payload}): "X.nvcr.payload" holds,
 * back to back, the whole captured bytes of every packet longer than the record's stored bytes. Such a
 * record has {@link PacketFlags#HAS_PAYLOAD_REF} and points at its bytes with payloadOffset/payloadLength;
 * the file header has {@link NvcrLayout#FILE_PAYLOAD_SIDECAR}.
 *
 * <p>Since format 1.1 the sidecar starts with a 32-byte header (FORMAT.md): magic, a random 64-bit identity
 * that the .nvcr header also records, the payload byte count and their CRC-32C, so a sidecar from another
 * conversion, a cut-off one or a damaged one is reported instead of sending wrong bytes. Payload offsets
 * count from the start of the file, header included. A 1.0 sidecar (identity 0 in the .nvcr) has no header.
 */
public final class PayloadSidecar {
    public static final String SUFFIX = ".payload";
    public static final byte[] MAGIC = "NVCRPAY1".getBytes(StandardCharsets.US_ASCII);
    public static final int HEADER_LENGTH = 32;
    static final int S_ID = 8;
    static final int S_PAYLOAD_BYTES = 16;
    static final int S_CRC = 24;
    /** Made at the first new sidecar: a SecureRandom loads the security providers, and every OutputSet names a sidecar. */
    private static final class Ids {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private PayloadSidecar() {}

    public static String nameFor(String nvcrPath) {
        return nvcrPath + SUFFIX;
    }

    /** A fresh identity for a new sidecar (never 0, which means "none"). */
    public static long newId() {
        long id;
        do {
            id = Ids.RANDOM.nextLong();
        } while (id == 0);
        return id;
    }

    /** The sidecar of a NetVCR input, when it has one and it can be found (not for stdin). */
    public static boolean present(TraceReader reader, String inputName) {
        return reader instanceof NvcrStreamReader
                && inputName != null
                && !inputName.equals("-")
                && !inputName.startsWith("<")
                && (((NvcrStreamReader) reader).header().fileFlags & NvcrLayout.FILE_PAYLOAD_SIDECAR) != 0;
    }

    /**
     * A NetVCR input with a sidecar, read as whole packets: each referenced payload replaces the stored bytes
     * and the reference is dropped (a writer makes its own). The sidecar's CRC is checked when the input ends.
     * Other readers are returned as they are. Closing the result closes the sidecar, not the reader.
     */
    public static TraceReader resolving(TraceReader reader, String inputName) throws IOException {
        if (!present(reader, inputName)) {
            return reader;
        }
        NvcrStreamReader nvcr = (NvcrStreamReader) reader;
        Reader sidecar = new Reader(Path.of(nameFor(inputName)), nvcr.header().payloadSidecarId);
        return new TraceReader() {
            @Override
            public boolean next(Packet p) throws IOException {
                if (!nvcr.next(p)) {
                    sidecar.verify();
                    return false;
                }
                if ((p.flags & PacketFlags.HAS_PAYLOAD_REF) != 0) {
                    sidecar.read(nvcr.record(), nvcr.recordIndex(), p);
                    p.flags &= ~(PacketFlags.HAS_PAYLOAD_REF | PacketFlags.TRUNCATED);
                    if (p.capturedLength() < p.wireLength) {
                        p.flags |= PacketFlags.TRUNCATED;
                    }
                }
                return true;
            }

            @Override
            public long recordIndex() {
                return nvcr.recordIndex();
            }

            @Override
            public long byteOffset() {
                return nvcr.byteOffset();
            }

            @Override
            public String formatName() {
                return nvcr.formatName();
            }

            @Override
            public int linkType() {
                return nvcr.linkType();
            }

            /** Closes the sidecar only: the NetVCR reader belongs to whoever opened it. */
            @Override
            public void close() throws IOException {
                sidecar.close();
            }
        };
    }

    /** Appends packets to a NetVCR writer, sending the bytes its records cannot hold to the sidecar. */
    public static final class Writer {
        private final WritableByteChannel channel;
        private final long id;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        private final CRC32C crc = new CRC32C();
        private long position = HEADER_LENGTH;

        /** Writes the sidecar header with this identity; record it in the .nvcr header too. */
        public Writer(WritableByteChannel channel, long id) throws IOException {
            this.channel = channel;
            this.id = id;
            buffer.put(header(-1, 0));
        }

        private ByteBuffer header(long payloadBytes, int crc32c) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC)
                    .putLong(S_ID, id)
                    .putLong(S_PAYLOAD_BYTES, payloadBytes)
                    .putInt(S_CRC, crc32c);
            return h.clear();
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
            crc.update(b, 0, n);
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

        /** Flushes, and on a seekable file completes the header with the byte count and CRC. */
        public void finish() throws IOException {
            flush();
            if (channel instanceof FileChannel) {
                ByteBuffer h = header(position - HEADER_LENGTH, (int) crc.getValue());
                ((FileChannel) channel).write(h, 0);
            }
        }
    }

    /** Random access to a sidecar's packets, checked against the identity the .nvcr header records. */
    public static final class Reader implements Closeable {
        private final String name;
        private final FileChannel channel;
        private final long size;
        /** Where payloads start: after the header, or 0 in a 1.0 sidecar. */
        private final long base;
        /** The header's byte count and CRC, or -1 when not known (1.0, or written to a stream). */
        private final long payloadBytes;

        private final int expectedCrc;
        private final CRC32C crc = new CRC32C();
        /** Payload bytes before this offset have gone through crc (reads mostly come in file order). */
        private long crcPosition;

        /** Opens path; expectedId is the .nvcr header's payloadSidecarId (0: a 1.0 sidecar, not checked). */
        public Reader(Path path, long expectedId) throws IOException {
            this.name = path.toString();
            if (!Files.exists(path)) {
                throw new NoSuchFileException(
                        name, null, "payload sidecar missing (written by netvcr-convert --keep-payload)");
            }
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            try {
                this.size = channel.size();
                if (expectedId == 0) {
                    base = 0;
                    payloadBytes = -1;
                    expectedCrc = 0;
                } else {
                    ByteBuffer h = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
                    while (h.hasRemaining() && channel.read(h, h.position()) > 0) {
                        // read the whole header
                    }
                    if (h.hasRemaining() || !Arrays.equals(h.array(), 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                        throw new TraceFormatException(
                                name, -1, 0, "not a NetVCR payload sidecar (bad magic or cut off)");
                    }
                    long id = h.getLong(S_ID);
                    if (id != expectedId) {
                        throw new TraceFormatException(
                                name,
                                -1,
                                S_ID,
                                String.format(
                                        "payload sidecar does not belong to its .nvcr (identity %016x, the .nvcr expects %016x): "
                                                + "it was replaced by another conversion's",
                                        id, expectedId));
                    }
                    base = HEADER_LENGTH;
                    payloadBytes = h.getLong(S_PAYLOAD_BYTES);
                    expectedCrc = h.getInt(S_CRC);
                    if (payloadBytes >= 0 && size != HEADER_LENGTH + payloadBytes) {
                        throw new TraceFormatException(
                                name,
                                -1,
                                S_PAYLOAD_BYTES,
                                "payload sidecar has " + (size - HEADER_LENGTH) + " payload bytes, its header says "
                                        + payloadBytes + " (cut off or appended to)");
                    }
                }
                crcPosition = base;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        /** A 1.0 sidecar (no header, no identity). */
        public Reader(Path path) throws IOException {
            this(path, 0);
        }

        /** Replaces p's bytes by the record's full payload (record index for error messages). */
        public void read(NvcrRecord r, long index, Packet p) throws IOException {
            long off = r.payloadOffset();
            int len = r.payloadLength();
            if (off < base || len < 0 || off + len > size) {
                throw new TraceFormatException(
                        name,
                        index,
                        off,
                        "payload reference " + off + "+" + len + " lies outside the sidecar's payload bytes " + base
                                + ".." + size);
            }
            if (len < r.storedLength()) {
                // What netvcr-convert --keep-payload from a NetVCR input wrote before sidecars were copied: an
                // empty reference that would send the packet as zeros.
                throw new TraceFormatException(
                        name,
                        index,
                        off,
                        "payload reference of " + len + " bytes is shorter than " + "the record's " + r.storedLength()
                                + " stored bytes: convert again from the original trace");
            }
            byte[] data = p.prepare(len);
            ByteBuffer b = ByteBuffer.wrap(data, 0, len);
            long at = off;
            while (b.hasRemaining()) {
                int k = channel.read(b, at);
                if (k < 0) {
                    throw new TraceFormatException(name, index, off, "payload sidecar ends early");
                }
                at += k;
            }
            if (off == crcPosition) {
                crc.update(data, 0, len);
                crcPosition += len;
            }
            p.wireLength = Math.max(p.wireLength, len);
        }

        /**
         * Checks the CRC-32C the header records over all payload bytes (reading only what {@link #read} has not
         * already passed in order); damage is a TraceFormatException naming the sidecar.
         */
        public void verify() throws IOException {
            if (payloadBytes < 0) {
                return;
            }
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (crcPosition < size) {
                b.clear().limit((int) Math.min(b.capacity(), size - crcPosition));
                int k = channel.read(b, crcPosition);
                if (k <= 0) {
                    break;
                }
                crc.update(b.array(), 0, k);
                crcPosition += k;
            }
            if ((int) crc.getValue() != expectedCrc) {
                throw new TraceFormatException(
                        name,
                        -1,
                        S_CRC,
                        "payload sidecar is damaged (CRC-32C of its payload bytes " + "does not match its header)");
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
