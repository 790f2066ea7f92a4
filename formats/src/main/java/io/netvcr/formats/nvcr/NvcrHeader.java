package io.netvcr.formats.nvcr;

import static io.netvcr.formats.nvcr.NvcrLayout.*;

import io.netvcr.formats.TraceFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** The decoded file header. Encoding computes the CRC; decoding checks magic, version, sizes and CRC. */
public final class NvcrHeader {
    public int versionMajor = VERSION_MAJOR;
    public int versionMinor = VERSION_MINOR;
    public int recordLength = DEFAULT_RECORD_LENGTH;
    public int snapLength = DEFAULT_SNAP;
    public long recordCount = COUNT_UNKNOWN;
    public long firstTimestampNs;
    public long lastTimestampNs;
    public int fileFlags;
    /** Link type shared by every record, or 0xFFFF when they differ. */
    public int linkType = NONE16;

    public int sourceFormat;
    public long naturalDurationNs;
    public long scheduleDurationNs;
    public long loopPeriodNs;
    public int scheduleMode = SCHEDULE_NONE;
    public int payloadMode = PAYLOAD_NONE;
    public double scheduleParam;
    public long maxGapNs;
    /** The payload sidecar's identity (see {@link PayloadSidecar}); 0 when there is none or it predates 1.1. */
    public long payloadSidecarId;

    public String toolVersion = "";
    public String sourceName = "";
    public String prepParameters = "";

    public boolean isPrepared() {
        return (fileFlags & FILE_PREPARED) != 0;
    }

    public boolean isStreamed() {
        return recordCount == COUNT_UNKNOWN;
    }

    public int maxStoredLength() {
        return recordLength - RECORD_HEADER_LENGTH;
    }

