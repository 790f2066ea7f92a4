package io.netvcr.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.pcap.PcapFormat;
import io.netvcr.formats.pcapng.PcapngFormat;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Length fields are bounded before anything is allocated: a record that claims gigabytes costs nothing, and
 * one that claims the largest allowed size costs only what the input really holds.
 */
class ReaderLimitsTest {
    private static final long ONE_MIB = 1 << 20;

    @Test
    void shouldRefuseAPcapRecordClaimingFourGigabytesWithoutAllocatingIt() {
        byte[] trace = pcap(0xffff_fff0, 10);
        long allocated = allocatedWhile(() -> assertThatThrownBy(() -> drain(new PcapFormat(), trace))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage("t.pcap: record 0 at byte offset 24: captured length 4294967280 is implausible (limit "
                        + Packet.MAX_CAPTURE_LENGTH + ", file snaplen 65535)"));
        assertThat(allocated).isLessThan(ONE_MIB);
    }

    @Test
    void shouldAllocateOnlyWhatArrivesForAPcapRecordClaimingTheLargestAllowedLength() {
        byte[] trace = pcap(Packet.MAX_CAPTURE_LENGTH, 100);
        long allocated = allocatedWhile(() -> assertThatThrownBy(() -> drain(new PcapFormat(), trace))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("record 0 at byte offset 24: packet data (16777216 bytes) is cut off"));
        assertThat(allocated).isLessThan(ONE_MIB);
    }

    @Test
    void shouldRefuseAPcapngBlockClaimingFourGigabytesWithoutAllocatingIt() {
        byte[] trace = pcapngWithBlockLength(0xffff_fffcL);
        long allocated = allocatedWhile(() -> assertThatThrownBy(() -> drain(new PcapngFormat(), trace))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("record 0 at byte offset 48: block length 4294967292 is invalid"));
        assertThat(allocated).isLessThan(ONE_MIB);
    }

    @Test
    void shouldAllocateOnlyWhatArrivesForAPcapngBlockClaimingTheLargestAllowedLength() {
        byte[] trace = pcapngWithBlockLength(Packet.MAX_CAPTURE_LENGTH);
        long allocated = allocatedWhile(() -> assertThatThrownBy(() -> drain(new PcapngFormat(), trace))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("record 0 at byte offset 48: pcapng block is cut off"));
        assertThat(allocated).isLessThan(ONE_MIB);
    }

    @Test
    void shouldRefuseAPcapngPacketLargerThanThePacketLimitInsideAnAllowedBlock() {
        int cap = Packet.MAX_CAPTURE_LENGTH + 4;
        ByteBuffer b = ByteBuffer.allocate(28 + 20 + 32 + cap).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0a0d0d0a)
                .putInt(28)
                .putInt(0x1a2b3c4d)
                .putShort((short) 1)
                .putShort((short) 0)
                .putLong(-1)
                .putInt(28);
        b.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(0).putInt(20);
        b.putInt(6).putInt(32 + cap).putInt(0).putInt(0).putInt(0).putInt(cap).putInt(cap);
        b.position(b.capacity() - 4);
        b.putInt(32 + cap);
        assertThatThrownBy(() -> drain(new PcapngFormat(), b.array()))
                .isInstanceOf(TraceFormatException.class)
                .hasMessage(
                        "t.pcapng: record 0 at byte offset 48: captured length 16777220 is implausible (limit 16777216)");
    }

    private static void drain(TraceFormat format, byte[] bytes) throws Exception {
        String name = format.name().equals("pcap") ? "t.pcap" : "t.pcapng";
        try (TraceReader r = format.open(
                new TraceSource(name, new BufferedInputStream(new ByteArrayInputStream(bytes)), new ReaderOptions()))) {
            Packet p = new Packet();
            while (r.next(p)) {
                // drain
            }
        }
    }

    /** Bytes this thread allocated while running action (HotSpot's per-thread counter). */
    private static long allocatedWhile(Runnable action) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        action.run(); // warm-up: class loading and AssertJ's first use are not the reader's doing
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        action.run();
        return mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
    }

    /** A pcap header and one record header claiming caplen bytes, followed by only present bytes. */
    private static byte[] pcap(int caplen, int present) {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + present).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        b.putInt(1_600_000_000).putInt(0).putInt(caplen).putInt(caplen);
        return b.array();
    }

    /** SHB, IDB (Ethernet), then an EPB header claiming length bytes with 64 bytes present. */
    private static byte[] pcapngWithBlockLength(long length) {
        ByteBuffer b = ByteBuffer.allocate(28 + 20 + 8 + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x0a0d0d0a)
                .putInt(28)
                .putInt(0x1a2b3c4d)
                .putShort((short) 1)
                .putShort((short) 0)
                .putLong(-1)
                .putInt(28);
        b.putInt(1)
                .putInt(20)
                .putShort((short) 1)
                .putShort((short) 0)
                .putInt(65535)
                .putInt(20);
        b.putInt(6).putInt((int) length);
        return b.array();
    }
}
