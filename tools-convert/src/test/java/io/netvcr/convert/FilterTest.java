package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolException;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.formats.testing.SharedTraces;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --filter selects exactly what tcpdump selects with the same expression. */
class FilterTest {
    private static final List<String> FILES = List.of(
            "pcap/zeek_http_bro.org.pcap",
            "pcap/libtrace_vlan.pcap",
            "pcap/libtrace_100_sll.pcap",
            "pcap/tcpdump_LINKTYPE_RAW_ipv4.pcap",
            "pcap/tcpdump_ppp_ip_udp_dns.pcap",
            "pcap/libtrace_mpls.pcap",
            "compressed/libtrace_ip-in-mpls.pcap.gz");
    private static final List<String> EXPRESSIONS = List.of(
            "tcp",
            "udp",
            "tcp port 80",
            "icmp or arp",
            "vlan",
            "ip6",
            "mpls",
            "tcp[tcpflags] & tcp-syn != 0",
            "net 10.0.0.0/8 and greater 200",
            "ip[6:2] & 0x3fff != 0");

    @TempDir
    Path tmp;

    @Test
    void shouldKeepTheSamePacketsAsTcpdump() throws Exception {
        Prerequisites.require(
                new File("/usr/bin/tcpdump").canExecute() || new File("/usr/sbin/tcpdump").canExecute(),
                "tcpdump not installed: skipped");
        Path root = SharedTraces.require();
        int nonZero = 0;
        for (String f : FILES) {
            Path in = root.resolve(f);
            for (String expr : EXPRESSIONS) {
                long want = tcpdumpCount(in, expr);
                if (want < 0) {
                    // tcpdump refuses the expression for this link type (e.g. vlan on Linux SLL): so do we
                    assertThatThrownBy(() ->
                                    ConvertRun.convert(in.toString(), tmp.resolve("f.pcap"), o -> o.filter = expr))
                            .as(f + " '" + expr + "'")
                            .isInstanceOf(ToolException.class)
                            .hasMessageContaining("libpcap says");
                    continue;
                }
                ConvertResult r = ConvertRun.convert(in.toString(), tmp.resolve("f.pcap"), o -> o.filter = expr);
                assertThat(r.packets).as(f + " '" + expr + "'").isEqualTo(want);
                nonZero += want > 0 ? 1 : 0;
            }
        }
        assertThat(nonZero).as("combinations that select something").isGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldFilterErfAsTcpdumpFiltersItsPcapExport() throws Exception {
        Prerequisites.require(
                new File("/usr/bin/tcpdump").canExecute() || new File("/usr/sbin/tcpdump").canExecute(),
                "tcpdump not installed: skipped");
        Path erf = SharedTraces.require().resolve("erf/libtrace_fragtest.erf");
        Path pcap = tmp.resolve("frag.pcap");
        ConvertRun.convert(erf.toString(), pcap, o -> {});
        for (String expr : List.of("vlan and tcp port 80", "vlan and (ip[6:2] & 0x1fff != 0)", "vlan and udp")) {
            ConvertResult r = ConvertRun.convert(erf.toString(), tmp.resolve("f.pcap"), o -> o.filter = expr);
            assertThat(r.packets).as(expr).isEqualTo(tcpdumpCount(pcap, expr)).isPositive();
        }
    }

    @Test
    void shouldRejectABadExpressionAsAUsageErrorQuotingLibpcap() {
        Path in = SharedTraces.require().resolve("pcap/libtrace_100_packets.pcap");
        Path out = tmp.resolve("bad.pcap");
        assertThatThrownBy(() -> ConvertRun.convert(in.toString(), out, o -> o.filter = "tcp port 80 and"))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("syntax error")
                .satisfies(e -> assertThat(((ToolException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldSayWhenLibpcapCannotFilterALinkType() {
        Path in = SharedTraces.require().resolve("tsh/libtrace_10_packets.tsh");
        assertThatThrownBy(() -> ConvertRun.convert("tsh:" + in, tmp.resolve("x.pcap"), o -> {
                    o.filter = "ether host 02:00:00:00:00:01";
                    o.linkEthernet = false;
                }))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("link type RAW")
                .hasMessageContaining("libpcap says");
    }

    /** Packets tcpdump writes for the expression, counted by reading its output back; -1 if tcpdump refuses it. */
    private long tcpdumpCount(Path in, String expr) throws IOException, InterruptedException {
        Path out = tmp.resolve("tcpdump.pcap");
        String src = in.toString();
        Path plain = in;
        if (src.endsWith(".gz")) {
            plain = tmp.resolve("plain.pcap");
            new ProcessBuilder("sh", "-c", "gzip -dc '" + src + "' > '" + plain + "'")
                    .inheritIO()
                    .start()
                    .waitFor();
        }
        Process p = new ProcessBuilder("tcpdump", "-r", plain.toString(), "-w", out.toString(), expr)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            return -1;
        }
        return ConvertRun.packets(out).size();
    }
}
