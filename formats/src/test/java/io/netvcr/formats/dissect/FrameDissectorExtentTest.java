package io.netvcr.formats.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.LinkTypes;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Where the IP headers end (l3End, which prep's null payload and completion use) and whether the link was read. */
class FrameDissectorExtentTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static final String ETH_V6 = "333300000001 020000000001 86dd";
    private static final String ADDRS = "20010db8000000000000000000000001" + "20010db8000000000000000000000002";

    @Test
    void shouldEndIpv4AtItsHeaderLengthOptionsIncluded() {
        byte[] f = hex("020000000002 020000000001 0800" + "4600002000010000401100000a0000010a000002" + "01010100"
                + "0035003500080000");
        FrameDissector d = new FrameDissector().dissect(f, f.length, LinkTypes.ETHERNET);
        assertThat(d.l3End).isEqualTo(14 + 24);
        assertThat(d.l4Offset).isEqualTo(14 + 24);
        assertThat(d.linkRead).isTrue();
    }

    @Test
    void shouldEndIpv6AfterItsExtensionHeadersEvenInALaterFragment() {
        // hop-by-hop (8 bytes), then a fragment header with offset 8: no transport header, payload after 14+40+16.
        byte[] f =
                hex(ETH_V6 + "60000000001800ff" + ADDRS + "2c00010400000000" + "1100000800000001" + "0000000000000000");
        FrameDissector d = new FrameDissector().dissect(f, f.length, LinkTypes.ETHERNET);
        assertThat(d.fragment).isTrue();
        assertThat(d.l4Offset).isEqualTo(FrameDissector.NONE);
        assertThat(d.l3End).isEqualTo(14 + 40 + 16);
    }

    @Test
    void shouldSayWhenItCannotReadTheLink() {
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        FrameDissector d = new FrameDissector();
        assertThat(d.dissect(arp, arp.length, LinkTypes.ETHERNET).linkRead)
                .as("ARP: read, not IP")
                .isTrue();
        assertThat(d.l3Offset).isEqualTo(FrameDissector.NONE);
        assertThat(d.dissect(arp, 6, LinkTypes.ETHERNET).linkRead)
                .as("6 bytes of Ethernet")
                .isFalse();
        assertThat(d.dissect(arp, arp.length, LinkTypes.SUNATM).linkRead)
                .as("SunATM")
                .isFalse();
        assertThat(d.l3End).isEqualTo(FrameDissector.NONE);
    }
}
