package io.netvcr.formats.dissect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.testing.ExternalTools;
import io.netvcr.formats.testing.SharedTraces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checksums against tshark on real captures: for every packet where tshark verifies a checksum (status good
 * or bad), the value Checksums computes matches the stored one exactly when tshark says good.
 */
class ChecksumsCorpusTest {
    private static final List<String> TRACES = List.of(
            "pcap/zeek_http_bro.org.pcap",
            "pcap/tcpreplay_test.pcap",
            "pcap/zeek_ipv6-fragmented-dns.pcap",
            "pcap/tcpdump_tcp-handshake-nano.pcap",
            "pcap/libpcap_ipv6_ext_headers.pcap",
            "pcap/zeek_smb2.pcap",
            "pcapng/zeek_irc-dcc-send.pcapng",
            "pcap/libtrace_vlan.pcap");

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xff) << 8 | (b[o + 1] & 0xff);
    }

    @Test
    void shouldAgreeWithTsharkOnEveryVerifiedChecksum() throws IOException {
        Path root = SharedTraces.require();
        int compared = 0;
        int bad = 0;
        for (String t : TRACES) {
            Path file = root.resolve(t);
            List<String> status = ExternalTools.tsharkFields(
                    file,
                    List.of(
                            "-o",
                            "ip.check_checksum:TRUE",
                            "-o",
                            "tcp.check_checksum:TRUE",
                            "-o",
                            "udp.check_checksum:TRUE"),
                    "ip.checksum.status",
                    "tcp.checksum.status",
                    "udp.checksum.status",
                    "icmpv6.checksum.status");
            FrameDissector d = new FrameDissector();
            Packet p = new Packet();
            int i = 0;
            try (TraceInput in = TraceInput.open(file.toString(), null, new ReaderOptions())) {
                while (in.reader().next(p)) {
                    String[] v = status.get(i).split("\t", -1);
                    String at = t + " packet " + (i + 1);
                    i++;
                    byte[] b = p.data();
                    d.dissect(b, p.capturedLength(), p.linkType);
                    if (d.l3Offset < 0 || p.capturedLength() < p.wireLength) {
                        continue;
                    }
                    boolean v6 = d.l3Type == FrameDissector.ETHERTYPE_IPV6;
                    if (!v6 && (v[0].equals("0") || v[0].equals("1"))) {
                        int stored = u16(b, d.l3Offset + 10);
                        assertThat(Checksums.ipv4Header(b, d.l3Offset) == stored)
                                .as("%s IPv4 header", at)
                                .isEqualTo(v[0].equals("1"));
                        compared++;
                    }
                    if (d.l4Offset < 0 || d.fragment) {
                        continue;
                    }
                    String s = d.l4Protocol == 6 ? v[1] : d.l4Protocol == 17 ? v[2] : d.l4Protocol == 58 ? v[3] : "";
                    if (!s.equals("0") && !s.equals("1")) {
                        continue;
                    }
                    int l4Len = v6
                            ? u16(b, d.l3Offset + 4) - (d.l4Offset - d.l3Offset - 40)
                            : u16(b, d.l3Offset + 2) - (d.l4Offset - d.l3Offset);
                    int stored = u16(b, d.l4Offset + Checksums.checksumFieldOffset(d.l4Protocol));
                    int computed = Checksums.transport(b, d.l3Offset, d.l4Offset, l4Len, d.l4Protocol, v6);
                    assertThat(computed == stored)
                            .as("%s protocol %d: computed %04x stored %04x", at, d.l4Protocol, computed, stored)
                            .isEqualTo(s.equals("1"));
                    compared++;
                    if (s.equals("0")) {
                        bad++;
                    }
                }
            }
            assertThat(i).as("packets in %s", t).isEqualTo(status.size());
        }
        assertThat(compared).as("checksums compared").isGreaterThan(1000);
        System.out.println("ChecksumsCorpusTest: " + compared + " checksums compared with tshark, " + bad
                + " of them bad in the capture");
    }
}
