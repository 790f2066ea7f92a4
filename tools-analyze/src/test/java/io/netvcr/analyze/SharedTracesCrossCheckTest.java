package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netvcr.formats.testing.ExternalTools;
import io.netvcr.formats.testing.SharedTraces;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistics of real traces against Wireshark's tools: capinfos (count, data size, duration, rates),
 * tshark -z io,stat (rate series), -z conv,tcp (flows) and per-packet protocol fields (protocol mix).
 */
class SharedTracesCrossCheckTest {
    static TrafficStats stats(Path trace) throws Exception {
        return Frames.analyze(trace);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pcap/libtrace_100_packets.pcap",
                "pcap/tcpdump_tcp-handshake-nano.pcap",
                "pcap/zeek_http_bro.org.pcap",
                "pcap/tcpreplay_test.pcap",
                "pcap/libtrace_vlan.pcap",
                "pcapng/zeek_pcapng-multi-interface.pcapng",
                "compressed/zeek_echo-connections.pcap.gz"
            })
    void shouldAgreeWithCapinfos(String name) throws Exception {
        ExternalTools.require("capinfos");
        Path trace = SharedTraces.require().resolve(name);
        List<String> lines =
                ExternalTools.lines("capinfos", "-T", "-m", "-M", "-c", "-d", "-u", "-x", "-y", "-i", trace.toString());
        String[] head = lines.get(0).split(",");
        String[] v = lines.get(1).split(",");
        Map<String, String> c = new HashMap<>();
        for (int i = 0; i < head.length; i++) {
            c.put(head[i], v[v.length - head.length + i]);
        }
        TrafficStats s = stats(trace);
        assertThat(s.packets()).isEqualTo(Long.parseLong(c.get("Number of packets")));
        assertThat(s.wireBytes()).isEqualTo(Long.parseLong(c.get("Data size (bytes)")));
        BigDecimal dur = new BigDecimal(c.get("Capture duration (seconds)"));
        assertThat(s.durationNs()).isEqualTo(dur.movePointRight(9).longValueExact());
        // capinfos divides by a duration computed from epoch seconds in a double (about 0.2 us of rounding on
        // these dates), so its rates agree to a few parts per million, not to the last digit
        assertThat(s.averagePps())
                .isCloseTo(
                        Double.parseDouble(c.get("Average packet rate (packets/sec)")),
                        within(Math.max(0.01, s.averagePps() * 1e-5)));
        assertThat(s.averageBps())
                .isCloseTo(
                        Double.parseDouble(c.get("Data bit rate (bits/sec)")),
                        within(Math.max(0.01, s.averageBps() * 1e-5)));
    }

    private static final Pattern IO_ROW =
            Pattern.compile("^\\|\\s*([\\d.]+)\\s*<>\\s*([\\d.]+|Dur)\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)\\s*\\|$");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pcap/libtrace_100_packets.pcap",
                "pcap/zeek_http_bro.org.pcap",
                "pcap/tcpreplay_test.pcap",
                "pcapng/zeek_pcapng-multi-interface.pcapng",
                "compressed/zeek_echo-connections.pcap.gz"
            })
    void shouldBinTheRateLikeTsharkIoStat(String name) throws Exception {
        ExternalTools.require("tshark");
        Path trace = SharedTraces.require().resolve(name);
        List<String> lines = ExternalTools.lines("tshark", "-n", "-r", trace.toString(), "-q", "-z", "io,stat,1");
        TrafficStats s = stats(trace);
        RateSeries r = s.rate();
        int rows = 0;
        for (String line : lines) {
            Matcher m = IO_ROW.matcher(line.trim());
            if (m.matches()) {
                long frames = Long.parseLong(m.group(3));
                long bytes = Long.parseLong(m.group(4));
                if (rows < r.intervals()) {
                    assertThat(r.packets(rows)).as("interval %d packets", rows).isEqualTo(frames);
                    assertThat(r.bytes(rows)).as("interval %d bytes", rows).isEqualTo(bytes);
                } else {
                    assertThat(frames)
                            .as("tshark interval %d beyond ours", rows)
                            .isZero();
                }
                rows++;
            }
        }
        assertThat(rows).isGreaterThanOrEqualTo(r.intervals());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pcap/libtrace_100_packets.pcap",
                "pcap/zeek_http_bro.org.pcap",
                "pcap/tcpreplay_test.pcap",
                "compressed/zeek_echo-connections.pcap.gz"
            })
    void shouldCountTcpFlowsLikeTsharkConversations(String name) throws Exception {
        ExternalTools.require("tshark");
        Path trace = SharedTraces.require().resolve(name);
        List<String> lines = ExternalTools.lines("tshark", "-n", "-r", trace.toString(), "-q", "-z", "conv,tcp");
        TrafficStats s = stats(trace);
        Map<String, Long> expected = new HashMap<>();
        for (String line : lines) {
            String[] t = line.trim().split("\\s+");
            if (t.length >= 12 && t[1].equals("<->")) {
                // A <-> B, then frames/bytes B->A ("<-"), A->B ("->"), total; bytes carry a unit token
                expected.merge(t[0] + ">" + t[2], Long.parseLong(t[6]), Long::sum);
                expected.merge(t[2] + ">" + t[0], Long.parseLong(t[3]), Long::sum);
            }
        }
        assertThat(expected).isNotEmpty();
        Map<String, Long> ours = new HashMap<>();
        for (var e : s.flows().flows().entries().entrySet()) {
            FlowKey k = e.getKey();
            if (k.protocol() == 6) {
                ours.put(k.src() + ":" + k.srcPort() + ">" + k.dst() + ":" + k.dstPort(), e.getValue()[0]);
            }
        }
        expected.values().removeIf(v -> v == 0);
        assertThat(ours).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pcap/libtrace_100_packets.pcap",
                "pcap/tcpdump_icmpv6-RFC2894-RR_null.pcap",
                "pcap/zeek_ipv4_fragmented-1.pcap",
                "pcap/tcpdump_pim-packet-assortment.pcap",
                "pcap/libtrace_vlan.pcap",
                "pcapng/zeek_pcapng-multi-interface.pcapng",
                "pcap/zeek_http_bro.org.pcap",
                "pcap/tcpreplay_test.pcap"
            })
    // tcpreplay_test.pcap holds Ethernet-over-MPLS pseudowire frames (control word, then Ethernet + VLAN + IP)
    void shouldCountProtocolsLikeTshark(String name) throws Exception {
        ExternalTools.require("tshark");
        Path trace = SharedTraces.require().resolve(name);
        List<String> lines = ExternalTools.lines(
                "tshark",
                "-n",
                "-r",
                trace.toString(),
                "-T",
                "fields",
                "-e",
                "frame.protocols",
                "-e",
                "ip.proto",
                "-e",
                "ipv6.nxt",
                "-E",
                "occurrence=f",
                "-E",
                "separator=/t");
        long tcp = 0;
        long udp = 0;
        long icmp = 0;
        long icmpv6 = 0;
        long other = 0;
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            String[] layers = f[0].split(":");
            String outer = null;
            for (String l : layers) {
                if (l.equals("ip") || l.equals("ipv6")) {
                    outer = l;
                    break;
                }
            }
            String proto = outer == null ? "" : outer.equals("ip") ? f[1] : f[2];
            if ("6".equals(proto)) {
                tcp++;
            } else if ("17".equals(proto)) {
                udp++;
            } else if ("1".equals(proto) && "ip".equals(outer)) {
                icmp++;
            } else if ("58".equals(proto) && "ipv6".equals(outer)) {
                icmpv6++;
            } else {
                other++;
            }
        }
        ProtocolMix m = stats(trace).protocols();
        assertThat(m.transportMap())
                .containsExactly(
                        Map.entry("tcp", tcp),
                        Map.entry("udp", udp),
                        Map.entry("icmp", icmp),
                        Map.entry("icmpv6", icmpv6),
                        Map.entry("other", other));
    }

    @org.junit.jupiter.api.Test
    void shouldTotalEachInterfaceLikeTshark() throws Exception {
        ExternalTools.require("tshark");
        Path trace = SharedTraces.require().resolve("pcapng/zeek_pcapng-multi-interface.pcapng");
        Map<String, long[]> expected = new java.util.TreeMap<>();
        for (String line : ExternalTools.lines(
                "tshark",
                "-n",
                "-r",
                trace.toString(),
                "-T",
                "fields",
                "-e",
                "frame.interface_id",
                "-e",
                "frame.len")) {
            String[] f = line.split("\t");
            long[] c = expected.computeIfAbsent(f[0], k -> new long[2]);
            c[0]++;
            c[1] += Long.parseLong(f[1]);
        }
        assertThat(expected).hasSizeGreaterThan(1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ours =
                (List<Map<String, Object>>) stats(trace).toMap().get("interfaces");
        Map<String, long[]> actual = new java.util.TreeMap<>();
        for (Map<String, Object> r : ours) {
            actual.put(String.valueOf(r.get("interface")), new long[] {(Long) r.get("packets"), (Long) r.get("bytes")});
        }
        assertThat(actual).hasSameSizeAs(expected);
        expected.forEach(
                (k, v) -> assertThat(actual.get(k)).as("interface %s", k).containsExactly(v));
    }
}
