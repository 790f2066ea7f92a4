package io.netvcr.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.dissect.Checksums;
import io.netvcr.formats.dissect.FrameDissector;
import org.junit.jupiter.api.Test;

/** The one synthetic-traffic maker: frames sized by payload (the replayer's fixtures, demo) as well as by frame. */
class UdpFramesTest {
    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    @Test
    void shouldPadShortPayloadsToTheEthernetMinimumWhileIpAndUdpCountThePayloadOnly() {
        UdpFrames f = UdpFrames.withPayload(8);
        byte[] b = new byte[f.size()];
        f.fill(b, 7);
        assertThat(f.size()).isEqualTo(60);
        assertThat(u16(b, UdpFrames.IP_OFFSET + 2)).isEqualTo(20 + 8 + 8);
        assertThat(u16(b, UdpFrames.UDP_OFFSET + 4)).isEqualTo(8 + 8);
        assertThat(UdpFrames.sequence(b, 0)).isEqualTo(7);
        assertThat(u16(b, UdpFrames.IP_OFFSET + 10)).isEqualTo(Checksums.ipv4Header(b, UdpFrames.IP_OFFSET));
        assertThat(u16(b, UdpFrames.UDP_OFFSET + 6))
                .isEqualTo(Checksums.transport(b, UdpFrames.IP_OFFSET, UdpFrames.UDP_OFFSET, 16, Checksums.UDP, false));
        FrameDissector d = new FrameDissector();
        d.dissect(b, b.length, LinkTypes.ETHERNET);
        assertThat(d.l4Protocol).isEqualTo(17);
        assertThat(d.l4Offset).isEqualTo(UdpFrames.UDP_OFFSET);
    }

    @Test
    void shouldSizeFramesByPayloadAboveTheMinimumAndMatchTheFrameSizedMaker() {
        UdpFrames byPayload = UdpFrames.withPayload(958);
        UdpFrames byFrame = new UdpFrames(1000);
        assertThat(byPayload.size()).isEqualTo(1000);
        byte[] a = new byte[1000];
        byte[] b = new byte[1000];
        byPayload.fill(a, 123_456_789L);
        byFrame.fill(b, 123_456_789L);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void shouldRefusePayloadsTooShortForTheSequenceNumber() {
        assertThatThrownBy(() -> UdpFrames.withPayload(7)).hasMessageContaining("UDP payload 7");
        assertThatThrownBy(() -> new UdpFrames(59)).hasMessageContaining("frame size 59");
    }
}
