package io.netvcr.replay.trace;

import io.netvcr.cli.OptionWord;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.OpenNvcrFile;
import io.netvcr.replay.os.HelperThreads;
import io.netvcr.replay.os.LinuxNative;
import io.netvcr.replay.os.Mechanisms;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.PointerBytesStore;
import net.openhft.chronicle.core.OS;

/**
 * Streams a prepared trace through a few mapped windows (Chronicle {@link OS#map}) so that resident memory stays
 * about three windows whatever the file size. Windows hold whole records; a window's mapping starts at the page
 * below its first record.
 *
 * <p>The windows the send loop will read form a sequence: window {@code start, start+1, ...} (wrapping to 0 when
 * the replay loops). Sequence number j lives in slot {@code j % 3}; at any time the slots hold the window behind
 * the current one (kept so that a batch whose send vectors still point into it stays valid), the current one and
 * the next. Two counters hand windows between the thread that maps and the sending thread, without a lock:
 * {@code published} (windows [0, published) of the sequence are mapped and resident; release store by the mapper)
 * and {@code released} (windows [0, released) are no longer read; release store by the sender). Slot fields are
 * plain; the counters order them.
 *
 * <p>Who maps ({@link Prefetch}):
 * <ul>
 * <li>{@code THREAD} (default): a helper thread maps ahead, makes the window resident ({@code MADV_POPULATE_READ}
 *     where the kernel has it, {@code MADV_WILLNEED}, then a read of every page from the helper itself;
 *     {@code mlock} with --mlock) and unmaps behind
 *     ({@code MADV_DONTNEED}, {@code munmap}). At a window boundary the sending thread reads one counter and moves
 *     on: no system call, no lock, no allocation. If the helper is behind, the sender waits (spins, then yields),
 *     counted as a stall; a stop request or a failed helper ends the wait and the sender maps for itself.</li>
 * <li>{@code INLINE}: the paper's double buffer: at each boundary the sending thread maps the next window
 *     ({@code MADV_SEQUENTIAL} + {@code MADV_WILLNEED}, no touching) and unmaps the one behind.</li>
 * <li>{@code NONE}: baseline, one window mapped on demand at its boundary with {@code MADV_RANDOM}.</li>
 * </ul>
 * Any other access (a jump: the warm-up's end, the last record's offset) restarts the sequence and waits for it.
 */
public final class TraceWindows extends OpenNvcrFile implements Closeable {
    public static final long DEFAULT_WINDOW_BYTES = 32L << 20;
    /** Windows kept mapped behind the current one. */
    static final int BEHIND = 1;

    private static final int SLOTS = 3;
    /** MADV_POPULATE_READ (Linux 5.14): prefault the range in one call. */
    private static final int MADV_POPULATE_READ = 22;

    private static final int PAGE = 4096;

    /** Who maps the next window (--prefetch). */
    public enum Prefetch implements OptionWord {
        THREAD,
        INLINE,
        NONE
    }

    private final FileChannel channel;
    private final int recordLength;
    private final long recordsPerWindow;
    private final long windowCount;
    private final boolean cyclic;
    private final boolean lock;
    private final Mechanisms mechanisms;
    private final LinuxNative.LibC libc = LinuxNative.libc();
    /** The mode in use; THREAD becomes INLINE if the helper fails or a stop ends a stall. */
    private Prefetch mode;

    // Slots: written by whoever maps (helper or sender), read by the sender after an acquire of `published`.
    private final PointerBytesStore[] stores = new PointerBytesStore[SLOTS];
    private final long[] slotAddress = new long[SLOTS];
    private final long[] slotLength = new long[SLOTS];
    private final long[] slotBase = new long[SLOTS];
    private final long[] slotFirst = new long[SLOTS];
    private final long[] slotEnd = new long[SLOTS];
    private final boolean[] slotMapped = new boolean[SLOTS];

    // Hand-over between the mapping thread and the sender.
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong released = new AtomicLong();
    private final AtomicLong requestedGen = new AtomicLong();
    private final AtomicLong servedGen = new AtomicLong();
    /** Window at sequence 0 of the requested generation; written before requestedGen's release store. */
    private long requestedStart;

    // Mapper-owned (the helper thread, or the sender in INLINE/NONE mode and after a take-over).
    private long mapStart;
    private long mappedUpTo;
    private long unmapped;
    private volatile long mapCount;
    private volatile boolean lockFailureReported;
    private volatile boolean closing;
    private volatile Throwable mapperFailure;
    private volatile long mapperDelayNs;
    private Thread mapper;
    /** Keeps touched pages' reads alive. */
    private volatile int touchSink;

