package io.netvcr.formats.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Known vectors for the checksum routines prep depends on (the foundation-tests branch adds more). */
class ChecksumsPrepTest {
    private static byte[] hex(String s) {
        String t = s.replace(" ", "");
        byte[] b = new byte[t.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    @Test
    void shouldMatchTheRfc1071Example() {
        byte[] b = hex("0001 f203 f4f5 f6f7");
        assertThat(Checksums.internet(b, 0, b.length, 0)).isEqualTo(~0xddf2 & 0xffff);
        assertThat(Checksums.internet(b, 0, 3, 0)).isEqualTo(~(0x0001 + 0xf200) & 0xffff);
    }

    @Test
    void shouldComputeTheIpv4HeaderChecksumIgnoringTheStoredOne() {
        byte[] h = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");
        assertThat(Checksums.ipv4Header(h, 0)).isEqualTo(0xb861);
        h[10] = 0x12;
        h[11] = 0x34;
        assertThat(Checksums.ipv4Header(h, 0)).isEqualTo(0xb861);
    }

    @Test
    void shouldMakeTransportSegmentsSumToAllOnes() {
        // IPv4 + UDP with 3 payload bytes (odd length): the pseudo-header, header and data must verify.
        byte[] f = hex("4500 001f 0000 0000 4011 0000 c612 0001 c613 0001 1388 0035 000b 0000 6162 63");
        int c = Checksums.transport(f, 0, 20, 11, Checksums.UDP, false);
        f[26] = (byte) (c >>> 8);
        f[27] = (byte) c;
        long s = Checksums.sum(f, 12, 8, 0) + 17 + 11;
        assertThat(Checksums.internet(f, 20, 11, (int) s)).isZero();
        assertThat(Checksums.transport(f, 0, 20, 11, Checksums.UDP, false)).isEqualTo(c);
    }
}
