package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rewrites checked field by field by tshark on the as-replayed export, checksums included. */
class RewriteTest {
    @TempDir
    Path tmp;

    Path input;

    @BeforeEach
    void trace() throws Exception {
        Tshark.require();
        List<Packet> ps = new ArrayList<>();
        long t = 1_700_000_000_000_000_000L;
        byte[] a4 = Frames.v4("198.18.1.10");
        byte[] b4 = Frames.v4("198.19.2.20");
        byte[] a6 = Frames.v6("2001:db8:1::10");
        byte[] b6 = Frames.v6("2001:db8:2::20");
        ps.add(Frames.packet(t, Frames.ip(a4, b4, 6, 40000, 80, 0x02, 0, -1)));
        ps.add(Frames.packet(t + 1000, Frames.ip(b4, a4, 6, 80, 40000, 0x18, 1000, -1)));
        ps.add(Frames.packet(t + 2000, Frames.ip(a4, b4, 17, 5353, 53, 0, 300, -1)));
        ps.add(Frames.packet(t + 3000, Frames.ip(a4, b4, 1, 1, 1, 0, 56, -1)));
        ps.add(Frames.packet(t + 4000, Frames.ip(a6, b6, 6, 40001, 443, 0x02, 0, -1)));
        ps.add(Frames.packet(t + 5000, Frames.ip(b6, a6, 17, 53, 5353, 0, 900, -1)));
        ps.add(Frames.packet(t + 6000, Frames.ip(a6, b6, 58, 7, 1, 0, 100, -1)));
        ps.add(Frames.packet(t + 7000, Frames.ip(a4, b4, 17, 1000, 2000, 0, 1400, 5)));
        ps.add(Frames.packet(t + 8000, Frames.arp()));
        input = tmp.resolve("in.pcap");
        Frames.writePcap(input, ps);
    }

    private List<String[]> prepAndDump(PrepOptions o, String... fields) throws Exception {
        o.input = input.toString();
        o.output = tmp.resolve("out.nvcr").toString();
        Preparer.run(o, Progress.none());
        Path x = Tshark.asReplayed(tmp.resolve("out.nvcr"), tmp.resolve("out.pcapng"));
        return Tshark.fields(x, null, fields);
    }

    private static void assertGoodChecksums(List<String[]> rows, int from) throws Exception {
        String bad = Tshark.badStatus();
        for (String[] r : rows) {
            for (int c = from; c < r.length; c++) {
                assertThat(r[c].split(","))
                        .as("checksum statuses of %s", String.join(" ", r))
                        .doesNotContain(bad);
            }
        }
    }

    @Test
    void shouldRewriteMacsAddressesTtlAndTosWithValidChecksums() throws Exception {
        PrepOptions o = new PrepOptions();
        IpMap map = new IpMap().add("198.18.1.0/24=198.19.200.0/24").add("2001:db8:2::/48=2001:db8:ff::/48");
        o.rewriter = new Rewriter(
                io.netvcr.cli.Mac.parse("02:00:00:00:11:22").bytes(),
                io.netvcr.cli.Mac.parse("02:00:00:00:33:44").bytes(),
                map,
                null,
                17,
                0xb8);
        List<String[]> rows = prepAndDump(
                o,
                "eth.dst",
                "eth.src",
                "ip.src",
                "ip.dst",
                "ip.ttl",
                "ip.dsfield",
                "ipv6.src",
                "ipv6.dst",
                "ipv6.hlim",
                "ipv6.tclass",
                "frame.len",
                "ip.checksum.status",
                "tcp.checksum.status",
                "udp.checksum.status",
                "icmp.checksum.status",
                "icmpv6.checksum.status");
        assertThat(rows).hasSize(9);
        for (int i = 0; i < 8; i++) {
            String[] r = rows.get(i);
            assertThat(r[0]).isEqualTo("02:00:00:00:11:22");
            assertThat(r[1]).isEqualTo("02:00:00:00:33:44");
        }
        assertThat(rows.get(0)[2]).isEqualTo("198.19.200.10");
        assertThat(rows.get(0)[3]).isEqualTo("198.19.2.20");
        assertThat(rows.get(1)[2]).isEqualTo("198.19.2.20");
        assertThat(rows.get(1)[3]).isEqualTo("198.19.200.10");
        assertThat(rows.get(0)[4]).isEqualTo("17");
        assertThat(Integer.decode(rows.get(0)[5])).isEqualTo(0xb8);
        assertThat(rows.get(4)[6]).isEqualTo("2001:db8:1::10");
        assertThat(rows.get(4)[7]).isEqualTo("2001:db8:ff::20");
        assertThat(rows.get(5)[6]).isEqualTo("2001:db8:ff::20");
        assertThat(rows.get(4)[8]).isEqualTo("17");
        assertThat(Integer.decode(rows.get(4)[9])).isEqualTo(0xb8);
        // ARP passes unchanged.
        assertThat(rows.get(8)[0]).isEqualTo("ff:ff:ff:ff:ff:ff");
        assertThat(rows.get(8)[1]).isEqualTo("02:00:00:00:00:0a");
        assertGoodChecksums(rows, 11);
        for (int i = 0; i < 7; i++) {
            assertThat(String.join("", java.util.Arrays.copyOfRange(rows.get(i), 11, 16)))
                    .as("row %d is checked", i)
                    .contains("1");
        }
    }