    public NvcrHeader copy() {
        ByteBuffer b = encode();
        try {
            return decode(b, "<copy>");
        } catch (TraceFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    public ByteBuffer encode() {
        if (recordLength % RECORD_ALIGN != 0
                || recordLength < RECORD_HEADER_LENGTH
                || recordLength > MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException(
                    "record length " + recordLength + " must be a multiple of 64 in 64.." + MAX_RECORD_LENGTH);
        }
        if (snapLength < 0 || snapLength > recordLength - RECORD_HEADER_LENGTH) {
            throw new IllegalArgumentException(
                    "snap length " + snapLength + " does not fit a " + recordLength + "-byte record");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put(H_MAGIC, MAGIC, 0, MAGIC.length);
        b.putShort(H_VERSION_MAJOR, (short) versionMajor);
        b.putShort(H_VERSION_MINOR, (short) versionMinor);
        b.putInt(H_HEADER_LENGTH, HEADER_LENGTH);
        b.putInt(H_RECORD_LENGTH, recordLength);
        b.putInt(H_SNAP_LENGTH, snapLength);
        b.putLong(H_RECORD_COUNT, recordCount);
        b.putLong(H_FIRST_TIMESTAMP, firstTimestampNs);
        b.putLong(H_LAST_TIMESTAMP, lastTimestampNs);
        b.putInt(H_FILE_FLAGS, fileFlags);
        b.putShort(H_LINK_TYPE, (short) linkType);
        b.putShort(H_SOURCE_FORMAT, (short) sourceFormat);
        b.putLong(H_NATURAL_DURATION, naturalDurationNs);
        b.putLong(H_SCHEDULE_DURATION, scheduleDurationNs);
        b.putLong(H_LOOP_PERIOD, loopPeriodNs);
        b.put(H_SCHEDULE_MODE, (byte) scheduleMode);
        b.put(H_PAYLOAD_MODE, (byte) payloadMode);
        b.putDouble(H_SCHEDULE_PARAM, scheduleParam);
        b.putLong(H_MAX_GAP, maxGapNs);
        b.putLong(H_PAYLOAD_SIDECAR_ID, payloadSidecarId);
        putText(b, H_TOOL_VERSION, H_TOOL_VERSION_LENGTH, toolVersion);
        putText(b, H_SOURCE_NAME, H_SOURCE_NAME_LENGTH, sourceName);
        putText(b, H_PREP_PARAMETERS, H_PREP_PARAMETERS_LENGTH, prepParameters);
        b.putInt(H_CRC, crc(b.array()));
        return b;
    }

    /** CRC-32C of the whole header with the CRC field itself taken as zero. */
    static int crc(byte[] header) {
        CRC32C c = new CRC32C();
        c.update(header, 0, H_CRC);
        c.update(new byte[4]);
        c.update(header, H_CRC + 4, HEADER_LENGTH - H_CRC - 4);
        return (int) c.getValue();
    }

    private static void putText(ByteBuffer b, int off, int len, String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(t.length, len - 1);
        b.put(off, t, 0, n);
    }

    private static String getText(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    public static boolean hasMagic(byte[] h, int n) {
        return n >= MAGIC.length && Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Decodes and validates a header; b holds at least the first HEADER_LENGTH bytes. */
    public static NvcrHeader decode(ByteBuffer src, String name) throws TraceFormatException {
        if (src.remaining() < HEADER_LENGTH) {
            throw new TraceFormatException(
                    name,
                    -1,
                    0,
                    "NetVCR header is cut off: " + HEADER_LENGTH + " bytes expected, " + src.remaining() + " present");
        }
        byte[] h = new byte[HEADER_LENGTH];
        src.duplicate().get(h);
        if (!hasMagic(h, h.length)) {
            throw new TraceFormatException(name, -1, 0, "not a NetVCR file (bad magic)");
        }
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        NvcrHeader r = new NvcrHeader();
        r.versionMajor = b.getShort(H_VERSION_MAJOR) & 0xffff;
        r.versionMinor = b.getShort(H_VERSION_MINOR) & 0xffff;
        if (r.versionMajor != VERSION_MAJOR) {
            throw new TraceFormatException(
                    name,
                    -1,
                    H_VERSION_MAJOR,
                    "unsupported NetVCR version " + r.versionMajor + "." + r.versionMinor + " (this build reads "
                            + VERSION_MAJOR + ".x)");
        }
        int stored = b.getInt(H_CRC);
        if (stored != crc(h)) {
            throw new TraceFormatException(name, -1, H_CRC, "NetVCR header is damaged (checksum mismatch)");
        }
        int headerLength = b.getInt(H_HEADER_LENGTH);
        if (headerLength != HEADER_LENGTH) {
            throw new TraceFormatException(
                    name, -1, H_HEADER_LENGTH, "header length " + headerLength + " is not " + HEADER_LENGTH);
        }
        r.recordLength = b.getInt(H_RECORD_LENGTH);
        if (r.recordLength % RECORD_ALIGN != 0
                || r.recordLength < RECORD_HEADER_LENGTH
                || r.recordLength > MAX_RECORD_LENGTH) {
            throw new TraceFormatException(
                    name, -1, H_RECORD_LENGTH, "record length " + r.recordLength + " is invalid");
        }
        r.snapLength = b.getInt(H_SNAP_LENGTH);
        if (r.snapLength < 0 || r.snapLength > r.recordLength - RECORD_HEADER_LENGTH) {
            throw new TraceFormatException(name, -1, H_SNAP_LENGTH, "snap length " + r.snapLength + " is invalid");
        }
        r.recordCount = b.getLong(H_RECORD_COUNT);
        if (r.recordCount < COUNT_UNKNOWN) {
            throw new TraceFormatException(name, -1, H_RECORD_COUNT, "record count " + r.recordCount + " is invalid");
        }
        r.firstTimestampNs = b.getLong(H_FIRST_TIMESTAMP);
        r.lastTimestampNs = b.getLong(H_LAST_TIMESTAMP);
        r.fileFlags = b.getInt(H_FILE_FLAGS);
        r.linkType = b.getShort(H_LINK_TYPE) & 0xffff;
        r.sourceFormat = b.getShort(H_SOURCE_FORMAT) & 0xffff;
        r.naturalDurationNs = b.getLong(H_NATURAL_DURATION);
        r.scheduleDurationNs = b.getLong(H_SCHEDULE_DURATION);
        r.loopPeriodNs = b.getLong(H_LOOP_PERIOD);
        r.scheduleMode = b.get(H_SCHEDULE_MODE) & 0xff;
        r.payloadMode = b.get(H_PAYLOAD_MODE) & 0xff;
        r.scheduleParam = b.getDouble(H_SCHEDULE_PARAM);
        r.maxGapNs = b.getLong(H_MAX_GAP);
        r.payloadSidecarId = b.getLong(H_PAYLOAD_SIDECAR_ID);
        r.toolVersion = getText(h, H_TOOL_VERSION, H_TOOL_VERSION_LENGTH);
        r.sourceName = getText(h, H_SOURCE_NAME, H_SOURCE_NAME_LENGTH);
        r.prepParameters = getText(h, H_PREP_PARAMETERS, H_PREP_PARAMETERS_LENGTH);
        return r;
    }
}
