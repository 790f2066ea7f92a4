package io.netvcr.formats.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.LinkTypes;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FrameDissectorTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static final String IPV4_ICMP = "4500001c0001000040010000c6120001c6120002" + "0800f7ff00000000";

    @Test
    void shouldFollowMplsToRawIp() {
        byte[] f = hex("020000000002 020000000001 8847 000011ff" + IPV4_ICMP);
        FrameDissector d = new FrameDissector().dissect(f, f.length, LinkTypes.ETHERNET);
        assertThat(d.l3Offset).isEqualTo(18);
        assertThat(d.l4Offset).isEqualTo(38);
        assertThat(d.l4Protocol).isEqualTo(1);
    }

    @Test
    void shouldFollowAnEthernetPseudowireWithControlWord() {
        // outer Ethernet, two labels (bottom of stack on the second), control word, inner Ethernet + VLAN, IPv4
        byte[] f = hex("020000000002 020000000001 8847 000100ff 000111ff 00000000"
                + "020000000004 020000000003 8100 0005 0800" + IPV4_ICMP);
        FrameDissector d = new FrameDissector().dissect(f, f.length, LinkTypes.ETHERNET);
        int inner = 14 + 8 + 4;
        assertThat(d.l3Offset).isEqualTo(inner + 18);
        assertThat(d.l3Type).isEqualTo(FrameDissector.ETHERTYPE_IPV4);
        assertThat(d.l4Offset).isEqualTo(inner + 18 + 20);
        assertThat(d.vlanTags).isEqualTo(1);
    }

    @Test
    void shouldStopAtNonFirstFragmentsAndNonIp() {
        byte[] frag =
                hex("020000000002 020000000001 0800" + "4500001c000100b940110000c6120001c6120002" + "0000000000000000");
        FrameDissector d = new FrameDissector().dissect(frag, frag.length, LinkTypes.ETHERNET);
        assertThat(d.fragment).isTrue();
        assertThat(d.l4Offset).isEqualTo(FrameDissector.NONE);
        byte[] arp = hex("ffffffffffff 020000000001 0806 0001080006040001");
        d.dissect(arp, arp.length, LinkTypes.ETHERNET);
        assertThat(d.l3Offset).isEqualTo(FrameDissector.NONE);
        assertThat(d.l3Type).isEqualTo(FrameDissector.ETHERTYPE_ARP);
    }
}
