package io.netvcr.formats.nvcr;

import static io.netvcr.formats.nvcr.NvcrLayout.*;

import io.netvcr.formats.TraceFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.MappedBytes;

/**
 * A whole NetVCR file mapped read-only through Chronicle Bytes, for random access: record i is
 * {@link #record(long, NvcrRecord)} in O(1). Suits tools and tests; the replayer streams large files
 * through windows of its own instead.
 */
public final class NvcrFile extends OpenNvcrFile implements Closeable {
    private final MappedBytes mapped;
    private final BytesStore<?, ?> store;

    private NvcrFile(Path path) throws IOException {
        super(path);
        long mapSize = NvcrLayout.recordOffset(count, header.recordLength);
        this.mapped = MappedBytes.singleMappedBytes(path.toFile(), Math.max(mapSize, HEADER_LENGTH), true);
        this.store = mapped.bytesStore();
    }

    public static NvcrFile open(Path path) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("NetVCR files are little-endian and this build maps them natively; "
                    + "a big-endian host is not supported");
        }
        if (!path.toFile().exists()) {
            throw new NoSuchFileException(path.toString());
        }
        return new NvcrFile(path);
    }

    public static NvcrHeader readHeader(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // keep reading
            }
            b.flip();
            return NvcrHeader.decode(b, path.toString());
        }
    }

    /**
     * Records actually present: the header's count for a completed file, else what the size holds. A
     * partial record at the end, or fewer records than the header promises, is damage. Shared by every reader
     * that maps a NetVCR file (this class, the validator, the replayer's windows), so they agree on the count.
     */
    public static long countRecords(String name, NvcrHeader h, long size) throws TraceFormatException {
        long body = size - HEADER_LENGTH;
        long whole = body / h.recordLength;
        long partial = body % h.recordLength;
        if (h.recordCount == COUNT_UNKNOWN) {
            if (partial != 0) {
                throw new TraceFormatException(
                        name,
                        whole,
                        NvcrLayout.recordOffset(whole, h.recordLength),
                        "last record is cut off: " + partial + " of " + h.recordLength + " bytes present");
            }
            return whole;
        }
        if (whole < h.recordCount) {
            throw new TraceFormatException(
                    name,
                    whole,
                    NvcrLayout.recordOffset(whole, h.recordLength),
                    "file is truncated: header promises " + h.recordCount + " records, " + whole
                            + " whole records present");
        }
        return h.recordCount;
    }

    public int recordLength() {
        return header.recordLength;
    }

    public BytesStore<?, ?> store() {
        return store;
    }

    /** Points the flyweight at record i. */
    public NvcrRecord record(long i, NvcrRecord flyweight) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("record " + i + " of " + count);
        }
        return flyweight.wrap(store, NvcrLayout.recordOffset(i, header.recordLength), header.recordLength);
    }

    @Override
    public void close() {
        if (mapped != null) {
            // Releasing the single-mapped bytes (and with them the mapped file) leaves the store, and so the
            // mapping, with one reference (Chronicle 2.25): without dropping it every open leaks a mapping
            // (fuzzing NvcrFile opens hit vm.max_map_count after ~65,000 files).
            mapped.releaseLast();
            if (store.refCount() == 1) {
                store.releaseLast();
            }
        }
    }
}
