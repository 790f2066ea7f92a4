package io.netvcr.formats.erf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.Confidence;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceFormats;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.testing.ReferenceCheck;
import io.netvcr.formats.testing.SharedTraces;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErfReaderTest {
    /** 2004-09-16T00:00:01 plus a binary fraction of one half. */
    private static final long SECONDS = 1095292801L;

    @Test
    void shouldMatchTsharkOnEveryErfFileOfTheCorpus() throws IOException {
        for (Path f : SharedTraces.files("erf")) {
            String name = f.getFileName().toString();
            if (name.equals("libtrace_provenance.erf")) {
                continue;
            }
            ReferenceCheck.assertMatchesCorpus("erf/" + name, ReferenceCheck.read(f, null, ReaderOptions.DEFAULTS));
        }
    }

    @Test
    void shouldSkipMetaRecordsSoAProvenanceOnlyFileHasNoPackets() throws IOException {
        Path f = SharedTraces.require().resolve("erf/libtrace_provenance.erf");
        assertThat(SharedTraces.reference("libtrace_provenance.erf")).hasSize(100); // Wireshark lists them as frames
        assertThat(ReferenceCheck.read(f, null, ReaderOptions.DEFAULTS)).isEmpty();
    }

    @Test
    void shouldReportACutOffRecordWithIndexAndOffset() {
        Path f = SharedTraces.require().resolve("malformed/trunc_mid_record.erf");
        List<Packet> got = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (TraceInput in = TraceInput.open(f.toString(), null, ReaderOptions.DEFAULTS)) {
                        Packet p = new Packet();
                        while (in.reader().next(p)) {
                            got.add(p);
                        }
                    }
                })
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("trunc_mid_record.erf")
                .hasMessageContaining("record 65 at byte offset 4960");
        assertThat(got).hasSize(65); // as capinfos, tshark and tracestats
    }

    @Test
    void shouldDetectErfByContentButNotHeaderlessFormats() throws IOException {
        Path root = SharedTraces.require();
        for (Path f : SharedTraces.files("erf")) {
            assertThat(TraceFormats.detect(head(f), 64))
                    .as(f.toString())
                    .get()
                    .extracting(x -> x.name())
                    .isEqualTo("erf");
        }
        for (String dir : List.of("legacy-dag", "tsh")) {
            for (Path f : SharedTraces.files(dir)) {
                if (!f.toString().endsWith(".gz")) {
                    assertThat(new ErfFormat().probe(head(f), 64))
                            .as(f.toString())
                            .isEqualTo(Confidence.NONE);
                }
            }
        }
        assertThat(new ErfFormat().probe(head(root.resolve("pcap/libtrace_100_packets.pcap")), 64))
                .isEqualTo(Confidence.NONE);
    }

    @Test
    void shouldRoundTheBinaryFractionToTheNearestNanosecond() throws IOException {
        // 0x80000000 / 2^32 = 0.5 s exactly; 1 tick = 0.2328 ns rounds to 0; 3 ticks = 0.698 ns rounds to 1.
        Packet p = readOne(record(ErfType.ETH, 0, 60, ethBody(60), (SECONDS << 32) | 0x80000003L));
        assertThat(p.timestampNs).isEqualTo(SECONDS * 1_000_000_000L + 500_000_001L);
    }

    @Test
    void shouldDropTheEthernetPadAndKeepInterfaceAndErrorFlags() throws IOException {
        byte[] frame = ethBody(64);
        Packet p = readOne(record(ErfType.COLOR_ETH, 0x02 | 0x08 | 0x10, 64, pad(frame), ts()));
        assertThat(p.linkType).isEqualTo(LinkTypes.ETHERNET);
        assertThat(Arrays.copyOf(p.data(), p.capturedLength())).isEqualTo(frame);
        assertThat(p.interfaceId).isEqualTo(2);
        assertThat(p.flags & (PacketFlags.TRUNCATED | PacketFlags.RX_ERROR))
                .isEqualTo(PacketFlags.TRUNCATED | PacketFlags.RX_ERROR);
    }

    @Test
    void shouldAddTheInterfaceBase() throws IOException {
        ReaderOptions o = new ReaderOptions();
        o.interfaceBase = 4;
        Packet p = readOne(record(ErfType.ETH, 0x01, 60, pad(ethBody(60)), ts()), o);
        assertThat(p.interfaceId).isEqualTo(5);
    }

    @Test
    void shouldSkipExtensionHeadersAndPadRecords() throws IOException {
        byte[] frame = ethBody(60);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(record(ErfType.PAD, 0, 0, new byte[24], ts()));
        // two chained extension headers: the first has its top bit set, the second not
        byte[] ext = new byte[16];
        ext[0] = (byte) 0x81;
        ext[8] = 0x05;
        byte[] body = new byte[ext.length + 2 + frame.length];
        System.arraycopy(ext, 0, body, 0, ext.length);
        System.arraycopy(frame, 0, body, ext.length + 2, frame.length);
        b.writeBytes(record(ErfType.ETH | ErfType.EXTENSION_BIT, 0, 60, body, ts()));
        List<Packet> ps = readAll(b.toByteArray(), ReaderOptions.DEFAULTS);
        assertThat(ps).hasSize(1);
        assertThat(Arrays.copyOf(ps.get(0).data(), ps.get(0).capturedLength())).isEqualTo(frame);
    }

    @Test
    void shouldTellPppFromCiscoHdlcOnPosRecords() throws IOException {
        byte[] ppp = {(byte) 0xff, 0x03, 0x00, 0x21, 0x45, 0, 0, 20};
        byte[] chdlc = {0x0f, 0x00, 0x08, 0x00, 0x45, 0, 0, 20};
        assertThat(readOne(record(ErfType.HDLC_POS, 0, 8, ppp, ts())).linkType).isEqualTo(LinkTypes.PPP_HDLC);
        assertThat(readOne(record(ErfType.DSM_COLOR_HDLC_POS, 0, 8, chdlc, ts())).linkType)
                .isEqualTo(LinkTypes.C_HDLC);
    }

    @Test
    void shouldGiveAtmCellsAndAal5ASunAtmHeaderWithVpiAndVci() throws IOException {
        // UNI header: GFC 0, VPI 10, VCI 103, PTI 0, CLP 0; payload starting with LLC/SNAP
        byte[] cell = new byte[52];
        cell[0] = 0x00;
        cell[1] = (byte) 0xa0;
        cell[2] = 0x06;
        cell[3] = 0x70;
        cell[4] = (byte) 0xaa;
        cell[5] = (byte) 0xaa;
        cell[6] = 0x03;
        Packet p = readOne(record(ErfType.ATM, 0, 53, Arrays.copyOf(cell, 64), ts()));
        assertThat(p.linkType).isEqualTo(LinkTypes.SUNATM);
        assertThat(p.capturedLength()).isEqualTo(52);
        assertThat(p.wireLength).isEqualTo(53);
        assertThat(Arrays.copyOf(p.data(), 4)).containsExactly(2, 10, 0, 103);
        Packet a = readOne(record(ErfType.AAL5, 0, 40, Arrays.copyOf(cell, 44), ts()));
        assertThat(a.linkType).isEqualTo(LinkTypes.SUNATM);
        assertThat(a.capturedLength()).isEqualTo(44);
        assertThat(a.wireLength).isEqualTo(44);
    }

    @Test
    void shouldDeliverIpRecordsAsRawIpOrWithASyntheticEthernetHeader() throws IOException {
        byte[] ip4 = new byte[20];
        ip4[0] = 0x45;
        ip4[3] = 20;
        byte[] ip6 = new byte[40];
        ip6[0] = 0x60;
        Packet p = readOne(record(ErfType.IPV4, 0, 20, ip4, ts()));
        assertThat(p.linkType).isEqualTo(LinkTypes.RAW);
        assertThat(p.wireLength).isEqualTo(20);
        ReaderOptions o = new ReaderOptions();
        o.linkEthernet = true;
        Packet e = readOne(record(ErfType.IPV6, 0, 40, ip6, ts()), o);
        assertThat(e.linkType).isEqualTo(LinkTypes.ETHERNET);
        assertThat(e.wireLength).isEqualTo(54);
        assertThat(e.capturedLength()).isEqualTo(54);
        assertThat(e.data()[0] & 0xff).isEqualTo(0x02);
        assertThat((e.data()[12] & 0xff) << 8 | (e.data()[13] & 0xff)).isEqualTo(0x86dd);
    }

    @Test
    void shouldRefuseARecordLengthShorterThanItsHeader() {
        byte[] r = record(ErfType.ETH, 0, 60, pad(ethBody(60)), ts());
        r[10] = 0;
        r[11] = 8;
        assertThatThrownBy(() -> readAll(r, ReaderOptions.DEFAULTS))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("record 0 at byte offset 0")
                .hasMessageContaining("record length 8");
    }

    @Test
    void shouldRefuseUnknownRecordTypesByNumber() {
        byte[] r = record(5, 0, 60, new byte[60], ts());
        assertThatThrownBy(() -> readAll(r, ReaderOptions.DEFAULTS))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("unsupported ERF record type 5");
    }

    @Test
    void shouldNotAllocateForAHugeDamagedLengthButReportTheCut() {
        byte[] r = record(ErfType.ETH, 0, 60, pad(ethBody(60)), ts());
        r[10] = (byte) 0xff;
        r[11] = (byte) 0xff; // 65535: bounded by the 16-bit field, read as a cut-off record
        assertThatThrownBy(() -> readAll(r, ReaderOptions.DEFAULTS))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("cut off");
    }

    // --- helpers building ERF records ---

    private static long ts() {
        return SECONDS << 32;
    }

    private static byte[] ethBody(int n) {
        byte[] f = new byte[n];
        for (int i = 0; i < n; i++) {
            f[i] = (byte) (i * 7);
        }
        f[12] = 0x08;
        f[13] = 0x00;
        return f;
    }

    private static byte[] pad(byte[] frame) {
        byte[] b = new byte[frame.length + 2];
        System.arraycopy(frame, 0, b, 2, frame.length);
        return b;
    }

    static byte[] record(int typeByte, int flags, int wlen, byte[] body, long ts) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.order(ByteOrder.LITTLE_ENDIAN).putLong(ts).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) typeByte)
                .put((byte) flags)
                .putShort((short) (16 + body.length))
                .putShort((short) 0)
                .putShort((short) wlen)
                .put(body);
        return b.array();
    }

    private static Packet readOne(byte[] data) throws IOException {
        return readOne(data, ReaderOptions.DEFAULTS);
    }

    private static Packet readOne(byte[] data, ReaderOptions o) throws IOException {
        List<Packet> ps = readAll(data, o);
        assertThat(ps).hasSize(1);
        return ps.get(0);
    }

    private static List<Packet> readAll(byte[] data, ReaderOptions o) throws IOException {
        List<Packet> out = new ArrayList<>();
        try (ErfReader r = new ErfReader(new TraceSource("test.erf", new ByteArrayInputStream(data), o))) {
            Packet p = new Packet();
            while (r.next(p)) {
                Packet c = new Packet();
                c.copyFrom(p);
                out.add(c);
            }
        }
        return out;
    }

    private static byte[] head(Path f) throws IOException {
        return Arrays.copyOf(Files.readAllBytes(f), 64);
    }
}