    @Test
    void shouldPushAVlanTagAndGrowFramesByFour() throws Exception {
        PrepOptions o = new PrepOptions();
        o.rewriter = new Rewriter(null, null, null, VlanAction.parse("add:100:5"), -1, -1);
        List<String[]> rows = prepAndDump(
                o,
                "vlan.id",
                "vlan.priority",
                "frame.len",
                "ip.len",
                "ipv6.plen",
                "ip.checksum.status",
                "tcp.checksum.status",
                "udp.checksum.status",
                "icmp.checksum.status",
                "icmpv6.checksum.status");
        assertThat(rows.get(0)[0]).isEqualTo("100");
        assertThat(rows.get(0)[1]).isEqualTo("5");
        assertThat(Integer.parseInt(rows.get(0)[2])).isEqualTo(14 + 4 + 20 + 20);
        assertThat(rows.get(1)[3]).isEqualTo("1040");
        assertThat(Integer.parseInt(rows.get(1)[2])).isEqualTo(18 + 1040);
        assertThat(rows.get(7)[0]).isEqualTo("100,5");
        assertThat(rows.get(8)[0]).isEmpty();
        assertGoodChecksums(rows, 5);
    }

    @Test
    void shouldPopTheOuterVlanTagAndShrinkTheFrame() throws Exception {
        PrepOptions o = new PrepOptions();
        o.rewriter = new Rewriter(null, null, null, VlanAction.parse("del"), -1, -1);
        List<String[]> rows =
                prepAndDump(o, "vlan.id", "frame.len", "ip.len", "ip.checksum.status", "udp.checksum.status");
        assertThat(rows.get(7)[0]).isEmpty();
        assertThat(Integer.parseInt(rows.get(7)[1])).isEqualTo(14 + 20 + 8 + 1400);
        assertThat(rows.get(7)[2]).isEqualTo(String.valueOf(20 + 8 + 1400));
        assertGoodChecksums(rows, 3);
    }

    @Test
    void shouldTruncateOversizeFramesToTheMtuWithConsistentLengths() throws Exception {
        PrepOptions o = new PrepOptions();
        o.mtu = 600;
        List<String[]> rows = prepAndDump(
                o,
                "frame.len",
                "ip.len",
                "udp.length",
                "ipv6.plen",
                "ip.checksum.status",
                "tcp.checksum.status",
                "udp.checksum.status");
        assertThat(rows.get(1)[0]).isEqualTo("600");
        assertThat(rows.get(1)[1]).isEqualTo("586");
        assertThat(rows.get(5)[0]).isEqualTo("600");
        assertThat(rows.get(5)[2]).isEqualTo("546");
        assertThat(rows.get(5)[3]).isEqualTo("546");
        assertThat(rows.get(7)[2]).isEqualTo(String.valueOf(600 - 18 - 20));
        for (String[] r : rows) {
            assertThat(Integer.parseInt(r[0])).isLessThanOrEqualTo(600);
        }
        assertGoodChecksums(rows, 4);
    }

