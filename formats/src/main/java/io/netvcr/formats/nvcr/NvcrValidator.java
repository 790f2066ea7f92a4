package io.netvcr.formats.nvcr;

import static io.netvcr.formats.nvcr.NvcrLayout.*;

import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.TraceFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * Range checks of every record field a reader or the replayer acts on, so damage is exit 65 naming the file,
 * record and byte offset rather than a library's exception, a frame of 2 GB, or a wait of 146 years. Used at
 * three places: netvcr-prep checks each record it writes, readers of NetVCR input check each record they read,
 * and the replayer scans the whole file once at open ({@link #validate(Path)}). The per-record check reads a
 * handful of fields through the flyweight and allocates nothing unless it fails.
 *
 * <p>What is checked (FORMAT.md, "Record checks"):
 * <ul>
 * <li>every record: storedLength ≤ snapLength; wireLength ≥ storedLength and below 2^31; with
 *   HAS_PAYLOAD_REF, payloadOffset ≥ 0, payloadLength below 2^31 and their sum below 2^63;</li>
 * <li>prepared files (header flag PREPARED): the frame length (sendLength, or
 *   wireLength when 0) in 1..{@link FrameBuilder#MAX_FRAME}; sendOffsetNs ≥ 0, never smaller than the
 *   previous record's, and at most the header's scheduleDurationNs (when the header has one, else at most
 *   {@link #MAX_SCHEDULE_NS}); a TOPSPEED file's offsets are all 0;</li>
 * <li>prepared headers: scheduleDurationNs and loopPeriodNs in 0..{@link #MAX_SCHEDULE_NS}, and a non-zero
 *   loop period at least the schedule duration.</li>
 * </ul>
 */
public final class NvcrValidator {
    /**
     * Longest schedule (one pass) NetVCR prepares or replays: 2^58 ns, about 9.1 years. Far beyond any real
     * replay, and small enough that the replayer's deadline arithmetic (start + loops × period + offset)
     * cannot overflow for the first 32 passes; netvcr-prep refuses schedules that would exceed it.
     */
    public static final long MAX_SCHEDULE_NS = 1L << 58;

    private final String name;
    private final int snapLength;
    private final boolean prepared;
    private final boolean topspeed;
    private final long offsetLimit;
    private long previousOffset;

    /** A validator for the records of one file (or one output shard) with this header, in record order. */
    public NvcrValidator(String name, NvcrHeader header) {
        this.name = name;
        this.snapLength = header.snapLength;
        this.prepared = header.isPrepared();
        this.topspeed = (header.fileFlags & FILE_TOPSPEED) != 0;
        this.offsetLimit = header.scheduleDurationNs > 0 ? header.scheduleDurationNs : MAX_SCHEDULE_NS;
    }

    /** A header field holding a span of the schedule: 0 .. MAX_SCHEDULE_NS, or damage at its header offset. */
    private static void checkScheduleRange(String name, long fieldOffset, String what, long ns)
            throws TraceFormatException {
        if (ns < 0 || ns > MAX_SCHEDULE_NS) {
            throw new TraceFormatException(
                    name,
                    -1,
                    fieldOffset,
                    what + " " + ns + " ns is out of range (0.." + MAX_SCHEDULE_NS + " ns, " + years(MAX_SCHEDULE_NS)
                            + ")");
        }
    }

    /** The schedule fields of a prepared header; nothing for unprepared files. */
    public static void checkHeader(String name, NvcrHeader h) throws TraceFormatException {
        if (!h.isPrepared()) {
            return;
        }
        checkScheduleRange(name, H_SCHEDULE_DURATION, "schedule duration", h.scheduleDurationNs);
        checkScheduleRange(name, H_LOOP_PERIOD, "loop period", h.loopPeriodNs);
        if (h.loopPeriodNs != 0 && h.loopPeriodNs < h.scheduleDurationNs) {
            throw new TraceFormatException(
                    name,
                    -1,
                    H_LOOP_PERIOD,
                    "loop period " + h.loopPeriodNs + " ns is shorter than the schedule duration "
                            + h.scheduleDurationNs + " ns");
        }
    }

    /**
     * Checks record index (whose first byte is at byteOffset in the file the user named) and remembers its
     * send offset for the next call. Records must be checked in order.
     */
    public void check(NvcrRecord r, long index, long byteOffset) throws TraceFormatException {
        BytesStore<?, ?> s = r.store();
        long at = r.offset();
        // read raw: the flyweight's storedLength() is already capped at the record's room
        int stored = s.readUnsignedShort(at + R_STORED_LENGTH);
        if (stored > snapLength) {
            throw damage(
                    index,
                    byteOffset,
                    R_STORED_LENGTH,
                    "stored length " + stored + " exceeds the snap length " + snapLength);
        }
        int wire = r.wireLength();
        if (wire < stored) {
            throw damage(
                    index,
                    byteOffset,
                    R_WIRE_LENGTH,
                    "wire length " + Integer.toUnsignedString(wire)
                            + (wire < 0
                                    ? " is implausible (2^31 or more)"
                                    : " is less than the stored length " + stored));
        }
        int flags = r.flags();
        if ((flags & PacketFlags.HAS_PAYLOAD_REF) != 0) {
            long po = r.payloadOffset();
            int pl = r.payloadLength();
            if (po < 0 || pl < 0 || po > Long.MAX_VALUE - pl) {
                throw damage(
                        index,
                        byteOffset,
                        R_PAYLOAD_OFFSET,
                        "payload reference " + Long.toUnsignedString(po) + "+" + Integer.toUnsignedString(pl)
                                + " is out of range");
            }
        }
        if (!prepared) {
            return;
        }
        int send = r.sendLength();
        int n = send != 0 ? send : wire;
        if (n <= 0 || n > FrameBuilder.MAX_FRAME) {
            throw damage(
                    index,
                    byteOffset,
                    send != 0 ? R_SEND_LENGTH : R_WIRE_LENGTH,
                    (send != 0 ? "send length " : "wire length ") + Integer.toUnsignedString(n)
                            + " is out of range (1.." + FrameBuilder.MAX_FRAME + ")");
        }
        long offset = r.sendOffsetNs();
        if (offset < 0 || offset > offsetLimit || (topspeed && offset != 0)) {
            throw damage(
                    index,
                    byteOffset,
                    R_SEND_OFFSET,
                    "send offset " + offset + " ns is out of range (0.."
                            + (topspeed ? 0 : offsetLimit)
                            + (offsetLimit == MAX_SCHEDULE_NS || topspeed ? "" : ", the header's schedule duration")
                            + ")");
        }
        if (offset < previousOffset) {
            throw damage(
                    index,
                    byteOffset,
                    R_SEND_OFFSET,
                    "send offset " + offset + " ns is earlier than the previous record's " + previousOffset + " ns");
        }
        previousOffset = offset;
    }

    private TraceFormatException damage(long index, long recordOffset, int field, String problem) {
        return new TraceFormatException(
                name, index, recordOffset, problem + " (field at byte offset " + (recordOffset + field) + ")");
    }

    /** Checks the header and every record of an open file, in one sequential pass. */
    public static void validate(NvcrFile f) throws TraceFormatException {
        String name = f.path().toString();
        checkHeader(name, f.header());
        NvcrValidator v = new NvcrValidator(name, f.header());
        NvcrRecord r = new NvcrRecord();
        int len = f.recordLength();
        for (long i = 0, n = f.count(); i < n; i++) {
            v.check(f.record(i, r), i, NvcrLayout.recordOffset(i, len));
        }
    }

    /**
     * Checks the header and every record of a file in one sequential read through a 1 MiB buffer: what the
     * replayer runs before its first send. Read, not mapped, so the scan leaves nothing resident in the process
     * (the replayer's own windows keep its memory bounded; a whole-file mapping here would not).
     */
    public static void validate(Path path) throws IOException {
        String name = path.toString();
        NvcrHeader h = NvcrFile.readHeader(path);
        checkHeader(name, h);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long count = NvcrFile.countRecords(name, h, ch.size());
            int len = h.recordLength;
            int perBuffer = Math.max(1, SCAN_BYTES / len);
            byte[] buf = new byte[perBuffer * len];
            ByteBuffer view = ByteBuffer.wrap(buf);
            BytesStore<?, byte[]> store = BytesStore.wrap(buf);
            NvcrValidator v = new NvcrValidator(name, h);
            NvcrRecord r = new NvcrRecord();
            long i = 0;
            while (i < count) {
                int n = (int) Math.min(perBuffer, count - i);
                view.clear().limit(n * len);
                long pos = NvcrLayout.recordOffset(i, len);
                while (view.hasRemaining()) {
                    int got = ch.read(view, pos + view.position());
                    if (got < 0) {
                        throw new TraceFormatException(name, i, pos, "file shrank while being checked");
                    }
                }
                for (int k = 0; k < n; k++, i++) {
                    v.check(r.wrap(store, (long) k * len, len), i, NvcrLayout.recordOffset(i, len));
                }
            }
        }
    }

    private static final int SCAN_BYTES = 1 << 20;

    private static String years(long ns) {
        return String.format(Locale.ROOT, "%.1f years", ns / 1e9 / 86400 / 365.25);
    }
}