    private final boolean kernelReads;
    /** {@link #kernelRead}'s target (a memory file, -1 until first used) and its vector of one byte per page. */
    private int kernelReadFd = -1;

    private BytesStore<?, Void> kernelReadVector;

    // Sender-owned.
    private long start;
    private long seq = -1;
    private int slot;
    private long currentFirst;
    private long currentEnd;
    private long nextWindow = -1;
    private long publishedSeen;
    private BooleanSupplier stopWaiting = () -> false;
    private long switches;
    private long stalls;
    private long stallNs;

    /**
     * @param windowBytes target window size (rounded to whole records, at least one); Long.MAX_VALUE with
     *                    lock=true is --preload
     * @param cyclic      the replay loops: the window after the last is the first, prefetched likewise
     * @param lock        mlock every mapped window
     */
    public TraceWindows(Path path, long windowBytes, boolean cyclic, boolean lock, Mechanisms mechanisms)
            throws IOException {
        this(path, windowBytes, cyclic, lock, Prefetch.THREAD, mechanisms);
    }

    /** prefetch false is {@link Prefetch#NONE}, true {@link Prefetch#THREAD}. */
    public TraceWindows(
            Path path, long windowBytes, boolean cyclic, boolean lock, boolean prefetch, Mechanisms mechanisms)
            throws IOException {
        this(path, windowBytes, cyclic, lock, prefetch ? Prefetch.THREAD : Prefetch.NONE, mechanisms);
    }

    public TraceWindows(
            Path path, long windowBytes, boolean cyclic, boolean lock, Prefetch prefetch, Mechanisms mechanisms)
            throws IOException {
        this(path, windowBytes, cyclic, lock, prefetch, false, mechanisms);
    }

    /**
     * @param kernelReads the sink hands the kernel pointers into the windows (zero-copy sends): with
     *                    {@link Prefetch#THREAD} the helper also has the kernel read every page once ({@link
     *                    #kernelRead})
     */
    public TraceWindows(
            Path path,
            long windowBytes,
            boolean cyclic,
            boolean lock,
            Prefetch prefetch,
            boolean kernelReads,
            Mechanisms mechanisms)
            throws IOException {
        super(path);
        this.kernelReads = kernelReads && prefetch == Prefetch.THREAD && libc != null;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.recordLength = header.recordLength;
        this.recordsPerWindow = Math.max(1, Math.min(count, windowBytes / recordLength));
        this.windowCount = count == 0 ? 0 : (count + recordsPerWindow - 1) / recordsPerWindow;
        this.cyclic = cyclic;
        this.lock = lock;
        this.mode = prefetch;
        this.mechanisms = mechanisms;
        for (int i = 0; i < SLOTS; i++) {
            stores[i] = BytesStore.nativePointer();
        }
        if (prefetch == Prefetch.THREAD && windowCount > 0) {
            // Starts on window 0 at once: the first window is usually resident before the sender asks for it.
            mapper = new Thread(this::mapperLoop, "netvcr-windows");
            mapper.setDaemon(true);
            mapper.start();
        }
    }

    /**
     * Whether record {@code i} no longer lies wholly in the file: read through the descriptor the replay opened,
     * so a rename over the path does not count, only a truncation of the file being replayed.
     */
    public boolean endsBefore(long i) {
        try {
            return channel.size() < NvcrLayout.recordOffset(i + 1, recordLength);
        } catch (IOException e) {
            return false;
        }
    }

    public long windowCount() {
        return windowCount;
    }

    public long windowBytes() {
        return recordsPerWindow * recordLength;
    }

    /** Records per window (the last one may hold fewer): window boundaries fall at its multiples. */
    public long recordsPerWindow() {
        return recordsPerWindow;
    }

    /** Whether the helper has the kernel read every page too ({@link #kernelRead}). */
    public boolean kernelReads() {
        return kernelReads;
    }

    /** The prefetch mode in force (THREAD falls back to INLINE if its helper failed or a stop ended a stall). */
    public Prefetch prefetch() {
        return mode;
    }

    /** Mappings made so far (the first window, prefetches and any jumps), by whichever thread maps. */
    public long mapCount() {
        return mapCount;
    }

    /** Sequential moves from one window to the next. */
    public long switches() {
        return switches;
    }

    /** Switches that had to wait for the helper thread (it was behind). */
    public long stalls() {
        return stalls;
    }

    /** Time the sender spent waiting in those stalls. */
    public long stallNs() {
        return stallNs;
    }

    /** Zeroes the switch and stall counters (after the warm-up, so they describe the replay). */
    public void resetCounters() {
        switches = 0;
        stalls = 0;
        stallNs = 0;
    }

