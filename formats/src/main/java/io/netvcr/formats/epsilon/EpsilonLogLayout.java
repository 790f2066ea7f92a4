package io.netvcr.formats.epsilon;

/**
 * The replayer's per-packet send-time log ({@code netvcr-replay --epsilon-log FILE}), version 1.0, all
 * little-endian. Written by the replayer from a preallocated buffer, read by {@link EpsilonLogReader} (for
 * netvcr-analyze and plots).
 *
 * <pre>
 * header (64 bytes):
 *   0  magic "NVEPSLOG"           8 bytes
 *   8  version major (1)          u16
 *  10  version minor (0)          u16
 *  12  header length (64)         u32
 *  16  record length (24)         u32
 *  20  reserved                   u32
 *  24  start, monotonic ns        i64   replay time origin T0 on CLOCK_MONOTONIC
 *  32  start, wall clock ns       i64   T0 as nanoseconds since the Unix epoch
 *  40  reserved (zero)            24 bytes
 * record i (24 bytes), at 64 + 24 * i:
 *   0  packet index               i64   0-based, counting on across --loop passes
 *   8  deadline, ns after T0      i64   when the packet was due
 *  16  actual, ns after T0        i64   clock read just before the send call
 * </pre>
 * The send-time error is ε = actual − deadline (the reader derives it). A file cut short by a crash loses
 * only its incomplete last record.
 */
public final class EpsilonLogLayout {
    public static final byte[] MAGIC = {'N', 'V', 'E', 'P', 'S', 'L', 'O', 'G'};
    public static final int VERSION_MAJOR = 1;
    public static final int VERSION_MINOR = 0;
    public static final int HEADER_LENGTH = 64;
    public static final int RECORD_LENGTH = 24;
    public static final int H_VERSION_MAJOR = 8;
    public static final int H_VERSION_MINOR = 10;
    public static final int H_HEADER_LENGTH = 12;
    public static final int H_RECORD_LENGTH = 16;
    public static final int H_START_MONOTONIC = 24;
    public static final int H_START_REALTIME = 32;
    public static final int R_INDEX = 0;
    public static final int R_DEADLINE = 8;
    public static final int R_ACTUAL = 16;

    private EpsilonLogLayout() {
    }
}
