package io.netvcr.formats.pcapng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceReader;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.testing.ExternalTools;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pcapng timestamps are unsigned 64-bit tick counts. Ticks of 2^63 and more used to go through a signed
 * multiply and come out as times in 1969; now every tick count either converts exactly or is refused as
 * damage naming the block.
 */
class PcapngTimestampRangeTest {
    private static final long MAX_U64 = -1L;

    @TempDir
    Path dir;

    /** if_tsresol byte (0x80 bit = binary) and tick counts near 2^64 that fit 63-bit ns at that resolution. */
    private static final Object[][] REPRESENTABLE = {
        {0x0c, MAX_U64}, // 10^-12: 2^64 ps is 213 days after 1970
        {0x0c, MAX_U64 - 999},
        {0x0a, MAX_U64}, // 10^-10
        {0x0b, 1L << 63}, // 10^-11, exactly 2^63 ticks
        {0x12, MAX_U64}, // 10^-18: 18 seconds
        {0xa0, MAX_U64}, // 2^-32: 2106-02-07, the last second of 32.32
        {0xa0, 0xfffffffe_00000003L}, // 2^-32: 0.698 ns, rounded up to 1
        {0x9e, (5L << 30) | 3}, // 2^-30: 2.79 ns, rounded up to 3
        {0xa8, MAX_U64}, // 2^-40
        {0xbf, MAX_U64}, // 2^-63
        {0x09, Long.MAX_VALUE}, // 10^-9: the largest tick count that fits, year 2262
    };

    @Test
    void shouldConvertTicksNearTwoToTheSixtyFourExactly() throws IOException {
        for (Object[] c : REPRESENTABLE) {
            int tsresol = (int) c[0];
            long ticks = (long) c[1];
            long ns = readOne(pcapng(tsresol, ticks));
            assertThat(ns)
                    .as("tsresol 0x%02x ticks %s", tsresol, Long.toUnsignedString(ticks))
                    .isEqualTo(exactNs(tsresol, ticks))
                    .isNotNegative();
        }
    }

    @Test
    void shouldRefuseTicksWhoseTimeDoesNotFitSixtyThreeBitNanosecondsInsteadOfWrappingTo1969() {
        Object[][] tooLarge = {
            {0x09, 1L << 63}, // 10^-9: 2^63 ns, one past the largest
            {0x09, MAX_U64},
            {0x06, MAX_U64}, // µs, the default resolution
            {0x06, Long.MAX_VALUE / 100},
            {0x00, MAX_U64}, // whole seconds
            {0x80, MAX_U64}, // 2^0, binary seconds
            {0x9e, MAX_U64}, // 2^-30: 2^34 s is past 2262
        };
        for (Object[] c : tooLarge) {
            int tsresol = (int) c[0];
            long ticks = (long) c[1];
            assertThatThrownBy(() -> readOne(pcapng(tsresol, ticks)))
                    .as("tsresol 0x%02x ticks %s", tsresol, Long.toUnsignedString(ticks))
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessage("t.pcapng: record 0 at byte offset 56: timestamp " + Long.toUnsignedString(ticks)
                            + " does not fit in 64-bit nanoseconds");
        }
    }

    @Test
    void shouldAgreeWithTsharkOnEveryRepresentableTimestamp() throws IOException {
        ExternalTools.require("tshark");
        for (Object[] c : REPRESENTABLE) {
            int tsresol = (int) c[0];
            long ticks = (long) c[1];
            if ((tsresol & 0x80) != 0 ? (tsresol & 0x7f) > 32 : tsresol > 10) {
                // Not comparable: Wireshark 3.x/4.x scales a decimal remainder by 10^9 in 64 bits, which wraps
                // from 10^-11 on (2^64-1 ps shows as .018369319 s instead of .073709551 s), and converts binary
                // fractions finer than 2^-32 through a double. Those cases are checked against BigInteger above.
                continue;
            }
            Path f = dir.resolve("t" + Integer.toHexString(tsresol) + "-" + Long.toUnsignedString(ticks) + ".pcapng");
            Files.write(f, pcapng(tsresol, ticks));
            List<String> shark = ExternalTools.tsharkFields(f, List.of(), "frame.time_epoch");
            assertThat(shark).hasSize(1);
            BigDecimal sharkNs = new BigDecimal(shark.get(0).trim()).movePointRight(9);
            // tshark 4.0 truncates binary fractions where we round to the nearest ns (FORMAT.md): at most 1 ns
            // apart, and exactly by what rounding adds.
            long roundingUp = (tsresol & 0x80) != 0 ? exactNs(tsresol, ticks) - truncatedNs(tsresol, ticks) : 0;
            assertThat(sharkNs.longValueExact() + roundingUp)
                    .as("tshark, tsresol 0x%02x ticks %s", tsresol, Long.toUnsignedString(ticks))
                    .isEqualTo(readOne(pcapng(tsresol, ticks)));
        }
    }

    /** The time in ns, from BigInteger arithmetic: truncated for decimal, rounded half up for binary. */
    private static long exactNs(int tsresol, long ticks) {
        BigInteger t = new BigInteger(Long.toUnsignedString(ticks));
        int r = tsresol & 0x7f;
        BigDecimal seconds = (tsresol & 0x80) != 0
                ? new BigDecimal(t).divide(new BigDecimal(BigInteger.ONE.shiftLeft(r)))
                : new BigDecimal(t).movePointLeft(r);
        RoundingMode mode = (tsresol & 0x80) != 0 ? RoundingMode.HALF_UP : RoundingMode.DOWN;
        return seconds.movePointRight(9).setScale(0, mode).longValueExact();
    }

    private static long truncatedNs(int tsresol, long ticks) {
        BigInteger t = new BigInteger(Long.toUnsignedString(ticks));
        return new BigDecimal(t)
                .divide(new BigDecimal(BigInteger.ONE.shiftLeft(tsresol & 0x7f)))
                .movePointRight(9)
                .setScale(0, RoundingMode.DOWN)
                .longValueExact();
    }

    private static long readOne(byte[] bytes) throws IOException {
        try (TraceReader r = new PcapngFormat()
                .open(new TraceSource(
                        "t.pcapng", new BufferedInputStream(new ByteArrayInputStream(bytes)), new ReaderOptions()))) {
            Packet p = new Packet();
            assertThat(r.next(p)).isTrue();
            assertThat(r.next(new Packet())).isFalse();
            return p.timestampNs;
        }
    }

    /** SHB, an Ethernet IDB with if_tsresol, one EPB of a 60-byte frame at the given ticks. */
    static byte[] pcapng(int tsresol, long ticks) {
        ByteBuffer b = ByteBuffer.allocate(28 + 28 + 32 + 60).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0a0d0d0a)
                .putInt(28)
                .putInt(0x1a2b3c4d)
                .putShort((short) 1)
                .putShort((short) 0)
                .putLong(-1)
                .putInt(28);
        // IDB: linktype, reserved, snaplen, option if_tsresol (code 9, length 1, padded), end of options
        b.putInt(1).putInt(28).putShort((short) 1).putShort((short) 0).putInt(65535);
        b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        b.putInt(28);
        b.putInt(6)
                .putInt(32 + 60)
                .putInt(0)
                .putInt((int) (ticks >>> 32))
                .putInt((int) ticks)
                .putInt(60)
                .putInt(60);
        byte[] frame = new byte[60];
        frame[0] = 0x02;
        frame[6] = 0x02;
        frame[12] = (byte) 0x88;
        frame[13] = (byte) 0xb5; // local experimental EtherType
        b.put(frame).putInt(32 + 60);
        return b.array();
    }
}