    @Test
    void shouldDropOrKeepOversizeFramesAsAsked() throws Exception {
        PrepOptions drop = new PrepOptions();
        drop.mtu = 600;
        drop.oversize = OversizePolicy.DROP;
        assertThat(prepAndDump(drop, "frame.len")).hasSize(6);
        PrepOptions keep = new PrepOptions();
        keep.mtu = 600;
        keep.oversize = OversizePolicy.KEEP;
        List<String[]> rows = prepAndDump(keep, "frame.len", "udp.checksum.status");
        assertThat(rows).hasSize(9);
        assertThat(rows.get(7)[0]).isEqualTo(String.valueOf(18 + 20 + 8 + 1400));
        assertGoodChecksums(rows, 1);
    }

    @Test
    void shouldSendOriginalPayloadsInKeepMode() throws Exception {
        PrepOptions o = new PrepOptions();
        o.payload = PayloadMode.KEEP;
        o.rewriter = new Rewriter(null, null, new IpMap().add("198.19.0.0/16=198.18.0.0/16"), null, -1, -1);
        List<String[]> rows = prepAndDump(
                o,
                "frame.len",
                "data.data",
                "ip.dst",
                "ip.checksum.status",
                "tcp.checksum.status",
                "udp.checksum.status");
        assertThat(rows.get(2)[2]).isEqualTo("198.18.2.20");
        String payload = rows.get(7)[1].replace(":", "");
        assertThat(payload).hasSize(2 * 1400);
        assertThat(payload).doesNotContain("0000000000000000");
        assertGoodChecksums(rows, 3);
    }

    @Test
    void shouldSendWholePacketsFromAPayloadSidecarInKeepMode() throws Exception {
        Path nvcr = tmp.resolve("side.nvcr");
        io.netvcr.formats.nvcr.NvcrHeader h = new io.netvcr.formats.nvcr.NvcrHeader();
        h.fileFlags |= io.netvcr.formats.nvcr.NvcrLayout.FILE_PAYLOAD_SIDECAR;
        h.payloadSidecarId = io.netvcr.formats.nvcr.PayloadSidecar.newId();
        try (io.netvcr.formats.TraceInput in = io.netvcr.formats.TraceInput.open(
                        input.toString(), null, new io.netvcr.formats.ReaderOptions());
                java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                        nvcr, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileChannel sc = java.nio.channels.FileChannel.open(
                        Path.of(io.netvcr.formats.nvcr.PayloadSidecar.nameFor(nvcr.toString())),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE);
                io.netvcr.formats.nvcr.NvcrWriter w = new io.netvcr.formats.nvcr.NvcrWriter(ch, h)) {
            io.netvcr.formats.nvcr.PayloadSidecar.Writer side =
                    new io.netvcr.formats.nvcr.PayloadSidecar.Writer(sc, h.payloadSidecarId);
            Packet p = new Packet();
            while (in.reader().next(p)) {
                side.append(w, p);
            }
            w.finish();
            side.finish();
        }
        input = nvcr;
        PrepOptions o = new PrepOptions();
        o.payload = PayloadMode.KEEP;
        o.rewriter = new Rewriter(null, null, null, null, 3, -1);
        List<String[]> rows = prepAndDump(
                o,
                "frame.len",
                "data.data",
                "ip.ttl",
                "ipv6.hlim",
                "ip.checksum.status",
                "tcp.checksum.status",
                "udp.checksum.status",
                "icmp.checksum.status",
                "icmpv6.checksum.status");
        assertThat(rows).hasSize(9);
        String payload = rows.get(7)[1].replace(":", "");
        assertThat(payload).hasSize(2 * 1400);
        for (int i = 0; i < 1400; i++) {
            int expected = (0x5a + 18 + 20 + 8 + i) & 0xff;
            assertThat(Integer.parseInt(payload.substring(2 * i, 2 * i + 2), 16))
                    .as("payload byte %d", i)
                    .isEqualTo(expected);
        }
        assertThat(rows.get(0)[2]).isEqualTo("3");
        assertThat(rows.get(4)[3]).isEqualTo("3");
        assertGoodChecksums(rows, 4);
    }
}