    /** A waiting sender gives up waiting for the helper (and maps for itself) once this is true. */
    public void stopWaitingWhen(BooleanSupplier stop) {
        this.stopWaiting = stop;
    }

    /** Tests: the helper thread (null in other modes or after a take-over). */
    Thread helperForTest() {
        return mapper;
    }

    /** Tests: the helper sleeps this long before each mapping, to make it fall behind. */
    void slowMapperForTest(long ns) {
        this.mapperDelayNs = ns;
    }

    /**
     * Points the flyweight at record i. Sequential access (the send loop) moves to the next window of the
     * sequence, prepared ahead; a jump anywhere else restarts the sequence there and waits for its first window.
     */
    public NvcrRecord record(long i, NvcrRecord flyweight) throws IOException {
        if (i < currentFirst || i >= currentEnd) {
            long w = i / recordsPerWindow;
            if (w == nextWindow) {
                advance();
            } else {
                jump(w);
            }
        }
        int c = slot;
        return flyweight.wrap(stores[c], NvcrLayout.recordOffset(i, recordLength) - slotBase[c], recordLength);
    }

    /** Makes the window holding record i current and waits until it is ready: before the clock starts. */
    public void prepareFrom(long i) throws IOException {
        if (count > 0 && (i < currentFirst || i >= currentEnd)) {
            jump(i / recordsPerWindow);
        }
    }

    private long windowOf(long startWindow, long s) {
        return cyclic ? (startWindow + s) % windowCount : startWindow + s;
    }

    /** Windows in a sequence from startWindow: endless when the replay loops over several windows. */
    private long sequenceLength(long startWindow) {
        if (cyclic && windowCount > 1) {
            return Long.MAX_VALUE;
        }
        return windowCount - startWindow;
    }

    private void advance() throws IOException {
        long s = seq + 1;
        if (mode != Prefetch.THREAD) {
            released.setRelease(Math.max(0, s - BEHIND));
            mapSteps(mode == Prefetch.INLINE ? s + 2 : s + 1);
        } else if (publishedSeen <= s && (publishedSeen = published.getAcquire()) <= s) {
            stall(s);
        }
        enter(s);
        if (mode == Prefetch.THREAD) {
            released.setRelease(Math.max(0, s - BEHIND));
        }
        switches++;
    }

