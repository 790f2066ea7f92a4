package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.Progress;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.dissect.Checksums;
import io.netvcr.formats.nvcr.AsReplayedReader;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers cut by the capture, completed by prep so the frame on the wire is valid (tshark judges), and each
 * reason prep gives for a frame it cannot make valid, one test each, seen through --json as a user sees it.
 */
class HeaderCompletionTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final byte[] A = Frames.v4("198.18.0.1");
    private static final byte[] B = Frames.v4("198.19.0.1");

    @TempDir
    Path tmp;

    /** TCP with 12 bytes of options (NOP NOP timestamps) and 200 bytes of payload: a 266-byte frame. */
    static byte[] tcpWithTimestamps() {
        byte[] plain = Frames.ip(A, B, 6, 40000, 80, 0x18, 212, -1);
        int l4 = 34;
        plain[l4 + 12] = (byte) 0x80; // data offset 8: 32-byte header
        plain[l4 + 20] = 1;
        plain[l4 + 21] = 1;
        plain[l4 + 22] = 8;
        plain[l4 + 23] = 10;
        for (int i = 0; i < 8; i++) {
            plain[l4 + 24 + i] = (byte) (0x11 * (i + 1));
        }
        Frames.put16(plain, l4 + 16, Checksums.transport(plain, 14, l4, plain.length - l4, 6, false));
        return plain;
    }

    @Test
    void tcpCutAfterItsFirst14BytesGoesOutValidWithZeroWindowAndOptions() throws Exception {
        Run r = prep(List.of(tcpWithTimestamps()), 48, PayloadMode.PAD);
        assertThat(r.result.checksumsUntouched).isZero();
        assertThat(r.flags.get(0) & PacketFlags.CHECKSUMS_PREPARED).isNotZero();
        byte[] f = r.frames.get(0);
        assertThat(f).hasSize(266);
        assertThat(f[34 + 12] & 0xff).as("data offset kept").isEqualTo(0x80);
        assertThat(u16(f, 34 + 14)).as("window, not stored").isZero();
        for (int i = 34 + 20; i < f.length; i++) {
            if (i != 34 + 16 && i != 34 + 17) {
                assertThat(f[i])
                        .as("byte %d past the stored 48 (options = EOL, payload zeros)", i)
                        .isZero();
            }
        }
        assertGoodByTshark(r, "tcp");
    }

    @Test
    void tcpOptionCutMidwayIsZeroedToAValidOptionList() throws Exception {
        // snap 60 keeps NOP NOP, the timestamp's kind and length and 2 of its 8 value bytes.
        Run r = prep(List.of(tcpWithTimestamps()), 60, PayloadMode.PAD);
        byte[] f = r.frames.get(0);
        assertThat(f[54]).isEqualTo((byte) 1);
        assertThat(f[55]).isEqualTo((byte) 1);
        for (int i = 56; i < 66; i++) {
            assertThat(f[i]).as("timestamp option byte %d", i).isZero();
        }
        assertThat(r.result.checksumsUntouched).isZero();
        assertGoodByTshark(r, "tcp");
    }

    @Test
    void udpCutAfterItsPortsGetsItsLengthFromTheIpLength() throws Exception {
        byte[] udp = Frames.ip(A, B, 17, 5000, 53, 0, 300, 7); // VLAN-tagged: ports end at byte 42
        Run r = prep(List.of(udp), 42, PayloadMode.PAD);
        assertThat(r.result.checksumsUntouched).isZero();
        assertThat(r.stored.get(0))
                .as("stored bytes: the UDP length past the snap")
                .isEqualTo(44);
        assertThat(u16(r.frames.get(0), 42)).isEqualTo(308);
        assertGoodByTshark(r, "udp");
    }

    @Test
    void ipv4HeaderCutAfterItsProtocolIsCompletedWithAValidChecksum() throws Exception {
        byte[] udp = Frames.ip(A, B, 17, 5000, 53, 0, 100, 7);
        // snap 30: 12 bytes of IPv4 (length, protocol, not the checksum nor addresses); UDP not stored at all.
        Run r = prep(List.of(udp), 30, PayloadMode.PAD);
        assertThat(r.result.untouched(UntouchedReason.HEADER_TOO_SHORT)).isEqualTo(1);
        List<String[]> rows = Tshark.fields(r.export, null, "ip.checksum.status", "ip.len");
        assertThat(rows.get(0)[0])
                .as("IPv4 header checksum of the completed header")
                .isEqualTo("1");
        assertThat(rows.get(0)[1]).isEqualTo("128");
    }

    @Test
    void nullPayloadKeepsHeadersOnlyWhateverTheSnap() throws Exception {
        byte[] tcp = tcpWithTimestamps();
        byte[] udp = Frames.ip(A, B, 17, 5000, 53, 0, 300, -1);
        Run r = prep(List.of(tcp, udp), 128, PayloadMode.NULL);
        assertThat(r.stored).containsExactly(66, 42);
        assertThat(r.header.payloadMode).isEqualTo(NvcrLayout.PAYLOAD_NULL);
        byte[] t = r.frames.get(0);
        assertThat(t[58]).as("timestamp value kept: header").isEqualTo((byte) 0x11);
        for (int i = 66; i < t.length; i++) {
            assertThat(t[i]).isZero();
        }
        for (int i = 42; i < r.frames.get(1).length; i++) {
            assertThat(r.frames.get(1)[i]).isZero();
        }
        assertGoodByTshark(r, "udp");
    }

    @Test
    void ipv6RoutingHeaderWithSegmentsLeftPutsTheFinalDestinationInThePseudoHeader() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        for (int type : new int[] {0, 2}) {
            byte[] plain = Frames.ip(Frames.v6("2001:db8::1"), Frames.v6("2001:db8::2"), 17, 5000, 40001, 0, 200, -1);
            byte[] f = new byte[plain.length + 24];
            System.arraycopy(plain, 0, f, 0, 54);
            System.arraycopy(plain, 54, f, 78, plain.length - 54);
            f[14 + 6] = 43;
            Frames.put16(f, 14 + 4, 24 + 208);
            f[54] = 17;
            f[55] = 2;
            f[56] = (byte) type;
            f[57] = 1; // one segment left: the pseudo-header names the address below, not the fixed header's
            System.arraycopy(Frames.v6("2001:db8::99"), 0, f, 62, 16);
            frames.add(f);
        }
        Run r = prep(frames, 128, PayloadMode.PAD);
        assertThat(r.result.checksumsUntouched).isZero();
        Tshark.require();
        List<String[]> rows =
                Tshark.fields(r.export, null, "ipv6.routing.type", "udp.checksum.status", "_ws.malformed");
        assertThat(rows).extracting(row -> row[0] + " " + row[1] + " " + row[2]).containsExactly("0 1 ", "2 1 ");
    }

    // ---- one test per untouched reason, through --json and the record flag

    @Test
    void fragment() throws Exception {
        byte[] frag = Frames.ip(A, B, 17, 5000, 53, 0, 100, -1);
        Frames.put16(frag, 14 + 6, 0x2000); // more fragments
        Frames.put16(frag, 14 + 10, Checksums.ipv4Header(frag, 14));
        assertOnlyReason(frag, 128, UntouchedReason.FRAGMENT);
    }

    @Test
    void headerTooShort() throws Exception {
        JsonNode j = assertOnlyReason(tcpWithTimestamps(), 40, UntouchedReason.HEADER_TOO_SHORT);
        assertThat(j.at("/checksums/hint").asText()).isEqualTo("snap 40 keeps 6 TCP bytes; use --snap >= 48");
    }

    @Test
    void unknownProtocol() throws Exception {
        byte[] sctp = Frames.ip(A, B, 17, 5000, 53, 0, 100, -1);
        sctp[14 + 9] = (byte) 132;
        Frames.put16(sctp, 14 + 10, Checksums.ipv4Header(sctp, 14));
        assertOnlyReason(sctp, 128, UntouchedReason.UNKNOWN_PROTOCOL);
    }

    @Test
    void badLength() throws Exception {
        byte[] udp = Frames.ip(A, B, 17, 5000, 53, 0, 100, -1);
        Frames.put16(udp, 14 + 2, 1400); // the IP length claims more than the frame on the wire
        Frames.put16(udp, 14 + 10, Checksums.ipv4Header(udp, 14));
        assertOnlyReason(udp, 128, UntouchedReason.BAD_LENGTH);
    }

    @Test
    void jumbogram() throws Exception {
        byte[] v6 = Frames.ip(Frames.v6("2001:db8::1"), Frames.v6("2001:db8::2"), 17, 5000, 53, 0, 100, -1);
        Frames.put16(v6, 14 + 4, 0);
        assertOnlyReason(v6, 128, UntouchedReason.JUMBOGRAM);
    }

    @Test
    void noRoom() throws Exception {
        // Linux cooked (16 bytes) + IPv4 with 24 bytes of NOP options: UDP at 60, its length at 64..65, past a
        // snap-64 record's 64 bytes of room.
        byte[] eth = Frames.ip(A, B, 17, 5000, 53, 0, 100, -1);
        byte[] sll = new byte[16 + 44 + 8 + 100];
        Frames.put16(sll, 14, 0x0800);
        System.arraycopy(eth, 14, sll, 16, 20);
        sll[16] = 0x4b;
        for (int i = 0; i < 24; i++) {
            sll[36 + i] = 1;
        }
        Frames.put16(sll, 16 + 2, 44 + 8 + 100);
        Frames.put16(sll, 16 + 10, Checksums.ipv4Header(sll, 16));
        System.arraycopy(eth, 34, sll, 60, 108);
        Frames.put16(sll, 60 + 6, Checksums.transport(sll, 16, 60, 108, 17, false));
        Path in = tmp.resolve("noroom.nvcr");
        Packet p = Frames.packet(T0, sll);
        p.linkType = LinkTypes.LINUX_SLL;
        write(in, List.of(p), 64);
        JsonNode j = runJson(in.toString(), tmp.resolve("noroom.prep.nvcr").toString());
        assertReasonCounts(j, UntouchedReason.NO_ROOM);
    }

    @Test
    void unknownLink() throws Exception {
        // A SunATM cell (the link ERF type 3 and legacy ATM records convert to): LLC/SNAP then the first 40 bytes
        // of an IPv4 packet; prep does not read the link, so it cannot vouch for the IP inside.
        byte[] ip = Frames.ip(A, B, 6, 40000, 80, 0x10, 1000, -1);
        byte[] cell = new byte[52];
        cell[0] = 2;
        cell[3] = 32;
        byte[] llc = {(byte) 0xaa, (byte) 0xaa, 3, 0, 0, 0, 8, 0};
        System.arraycopy(llc, 0, cell, 4, 8);
        System.arraycopy(ip, 14, cell, 12, 40);
        Path in = tmp.resolve("atm.nvcr");
        Packet p = Frames.packet(T0, cell);
        p.linkType = LinkTypes.SUNATM;
        p.wireLength = 53;
        write(in, List.of(p, Frames.packet(T0 + 1, Frames.arp())), 128);
        JsonNode j = runJson(in.toString(), tmp.resolve("atm.prep.nvcr").toString());
        assertReasonCounts(j, UntouchedReason.UNKNOWN_LINK);
        assertThat(j.get("nonIp").asLong())
                .as("the ARP frame is non-IP too, but valid as it is")
                .isEqualTo(2);
    }

    private JsonNode assertOnlyReason(byte[] frame, int snap, UntouchedReason reason) throws Exception {
        Path in = tmp.resolve(reason.key + ".nvcr");
        write(in, List.of(Frames.packet(T0, frame)), snap);
        Path out = tmp.resolve(reason.key + ".prep.nvcr");
        JsonNode j = runJson(in.toString(), out.toString());
        assertReasonCounts(j, reason);
        try (NvcrFile f = NvcrFile.open(out)) {
            NvcrRecord rec = new NvcrRecord();
            f.record(0, rec);
            assertThat(rec.flags() & PacketFlags.CHECKSUMS_UNTOUCHED).isNotZero();
            assertThat(rec.flags() & PacketFlags.CHECKSUMS_PREPARED).isZero();
        }
        return j;
    }

    private static void assertReasonCounts(JsonNode j, UntouchedReason reason) {
        assertThat(j.get("checksumsUntouched").asLong()).isEqualTo(1);
        for (UntouchedReason r : UntouchedReason.values()) {
            assertThat(j.at("/checksums/untouched/" + r.key).asLong())
                    .as("checksums.untouched.%s", r.key)
                    .isEqualTo(r == reason ? 1 : 0);
        }
    }

    // ---- helpers

    record Run(
            PrepResult result,
            NvcrHeader header,
            List<Integer> flags,
            List<Integer> stored,
            List<byte[]> frames,
            Path export) {}

    private Run prep(List<byte[]> frames, int snap, PayloadMode mode) throws Exception {
        List<Packet> ps = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            ps.add(Frames.packet(T0 + i * 1000L, frames.get(i)));
        }
        Path in = tmp.resolve("in.nvcr");
        write(in, ps, snap);
        PrepOptions o = new PrepOptions();
        o.input = in.toString();
        o.output = tmp.resolve("out.nvcr").toString();
        o.payload = mode;
        PrepResult res = Preparer.run(o, Progress.none());
        List<Integer> flags = new ArrayList<>();
        List<Integer> stored = new ArrayList<>();
        NvcrHeader h;
        try (NvcrFile f = NvcrFile.open(Path.of(o.output))) {
            h = f.header();
            NvcrRecord rec = new NvcrRecord();
            for (long i = 0; i < f.count(); i++) {
                f.record(i, rec);
                flags.add(rec.flags());
                stored.add(rec.storedLength());
            }
        }
        List<byte[]> out = new ArrayList<>();
        try (TraceInput ti = TraceInput.open(o.output, null, new ReaderOptions())) {
            AsReplayedReader r = AsReplayedReader.over(ti.reader(), ti.name());
            Packet p = new Packet();
            while (r.next(p)) {
                out.add(java.util.Arrays.copyOf(p.data(), p.capturedLength()));
            }
        }
        Path export = Tshark.asReplayed(Path.of(o.output), tmp.resolve("out.pcapng"));
        return new Run(res, h, flags, stored, out, export);
    }

    private static void assertGoodByTshark(Run r, String transport) throws Exception {
        Tshark.require();
        List<String[]> rows = Tshark.fields(
                r.export,
                null,
                "ip.checksum.status",
                "tcp.checksum.status",
                "udp.checksum.status",
                "_ws.malformed",
                "tcp.option_len");
        assertThat(rows).hasSize(r.frames.size());
        boolean seen = false;
        for (String[] row : rows) {
            assertThat(row[0]).as("IPv4 checksum status").isEqualTo("1");
            assertThat(row[1] + row[2]).as("TCP/UDP checksum status").isEqualTo("1");
            assertThat(row[3]).as("malformed").isEmpty();
            seen |= !(transport.equals("tcp") ? row[1] : row[2]).isEmpty();
        }
        assertThat(seen).as("a %s frame was checked", transport).isTrue();
    }

    static void write(Path out, List<Packet> packets, int snap) throws IOException {
        NvcrHeader h = new NvcrHeader();
        h.snapLength = snap;
        h.recordLength = NvcrLayout.recordLengthFor(snap);
        try (FileChannel ch = FileChannel.open(
                        out,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                NvcrWriter w = new NvcrWriter(ch, h)) {
            for (Packet p : packets) {
                w.append(p);
            }
            w.finish();
        }
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    private static JsonNode runJson(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true));
            List<String> a = new ArrayList<>(List.of("--json"));
            a.addAll(List.of(args));
            code = ToolMain.run("netvcr-prep", new PrepCommand(), a.toArray(new String[0]));
        } finally {
            System.setOut(old);
        }
        assertThat(code).as("exit code, output %s", buf).isEqualTo(ExitCodes.OK);
        return new ObjectMapper().readTree(buf.toString());
    }
}
