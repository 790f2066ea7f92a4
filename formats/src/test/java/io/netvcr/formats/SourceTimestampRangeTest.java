package io.netvcr.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.dag.LegacyDagFormat;
import io.netvcr.formats.erf.ErfFormat;
import io.netvcr.formats.pcap.PcapFormat;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The largest times pcap, ERF and legacy DAG can express (unsigned 32-bit seconds: early 2106) fit the signed
 * 64-bit ns of a record exactly: no wrap to 1969 at the top of their range.
 */
class SourceTimestampRangeTest {
    @Test
    void shouldReadThePcapMaximumAsFebruary2106() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 60).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b23c4d)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        b.putInt(-1).putInt(999_999_999).putInt(60).putInt(60).put(frame());
        assertThat(first(new PcapFormat(), b.array())).isEqualTo(4_294_967_295_999_999_999L);
    }

    @Test
    void shouldReadTheErfMaximumRoundedToTheNextSecond() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16 + 2 + 60);
        b.order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);
        b.order(ByteOrder.BIG_ENDIAN)
                .put((byte) 2)
                .put((byte) 0)
                .putShort((short) 78)
                .putShort((short) 0)
                .putShort((short) 60);
        b.put(new byte[2]).put(frame());
        // 0xffffffff.ffffffff s: the fraction rounds to the nearest ns, 2^32 s exactly
        assertThat(first(new ErfFormat(), b.array())).isEqualTo(4_294_967_296_000_000_000L);
    }

    @Test
    void shouldReadTheLegacyDagMaximum() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0xffffffff_00000000L).putShort((short) 60).put(frame(), 0, 54);
        assertThat(first(new LegacyDagFormat(io.netvcr.formats.dag.LegacyKind.ETH), b.array()))
                .isEqualTo(4_294_967_295_000_000_000L);
    }

    private static byte[] frame() {
        byte[] f = new byte[60];
        f[0] = 0x02;
        f[6] = 0x02;
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xb5;
        return f;
    }

    private static long first(TraceFormat format, byte[] bytes) throws Exception {
        try (TraceReader r = format.open(
                new TraceSource("t", new BufferedInputStream(new ByteArrayInputStream(bytes)), new ReaderOptions()))) {
            Packet p = new Packet();
            assertThat(r.next(p)).isTrue();
            assertThat(p.timestampNs).isPositive();
            return p.timestampNs;
        }
    }
}
