package io.netvcr.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ToolMain;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.testing.ExternalTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledSamplesTest {
    private static final Path SAMPLE = Path.of("traces/netvcr-sample.pcap");

    @TempDir
    Path dir;

    @Test
    void shouldShipTheSampleInTheJarIdenticalToTheCommittedFile() throws IOException {
        BundledSamples.Sample s = BundledSamples.byName("netvcr-sample.pcap").orElseThrow();
        try (InputStream in = s.open()) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(SAMPLE));
        }
        assertThat(Files.size(SAMPLE)).isLessThan(1 << 20);
    }

    @Test
    void shouldConvertTheSampleAndFindTcpUdpIcmpArpAndIpv6() throws IOException {
        Path nvcr = dir.resolve("sample.nvcr");
        long packets = 0;
        try (TraceInput in = TraceInput.open(SAMPLE.toString(), null, new ReaderOptions());
                FileChannel ch = FileChannel.open(nvcr, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                NvcrWriter w = new NvcrWriter(ch, new NvcrHeader())) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                w.write(p);
                packets++;
            }
            w.finish();
        }
        Map<String, Integer> seen = new TreeMap<>();
        try (NvcrFile f = NvcrFile.open(nvcr)) {
            assertThat(f.count()).isEqualTo(packets);
            NvcrRecord r = new NvcrRecord();
            for (long i = 0; i < f.count(); i++) {
                f.record(i, r);
                String kind;
                if (r.l3Type() == FrameDissector.ETHERTYPE_ARP) {
                    kind = "arp";
                } else if (r.l3Type() == FrameDissector.ETHERTYPE_IPV6) {
                    kind = "ipv6-" + r.l4Protocol();
                } else if (r.l3Type() == FrameDissector.ETHERTYPE_IPV4) {
                    kind = "ipv4-" + r.l4Protocol();
                } else {
                    kind = "other";
                }
                seen.merge(kind, 1, Integer::sum);
            }
        }
        // TCP 6, UDP 17, ICMP 1 over IPv4; ICMPv6 58, TCP and UDP over IPv6; ARP.
        assertThat(seen).containsKeys("arp", "ipv4-1", "ipv4-6", "ipv4-17", "ipv6-58", "ipv6-6", "ipv6-17");
        // Cross-check the counts with tshark's dissection of the same file.
        // ipv6.nxt is the first Next Header (0 for MLD's hop-by-hop); the dissector reports the transport
        // after the extension headers, so take it from the transport layer tshark found.
        List<String> tshark = ExternalTools.tsharkFields(
                SAMPLE, List.of(), "eth.type", "ip.proto", "ipv6.nxt", "tcp.srcport", "udp.srcport", "icmpv6.type");
        Map<String, Integer> expected = new TreeMap<>();
        for (String l : tshark) {
            String[] v = l.split("\t", -1);
            String kind = v[0].equals("0x0806")
                    ? "arp"
                    : !v[1].isEmpty()
                            ? "ipv4-" + v[1]
                            : !v[2].isEmpty()
                                    ? "ipv6-"
                                            + (!v[3].isEmpty()
                                                    ? "6"
                                                    : !v[4].isEmpty() ? "17" : !v[5].isEmpty() ? "58" : v[2])
                                    : "other";
            expected.merge(kind, 1, Integer::sum);
        }
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void shouldListAndExtractTheSample() throws IOException {
        Path out = dir.resolve("copy.pcap");
        assertThat(ToolMain.run("netvcr-samples", new SamplesCommand(), new String[] {
                    "extract", "-q", "netvcr-sample.pcap", out.toString()
                }))
                .isZero();
        assertThat(Files.mismatch(out, SAMPLE)).isEqualTo(-1L);
        assertThat(ToolMain.run("netvcr-samples", new SamplesCommand(), new String[] {"list"}))
                .isZero();
        assertThat(ToolMain.run("netvcr-samples", new SamplesCommand(), new String[] {
                    "extract", "no-such-sample", dir.resolve("x.pcap").toString()
                }))
                .isEqualTo(66);
        assertThat(dir.resolve("x.pcap")).doesNotExist();
        assertThat(NvcrLayout.DEFAULT_SNAP).isPositive();
    }
}