    /** The helper is behind: wait for window s (spin, then yield), or map it here if waiting must end. */
    private void stall(long s) throws IOException {
        long t0 = System.nanoTime();
        stalls++;
        Thread m = mapper;
        if (m != null) {
            LockSupport.unpark(m); // it may be idling between polls; this wait is off the fast path already
        }
        int spins = 0;
        while ((publishedSeen = published.getAcquire()) <= s) {
            if (mapperFailure != null || stopWaiting.getAsBoolean() || closing) {
                takeOver();
                mapSteps(s + 2);
                break;
            }
            if (++spins < 2_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        stallNs += System.nanoTime() - t0;
    }

    /** Stops the helper; from here the sender maps inline (the helper failed, or a stop is waiting). */
    private void takeOver() throws IOException {
        if (mapper == null) {
            mode = Prefetch.INLINE;
            return;
        }
        closing = true;
        LockSupport.unpark(mapper);
        boolean interrupted = false;
        while (mapper.isAlive()) {
            try {
                mapper.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        mapper = null;
        mode = Prefetch.INLINE;
        closing = false;
        if (servedGen.get() != requestedGen.get()) {
            restart(requestedStart);
            servedGen.set(requestedGen.get());
        }
    }

    private void jump(long w) throws IOException {
        if (mode == Prefetch.THREAD) {
            long gen = requestedGen.get();
            if (seq >= 0 || w != requestedStart) {
                // Not the sequence the helper started with at construction: restart it at w.
                released.setRelease(0);
                requestedStart = w;
                gen++;
                requestedGen.setRelease(gen);
                LockSupport.unpark(mapper);
            }
            int spins = 0;
            while (servedGen.getAcquire() != gen || published.getAcquire() < 1) {
                if (mapperFailure != null || closing) {
                    takeOver();
                    mapSteps(2);
                    break;
                }
                if (++spins < 2_000) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(20_000);
                }
            }
        } else {
            restart(w);
            released.setRelease(0);
            mapSteps(mode == Prefetch.INLINE ? 2 : 1);
        }
        publishedSeen = published.getAcquire();
        start = w;
        enter(0);
    }

    private void enter(long s) {
        seq = s;
        int c = (int) (s % SLOTS);
        slot = c;
        currentFirst = slotFirst[c];
        currentEnd = slotEnd[c];
        nextWindow = s + 1 < sequenceLength(start) ? windowOf(start, s + 1) : -1;
    }

    // ---- mapping side (helper thread, or the sender inline) ----

    private void mapperLoop() {
        long idleNs = 50_000;
        long served = 0;
        HelperThreads.helperStarted();
        long releasedSeen = -1;
        long releasedAtNs = 0;
        long windowNs = 0;
        try {
            while (!closing) {
                long gen = requestedGen.getAcquire();
                if (gen != served) {
                    restart(requestedStart);
                    served = gen;
                    servedGen.setRelease(gen);
                    releasedSeen = -1;
                    windowNs = 0;
                }
                long rel = released.getAcquire();
                if (rel != releasedSeen) {
                    long now = System.nanoTime();
                    if (releasedSeen > 0 && rel == releasedSeen + 1) {
                        windowNs = now - releasedAtNs; // how long the sender spends in one window
                    }
                    releasedSeen = rel;
                    releasedAtNs = now;
                }
                if (mapSteps(Long.MAX_VALUE, 1)) {
                    idleNs = 50_000;
                } else if (mappedUpTo >= sequenceLength(mapStart)) {
                    // Every window of the sequence is mapped: nothing to do until a jump or close, which unpark.
                    // Polling here woke the helper 500 times a second on the sending CPU of another shard.
                    LockSupport.park(this);
                } else {
                    // Polls, 50 us doubling to 2 ms, or to 1/8 of a window's time when windows last longer: the
                    // sender never wakes it on the fast path (a system call), and the next window must be mapped
                    // within the current one's time.
                    LockSupport.parkNanos(idleNs);
                    idleNs = Math.min(idleCapNs(windowNs), idleNs * 2);
                }
            }
        } catch (Throwable t) {
            mapperFailure = t;
        } finally {
            HelperThreads.helperEnded();
        }
    }

    /** Longest poll of an idle helper: 2 ms, up to 50 ms when the sender spends over 16 ms in a window. */
    static long idleCapNs(long windowNs) {
        return Math.max(2_000_000L, Math.min(50_000_000L, windowNs / 8));
    }

    /**
     * Waits (before the clock starts) until the helper has mapped every window it may map ahead of the current
     * one, so the first switches of the replay find their windows resident and the helper is idle at the start:
     * on a machine where every CPU runs a shard's sender, helper work at the start delays a sender. Returns at
     * once in other modes, or when the helper failed or a stop is waiting (the sender then maps for itself).
     */
    public void awaitMappedAhead() {
        if (mode != Prefetch.THREAD || seq < 0) {
            return;
        }
        long want = Math.min(Math.max(0, seq - BEHIND) + SLOTS, sequenceLength(start)); // the mapper's own limit
        while (published.getAcquire() < want
                && mapperFailure == null
                && !closing
                && !stopWaiting.getAsBoolean()
                && mapper != null
                && mapper.isAlive()) {
            LockSupport.parkNanos(100_000);
        }
        publishedSeen = published.getAcquire();
    }

    /** Unmaps everything and starts a new sequence at window w. */
    private void restart(long w) throws IOException {
        for (int i = 0; i < SLOTS; i++) {
            unmap(i);
        }
        mapStart = w;
        mappedUpTo = 0;
        unmapped = 0;
        published.setRelease(0);
    }

    private void mapSteps(long target) throws IOException {
        mapSteps(target, Integer.MAX_VALUE);
    }

    /** Unmaps what the sender released, then maps up to `target` (at most `max` windows); true if it did work. */
    private boolean mapSteps(long target, int max) throws IOException {
        boolean worked = false;
        long rel = released.getAcquire();
        while (unmapped < rel && unmapped < mappedUpTo) {
            unmap((int) (unmapped % SLOTS));
            unmapped++;
            worked = true;
        }
        long limit = Math.min(Math.min(target, unmapped + SLOTS), sequenceLength(mapStart));
        int n = 0;
        while (mappedUpTo < limit && n < max && !closing) {
            long delay = mapperDelayNs;
            if (delay > 0 && mode == Prefetch.THREAD) {
                long until = System.nanoTime() + delay; // an unpark must not shorten it; closing does
                for (long left = delay; left > 0 && !closing; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            }
            map((int) (mappedUpTo % SLOTS), windowOf(mapStart, mappedUpTo));
            mappedUpTo++;
            published.setRelease(mappedUpTo);
            n++;
            worked = true;
        }
        return worked;
    }

    private void map(int s, long w) throws IOException {
        unmap(s);
        long f = w * recordsPerWindow;
        long e = Math.min(count, f + recordsPerWindow);
        long startOffset = NvcrLayout.recordOffset(f, recordLength);
        long mapAt = startOffset / OS.pageSize() * OS.pageSize();
        long len = NvcrLayout.recordOffset(e, recordLength) - mapAt;
        long a = OS.map(channel, FileChannel.MapMode.READ_ONLY, mapAt, len);
        mapCount++;
        slotMapped[s] = true;
        slotAddress[s] = a;
        slotLength[s] = len;
        slotBase[s] = mapAt;
        slotFirst[s] = f;
        slotEnd[s] = e;
        stores[s].set(a, len);
        if (libc != null) {
            long aligned = OS.pageAlign(len);
            if (mode == Prefetch.NONE) {
                libc.madvise(a, aligned, LinuxNative.MADV_RANDOM);
            } else {
                libc.madvise(a, aligned, LinuxNative.MADV_SEQUENTIAL);
                libc.madvise(a, aligned, LinuxNative.MADV_WILLNEED);
            }
            if (lock && libc.mlock(a, len) != 0 && !lockFailureReported) {
                lockFailureReported = true;
                mechanisms.refused(
                        "mlock of trace windows",
                        LinuxNative.describe(LinuxNative.errno()) + " - needs CAP_IPC_LOCK or a larger "
                                + io.netvcr.replay.os.Posix.memlockLimit());
            }
            if (mode == Prefetch.THREAD) {
                libc.madvise(a, aligned, MADV_POPULATE_READ);
            }
        }
        if (mode == Prefetch.THREAD) {
            touch(a, len);
            if (kernelReads) {
                kernelRead(a, len);
            }
        }
    }

    private static final int KERNEL_READ_PAGES = 1024; // IOV_MAX

    /**
     * Has the kernel read one byte of every page (pwritev of those bytes into a memory file), for sinks whose
     * send calls the kernel copies frames from the windows with. On this VM the kernel's first read of a user
     * page costs about 1.2 us more than its second, even after user space read it (docs/LINUX-NOTES.md
     * #page-cache-and-mapped-traces); paid here, on the helper, not inside the sending thread's send calls.
     */
    private void kernelRead(long a, long len) {
        if (kernelReadFd < 0) {
            kernelReadFd = libc.memfd_create("netvcr-kernel-read", 0);
            if (kernelReadFd < 0) {
                return;
            }
            kernelReadVector = BytesStore.nativeStoreWithFixedCapacity(16L * KERNEL_READ_PAGES);
        }
        long v = kernelReadVector.addressForWrite(0);
        for (long off = 0; off < len && !closing; ) {
            int n = 0;
            for (; n < KERNEL_READ_PAGES && off < len; n++, off += PAGE) {
                kernelReadVector.writeLong(16L * n, a + off);
                kernelReadVector.writeLong(16L * n + 8, 1);
            }
            libc.pwritev(kernelReadFd, v, n, 0);
        }
    }

    /**
     * Reads one byte per page from this (helper) thread, so the window is resident before the sender reaches it;
     * even after MADV_POPULATE_READ, since a virtual machine may still charge each page's first read from user
     * space: 0.8-2.7 us a page on the 2-vCPU VM (docs/LINUX-NOTES.md#page-cache-and-mapped-traces), which the
     * sending thread paid at every 21st record of 192 bytes before the helper read them too.
     */
    private void touch(long a, long len) {
        int sum = 0;
        for (long off = 0; off < len && !closing; off += PAGE) {
            sum += OS.memory().readByte(a + off);
        }
        touchSink = sum;
    }

    private void unmap(int s) throws IOException {
        if (!slotMapped[s]) {
            return;
        }
        slotMapped[s] = false;
        if (libc != null) {
            libc.madvise(slotAddress[s], OS.pageAlign(slotLength[s]), LinuxNative.MADV_DONTNEED);
        }
        OS.unmap(slotAddress[s], slotLength[s]);
    }

    @Override
    public void close() throws IOException {
        try {
            Thread m = mapper;
            if (m != null) {
                closing = true;
                LockSupport.unpark(m);
                try {
                    m.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (m == null || !m.isAlive()) {
                for (int i = 0; i < SLOTS; i++) {
                    unmap(i);
                }
                if (kernelReadFd >= 0) {
                    libc.close(kernelReadFd);
                    kernelReadFd = -1;
                    kernelReadVector.releaseLast();
                }
            }
            currentFirst = 0;
            currentEnd = 0;
            nextWindow = -1;
        } finally {
            channel.close();
        }
    }
}
