package io.netvcr.replay.trace;

import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.core.OS;

/**
 * Streams a prepared trace through two mapped windows (Chronicle {@link OS#map}): while the records of window
 * k are sent, window k+1 is already mapped and prefetched ({@code MADV_SEQUENTIAL}, {@code MADV_WILLNEED}),
 * and window k-1 has been dropped ({@code MADV_DONTNEED}, unmapped). Resident memory is therefore about two
 * windows whatever the file size. Everything happens in the caller's (sending) thread at window boundaries:
 * no lock, no background unmapping, and the two {@link PointerBytesStore}s are re-pointed rather than
 * reallocated, so crossing a window allocates nothing on the Java heap.
 *
 * <p>Windows hold whole records; a window's mapping starts at the page below its first record.
 */
public final class TraceWindows implements Closeable {
    public static final long DEFAULT_WINDOW_BYTES = 32L << 20;

    private final Path path;
    private final NvcrHeader header;
    private final FileChannel channel;
    private final long count;
    private final int recordLength;
    private final long recordsPerWindow;
    private final long windowCount;
    private final boolean cyclic;
    private final boolean lock;
    private final boolean prefetch;
    private final Mechanisms mechanisms;
    private final LinuxNative.LibC libc = LinuxNative.libc();
    private final PointerBytesStore[] stores = {BytesStore.nativePointer(), BytesStore.nativePointer()};
    private final long[] window = {-1, -1};
    private final long[] address = new long[2];
    private final long[] length = new long[2];
    private final long[] base = new long[2];
    private final long[] first = new long[2];
    private final long[] end = new long[2];
    private int current;
    private long currentFirst = 0;
    private long currentEnd = 0;
    private long mapCount;
    private boolean lockFailureReported;

    /**
     * @param windowBytes target window size (rounded to whole records, at least one); Long.MAX_VALUE with
     *                    lock=true is --preload
     * @param cyclic      the replay loops: the window after the last is the first, prefetched likewise
     * @param lock        mlock every mapped window
     */
    public TraceWindows(Path path, long windowBytes, boolean cyclic, boolean lock, Mechanisms mechanisms) throws IOException {
        this(path, windowBytes, cyclic, lock, true, mechanisms);
    }

    /**
     * @param prefetch false for the "no prefetch" baseline (--no-prefetch): only the current window is mapped,
     *                 on demand, with MADV_RANDOM so that not even the kernel's fault readahead helps
     */
    public TraceWindows(Path path, long windowBytes, boolean cyclic, boolean lock, boolean prefetch, Mechanisms mechanisms)
        throws IOException {
        this.path = path;
        this.header = NvcrFile.readHeader(path);
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.recordLength = header.recordLength;
        long size = channel.size();
        long present = (size - NvcrLayout.HEADER_LENGTH) / recordLength;
        if (header.recordCount == NvcrLayout.COUNT_UNKNOWN) {
            this.count = present;
        } else if (present < header.recordCount) {
            channel.close();
            throw new TraceFormatException(path.toString(), present, NvcrLayout.recordOffset(present, recordLength),
                "file is truncated: header promises " + header.recordCount + " records, " + present + " whole records present");
        } else {
            this.count = header.recordCount;
        }
        this.recordsPerWindow = Math.max(1, Math.min(count, windowBytes / recordLength));
        this.windowCount = count == 0 ? 0 : (count + recordsPerWindow - 1) / recordsPerWindow;
        this.cyclic = cyclic;
        this.lock = lock;
        this.prefetch = prefetch;
        this.mechanisms = mechanisms;
    }

    public Path path() {
        return path;
    }

    public NvcrHeader header() {
        return header;
    }

    public long count() {
        return count;
    }

    public long windowCount() {
        return windowCount;
    }

    public long windowBytes() {
        return recordsPerWindow * recordLength;
    }

    /** Mappings made so far (the first window, prefetches and any random jumps). */
    public long mapCount() {
        return mapCount;
    }

    /**
     * Points the flyweight at record i. Sequential access (the send loop) crosses into the prefetched window;
     * a jump anywhere else maps the window it needs.
     */
    public NvcrRecord record(long i, NvcrRecord flyweight) throws IOException {
        if (i < currentFirst || i >= currentEnd) {
            moveTo(i / recordsPerWindow);
        }
        int c = current;
        return flyweight.wrap(stores[c], NvcrLayout.recordOffset(i, recordLength) - base[c], recordLength);
    }

    private void moveTo(long w) throws IOException {
        int other = 1 - current;
        if (window[other] == w) {
            current = other;
        } else if (window[current] != w) {
            map(current, w);
        }
        currentFirst = first[current];
        currentEnd = end[current];
        long next = !prefetch ? -1 : w + 1 < windowCount ? w + 1 : (cyclic && windowCount > 1 ? 0 : -1);
        int spare = 1 - current;
        if (window[spare] != next) {
            release(spare);
            if (next >= 0) {
                map(spare, next);
            }
        }
    }

    private void map(int slot, long w) throws IOException {
        release(slot);
        long f = w * recordsPerWindow;
        long e = Math.min(count, f + recordsPerWindow);
        long start = NvcrLayout.recordOffset(f, recordLength);
        long mapStart = start / OS.pageSize() * OS.pageSize();
        long len = NvcrLayout.recordOffset(e, recordLength) - mapStart;
        long a = OS.map(channel, FileChannel.MapMode.READ_ONLY, mapStart, len);
        mapCount++;
        window[slot] = w;
        address[slot] = a;
        length[slot] = len;
        base[slot] = mapStart;
        first[slot] = f;
        end[slot] = e;
        stores[slot].set(a, len);
        if (libc != null) {
            if (prefetch) {
                libc.madvise(a, OS.pageAlign(len), LinuxNative.MADV_SEQUENTIAL);
                libc.madvise(a, OS.pageAlign(len), LinuxNative.MADV_WILLNEED);
            } else {
                libc.madvise(a, OS.pageAlign(len), LinuxNative.MADV_RANDOM);
            }
            if (lock && libc.mlock(a, len) != 0 && !lockFailureReported) {
                lockFailureReported = true;
                mechanisms.refused("mlock of trace windows", LinuxNative.describe(LinuxNative.errno())
                    + " - needs CAP_IPC_LOCK or a larger RLIMIT_MEMLOCK (ulimit -l)");
            }
        }
    }

    private void release(int slot) throws IOException {
        if (window[slot] < 0) {
            return;
        }
        if (libc != null) {
            libc.madvise(address[slot], OS.pageAlign(length[slot]), LinuxNative.MADV_DONTNEED);
        }
        OS.unmap(address[slot], length[slot]);
        window[slot] = -1;
        if (slot == current) {
            currentFirst = 0;
            currentEnd = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            release(0);
            release(1);
        } finally {
            channel.close();
        }
    }
}
