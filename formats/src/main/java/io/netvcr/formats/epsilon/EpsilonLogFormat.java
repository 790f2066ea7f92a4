package io.netvcr.formats.epsilon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The replayer's per-packet ε log ({@code --epsilon-log}), specified in formats/FORMAT.md ("The ε log"): a
 * 16-byte header (magic, then a record count, -1 while unknown) and fixed little-endian records. Version 1 has
 * one send time per packet, version 2 the clock before and after the send call. The replayer writes version 2;
 * {@link EpsilonLogReader} reads both. These primitives are the only place the byte layout is written down in
 * code, so the replayer's writer thread and netvcr-analyze cannot drift apart.
 */
public final class EpsilonLogFormat {
    public static final byte[] MAGIC_V1 = "NVCREPS1".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] MAGIC_V2 = "NVCREPS2".getBytes(StandardCharsets.US_ASCII);
    public static final int HEADER_LENGTH = 16;
    /** Where the int64 record count sits in the header (patched on close when the output is seekable). */
    public static final int COUNT_OFFSET = 8;

    public static final int RECORD_LENGTH_V1 = 32;
    public static final int RECORD_LENGTH_V2 = 40;
    public static final long COUNT_UNKNOWN = -1;
    /**
     * The replayer's {@code --read-log} shares the header and is read as version {@link #READ_LOG}: 24-byte
     * records (index, startNs, readNs), the time taken to obtain each record (formats/FORMAT.md, "The read log").
     */
    public static final byte[] MAGIC_READ_LOG = "NVCRRDL1".getBytes(StandardCharsets.US_ASCII);

    public static final int READ_LOG = 3;
    public static final int RECORD_LENGTH_READ_LOG = 24;

    private EpsilonLogFormat() {}

    public static byte[] magic(int version) {
        recordLength(version);
        return version == 1 ? MAGIC_V1 : version == 2 ? MAGIC_V2 : MAGIC_READ_LOG;
    }

    public static int recordLength(int version) {
        if (version < 1 || version > READ_LOG) {
            throw new IllegalArgumentException("epsilon log version " + version + " (1, 2 and 3, the read log, exist)");
        }
        return version == 1 ? RECORD_LENGTH_V1 : version == 2 ? RECORD_LENGTH_V2 : RECORD_LENGTH_READ_LOG;
    }

    /** Puts the header at b's position; b must be little-endian. */
    public static void putHeader(ByteBuffer b, int version, long count) {
        recordLength(version);
        b.put(magic(version)).putLong(count);
    }

    /** The header as bytes, for stream writers. */
    public static byte[] header(int version, long count) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        putHeader(b, version, count);
        return b.array();
    }

    /** Puts one version-2 record at b's position (little-endian b); epsilonNs is whichever side ε was taken at. */
    public static void putRecordV2(
            ByteBuffer b, long index, long deadlineNs, long callNs, long returnNs, long epsilonNs) {
        b.putLong(index).putLong(deadlineNs).putLong(callNs).putLong(returnNs).putLong(epsilonNs);
    }

    /** Puts one version-1 record at b's position (little-endian b). */
    public static void putRecordV1(ByteBuffer b, long index, long deadlineNs, long actualNs, long epsilonNs) {
        b.putLong(index).putLong(deadlineNs).putLong(actualNs).putLong(epsilonNs);
    }
}
