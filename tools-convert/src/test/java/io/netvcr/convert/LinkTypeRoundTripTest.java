package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ToolMain;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.testing.ExternalTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * pcap -> nvcr -> pcap through netvcr-convert for hand-made traces of every link type the dissector knows,
 * plus one it does not. Input files come in all four pcap flavours (µs/ns magic, little/big endian); the
 * export must hold the same bytes, timestamps to the ns, lengths and link type, read back by a parser
 * written here (not the project's reader) and by tshark. Records must carry the L3/L4 offsets worked out
 * by hand below, which must also be what FrameDissector says.
 */
class LinkTypeRoundTripTest {
    @TempDir
    Path dir;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static final String IP4_UDP =
            "4500 0024 1234 0000 4011 0000 c612 0001 c612 0002" + "9c40 0009 0010 0000" + "0102030405060708";
    static final String IP4_TCP =
            "4500 0028 0001 4000 4006 0000 c612 0001 c612 0002" + "9c40 0050 00000001 00000000 5002 ffff 0000 0000";
    static final String IP4_ICMP = "4500 001c 0002 0000 4001 0000 c612 0001 c612 0002" + "0800 f7fd 0001 0001";
    static final String IP6_UDP =
            "6000 0000 0010 1140 fd00 0000 0000 0000 0000 0000 0000 0001 fd00 0000 0000 0000 0000 0000 0000 0002"
                    + "9c40 0009 0010 0000 0102030405060708";
    /** IPv6, hop-by-hop options (8 bytes), then UDP: the transport starts at 48. */
    static final String IP6_HBH_UDP =
            "6000 0000 0018 0040 fd00 0000 0000 0000 0000 0000 0000 0001 fd00 0000 0000 0000 0000 0000 0000 0002"
                    + "1100 0104 0000 0000" + "9c40 0009 0010 0000 0102030405060708";

    static final String IP6_TCP =
            "6000 0000 0014 0640 fd00 0000 0000 0000 0000 0000 0000 0001 fd00 0000 0000 0000 0000 0000 0000 0002"
                    + "9c40 0050 00000001 00000000 5002 ffff 0000 0000";
    static final String ETH = "020000000002 020000000001";

    /** One generated trace: link type, frame bytes, expected L3 and L4 offsets (-1: none), L4 protocol. */
    record Case(String name, int linkType, byte[] frame, int l3, int l4, int protocol) {}

    static List<Case> cases() {
        return List.of(
                new Case("ethernet-ipv4-udp", LinkTypes.ETHERNET, hex(ETH + "0800" + IP4_UDP), 14, 34, 17),
                new Case("ethernet-ipv6-tcp", LinkTypes.ETHERNET, hex(ETH + "86dd" + IP6_TCP), 14, 54, 6),
                new Case("vlan-ipv4-tcp", LinkTypes.ETHERNET, hex(ETH + "8100 0064 0800" + IP4_TCP), 18, 38, 6),
                new Case(
                        "qinq-ipv6-udp",
                        LinkTypes.ETHERNET,
                        hex(ETH + "88a8 00c8 8100 0064 86dd" + IP6_UDP),
                        22,
                        62,
                        17),
                new Case(
                        "ethernet-arp",
                        LinkTypes.ETHERNET,
                        hex(ETH + "0806 0001 0800 0604 0001 020000000001 c6120001 000000000000 c6120002"),
                        -1,
                        -1,
                        0),
                new Case("raw-ipv4", LinkTypes.RAW, hex(IP4_TCP), 0, 20, 6),
                new Case("raw-ipv6", LinkTypes.RAW, hex(IP6_UDP), 0, 40, 17),
                new Case("ipv4", LinkTypes.IPV4, hex(IP4_ICMP), 0, 20, 1),
                new Case("ipv6-hop-by-hop", LinkTypes.IPV6, hex(IP6_HBH_UDP), 0, 48, 17),
                new Case(
                        "linux-sll",
                        LinkTypes.LINUX_SLL,
                        hex("0000 0001 0006 020000000001 0000 0800" + IP4_UDP),
                        16,
                        36,
                        17),
                new Case(
                        "linux-sll2",
                        LinkTypes.LINUX_SLL2,
                        hex("86dd 0000 00000002 0001 00 06 020000000001 0000" + IP6_TCP),
                        20,
                        60,
                        6),
                new Case("null-af-inet", LinkTypes.NULL, hex("02000000" + IP4_UDP), 4, 24, 17),
                new Case("null-af-inet6", LinkTypes.NULL, hex("1e000000" + IP6_UDP), 4, 44, 17),
                new Case("loop", LinkTypes.LOOP, hex("00000002" + IP4_ICMP), 4, 24, 1),
                new Case("ppp", LinkTypes.PPP, hex("ff03 0021" + IP4_TCP), 4, 24, 6),
                new Case("c-hdlc", LinkTypes.C_HDLC, hex("0f00 0800" + IP4_UDP), 4, 24, 17),
                new Case(
                        "unknown-147",
                        147,
                        hex("deadbeef 4500 0014 0000 0000 4011 0000 c6120001 c6120002 cafe"),
                        -1,
                        -1,
                        0));
    }

    /** A pcap flavour: byte order and timestamp resolution of the generated input. */
    record Flavour(String name, ByteOrder order, boolean nanos) {}

    static final List<Flavour> FLAVOURS = List.of(
            new Flavour("le-us", ByteOrder.LITTLE_ENDIAN, false), new Flavour("le-ns", ByteOrder.LITTLE_ENDIAN, true),
            new Flavour("be-us", ByteOrder.BIG_ENDIAN, false), new Flavour("be-ns", ByteOrder.BIG_ENDIAN, true));

    /** Seconds and sub-second ticks per packet; the last is the largest second pcap can hold. */
    static final long[][] TIMES = {
        {1_700_000_000L, 1}, {1_700_000_000L, 999_999}, {1_700_000_001L, 123_456}, {0xffffffffL, 5}
    };

    /** Timestamp in ns of packet i in the given flavour (µs ticks scaled, ns taken as they are). */
    static long timestampNs(int i, boolean nanos) {
        long ticks = nanos ? TIMES[i][1] * 1000 + 789 : TIMES[i][1];
        return TIMES[i][0] * 1_000_000_000L + (nanos ? ticks : ticks * 1000);
    }

    /** Writes a pcap of the case's frame four times (the third truncated by 3 bytes, wire length kept). */
    static byte[] pcap(Case c, Flavour f) {
        ByteBuffer b =
                ByteBuffer.allocate(24 + TIMES.length * (16 + c.frame().length)).order(f.order());
        b.putInt(f.nanos() ? 0xa1b23c4d : 0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(c.linkType());
        for (int i = 0; i < TIMES.length; i++) {
            int cap = i == 2 ? c.frame().length - 3 : c.frame().length;
            long frac = f.nanos() ? TIMES[i][1] * 1000 + 789 : TIMES[i][1];
            b.putInt((int) TIMES[i][0])
                    .putInt((int) frac)
                    .putInt(cap)
                    .putInt(c.frame().length)
                    .put(c.frame(), 0, cap);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** One record of a pcap as read by {@link #parse}. */
    record Rec(long timestampNs, int capLength, int wireLength, byte[] data) {}

    /** A minimal independent pcap parser: link type at [0], then records. */
    static List<Object> parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
        }
        boolean nanos = magic == 0xa1b23c4d;
        List<Object> out = new ArrayList<>();
        out.add(b.getInt(20));
        int pos = 24;
        while (pos < file.length) {
            long sec = b.getInt(pos) & 0xffffffffL;
            long frac = b.getInt(pos + 4) & 0xffffffffL;
            int cap = b.getInt(pos + 8);
            int wire = b.getInt(pos + 12);
            out.add(new Rec(
                    sec * 1_000_000_000L + (nanos ? frac : frac * 1000),
                    cap,
                    wire,
                    Arrays.copyOfRange(file, pos + 16, pos + 16 + cap)));
            pos += 16 + cap;
        }
        return out;
    }

    private static int convert(String... args) {
        return ToolMain.run("netvcr-convert", new ConvertCommand(), args);
    }

    @TestFactory
    Stream<DynamicTest> shouldRoundTripEveryLinkTypeInEveryPcapFlavour() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (Flavour f : FLAVOURS) {
                tests.add(DynamicTest.dynamicTest(c.name() + " " + f.name(), () -> roundTrip(c, f)));
            }
        }
        return tests.stream();
    }

    private void roundTrip(Case c, Flavour f) throws IOException {
        Path in = dir.resolve(c.name() + "-" + f.name() + ".pcap");
        Path nvcr = dir.resolve(c.name() + "-" + f.name() + ".nvcr");
        Path out = dir.resolve(c.name() + "-" + f.name() + ".out.pcap");
        Files.write(in, pcap(c, f));
        assertThat(convert("-q", in.toString(), nvcr.toString())).isZero();

        FrameDissector d = new FrameDissector().dissect(c.frame(), c.frame().length, c.linkType());
        assertThat(d.l3Offset).as("dissector L3 offset").isEqualTo(c.l3());
        assertThat(d.l4Offset).as("dissector L4 offset").isEqualTo(c.l4());
        try (NvcrFile file = NvcrFile.open(nvcr)) {
            assertThat(file.count()).isEqualTo(TIMES.length);
            assertThat(file.header().linkType).isEqualTo(c.linkType());
            NvcrRecord r = new NvcrRecord();
            for (int i = 0; i < TIMES.length; i++) {
                file.record(i, r);
                assertThat(r.timestampNs()).as("record %d timestamp", i).isEqualTo(timestampNs(i, f.nanos()));
                assertThat(r.linkType()).isEqualTo(c.linkType());
                assertThat(r.wireLength()).isEqualTo(c.frame().length);
                assertThat(r.storedLength()).isEqualTo(i == 2 ? c.frame().length - 3 : c.frame().length);
                if (i != 2) {
                    assertThat(r.l3Offset()).as("record L3 offset").isEqualTo(c.l3() < 0 ? NvcrLayout.NONE16 : c.l3());
                    assertThat(r.l4Offset()).as("record L4 offset").isEqualTo(c.l4() < 0 ? NvcrLayout.NONE16 : c.l4());
                    if (c.l4() >= 0) {
                        assertThat(r.l4Protocol()).isEqualTo(c.protocol());
                    }
                }
            }
        }

        assertThat(convert("-q", nvcr.toString(), out.toString())).isZero();
        List<Object> back = parse(Files.readAllBytes(out));
        assertThat(back.get(0)).as("link type").isEqualTo(c.linkType());
        assertThat(back).hasSize(1 + TIMES.length);
        for (int i = 0; i < TIMES.length; i++) {
            Rec rec = (Rec) back.get(1 + i);
            int cap = i == 2 ? c.frame().length - 3 : c.frame().length;
            assertThat(rec.timestampNs()).as("packet %d timestamp", i).isEqualTo(timestampNs(i, f.nanos()));
            assertThat(rec.capLength()).isEqualTo(cap);
            assertThat(rec.wireLength()).isEqualTo(c.frame().length);
            assertThat(rec.data()).isEqualTo(Arrays.copyOf(c.frame(), cap));
        }
    }

    @Test
    void shouldExportFilesThatTsharkReadsWithTheSameTimesAndLengths() throws IOException {
        String tshark = ExternalTools.require("tshark");
        assertThat(tshark).isNotNull();
        for (Case c : cases()) {
            Flavour f = FLAVOURS.get(1);
            Path in = dir.resolve(c.name() + ".pcap");
            Path nvcr = dir.resolve(c.name() + ".nvcr");
            Path out = dir.resolve(c.name() + ".out.pcap");
            Files.write(in, pcap(c, f));
            assertThat(convert("-q", in.toString(), nvcr.toString())).isZero();
            assertThat(convert("-q", nvcr.toString(), out.toString())).isZero();
            List<String> seen =
                    ExternalTools.tsharkFields(out, List.of(), "frame.time_epoch", "frame.len", "frame.cap_len");
            assertThat(seen).as(c.name()).hasSize(TIMES.length);
            for (int i = 0; i < TIMES.length; i++) {
                String[] v = seen.get(i).split("\t");
                assertThat(io.netvcr.formats.testing.SharedTraces.epochToNs(v[0]))
                        .isEqualTo(timestampNs(i, true));
                assertThat(Integer.parseInt(v[1])).isEqualTo(c.frame().length);
                assertThat(Integer.parseInt(v[2])).isEqualTo(i == 2 ? c.frame().length - 3 : c.frame().length);
            }
        }
    }
}
