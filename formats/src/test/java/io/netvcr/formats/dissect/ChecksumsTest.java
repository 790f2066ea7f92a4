package io.netvcr.formats.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void shouldComputeTheIpv4HeaderChecksumOfAKnownHeader() {
        // Wikipedia's IPv4 header example; the stored checksum is b861. The field is ignored, so zero it.
        byte[] h = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertThat(Checksums.ipv4Header(h, 0)).isEqualTo(0xb861);
        h[10] = (byte) 0xb8;
        h[11] = 0x61;
        assertThat(Checksums.ipv4Header(h, 0)).isEqualTo(0xb861);
        assertThat(Checksums.internet(h, 0, 20, 0)).isZero();
    }

    @Test
    void shouldPadAnOddLengthAndAddTheInitialSum() {
        byte[] b = {0x01, 0x02, 0x03};
        // 0x0102 + 0x0300 = 0x0402 -> ~ = 0xfbfd
        assertThat(Checksums.internet(b, 0, 3, 0)).isEqualTo(0xfbfd);
        assertThat(Checksums.internet(b, 0, 3, 0x0001)).isEqualTo(0xfbfc);
        // carries fold back in: 0xffff + 0x0001 = 0x10000 -> 0x0001 -> ~ = 0xfffe
        assertThat(Checksums.internet(new byte[] {(byte) 0xff, (byte) 0xff}, 0, 2, 1))
                .isEqualTo(0xfffe);
    }

    @Test
    void shouldComputeAUdpChecksumThatVerifiesToZeroOverThePseudoHeader() {
        // Ethernet + IPv4 (198.18.0.1 -> 198.19.0.1) + UDP 1000 -> 2000, 4 payload bytes
        byte[] f = hex("020000000002 020000000001 0800"
                + "4500 0020 0001 0000 4011 0000 c612 0001 c613 0001"
                + "03e8 07d0 000c 0000 dead beef");
        int udp = Checksums.transport(f, 14, 34, 12, 17, false);
        f[34 + 6] = (byte) (udp >> 8);
        f[34 + 7] = (byte) udp;
        // Independent verification: pseudo-header + segment with the checksum in place sums to 0xffff.
        long pseudo = 0xc612 + 0x0001 + 0xc613 + 0x0001 + 17 + 12;
        assertThat(Checksums.internet(f, 34, 12, (int) pseudo)).isZero();
        // Recomputing ignores the filled field.
        assertThat(Checksums.transport(f, 14, 34, 12, 17, false)).isEqualTo(udp);
    }

    @Test
    void shouldComputeAnIcmpv6ChecksumOverTheIpv6PseudoHeader() {
        // IPv6 fd00::1 -> fd00::2, ICMPv6 echo request id 1 seq 1
        byte[] f = hex("6000 0000 0008 3a40"
                + "fd00 0000 0000 0000 0000 0000 0000 0001"
                + "fd00 0000 0000 0000 0000 0000 0000 0002"
                + "8000 0000 0001 0001");
        int c = Checksums.transport(f, 0, 40, 8, 58, true);
        f[42] = (byte) (c >> 8);
        f[43] = (byte) c;
        long pseudo = 0xfd00 + 0x0001 + 0xfd00 + 0x0002 + 58 + 8;
        assertThat(Checksums.internet(f, 40, 8, (int) pseudo)).isZero();
    }

    @Test
    void shouldSumIcmpOverIpv4WithoutAPseudoHeader() {
        byte[] f = hex("4500 001c 0000 0000 4001 0000 c612 0001 c613 0001" + "0800 0000 0001 0001");
        int c = Checksums.transport(f, 0, 20, 8, 1, false);
        assertThat(c).isEqualTo(Checksums.internet(f, 20, 8, 0));
        assertThat(c).isEqualTo(0xf7fd);
    }
}
