package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ToolMain;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.testing.ExternalTools;
import io.netvcr.formats.testing.SharedTraces;
import io.netvcr.formats.testing.SharedTraces.RefPacket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pcap and pcapng file of the shared corpus goes trace -> .nvcr -> .pcap (or .pcapng when link types
 * mix or timestamps do not fit 32-bit seconds) through netvcr-convert, and must keep tshark's view of every
 * packet (reference/*.tsv): timestamp to the ns, wire length, captured length (as stored: at most the snap
 * length) and the first IPv4 header's fields. tshark reads the export back; the records' L3 offsets point
 * at that same IPv4 header.
 */
class CorpusRoundTripTest {
    /** The most a record can store: records are at most 64 KiB including their 64-byte header. */
    static final int MAX_SNAP = NvcrLayout.MAX_RECORD_LENGTH - NvcrLayout.RECORD_HEADER_LENGTH;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> shouldKeepEveryPacketThroughNvcrAndBack() {
        SharedTraces.require();
        List<Path> files = new ArrayList<>(SharedTraces.files("pcap"));
        files.addAll(SharedTraces.files("pcapng"));
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> roundTrip(f)));
    }

    private static int convert(String... args) {
        return ToolMain.run("netvcr-convert", new ConvertCommand(), args);
    }

    private void roundTrip(Path trace) throws IOException {
        String name = trace.getFileName().toString();
        List<RefPacket> ref = SharedTraces.reference(name);
        assertThat(ref).as("reference dump for %s", name).isNotNull();
        int maxCap = ref.stream().mapToInt(RefPacket::capLength).max().orElse(0);
        // Store whole packets (records sized to the largest) except where a packet exceeds what a record holds.
        int snap = Math.min(Math.max(maxCap, 64), MAX_SNAP);
        Path nvcr = dir.resolve(name + ".nvcr");
        assertThat(convert("-q", "--snap", Integer.toString(snap), trace.toString(), nvcr.toString()))
                .as("convert %s", name)
                .isZero();

        boolean needsPcapng;
        try (NvcrFile f = NvcrFile.open(nvcr)) {
            assertThat(f.count()).as("records in %s", name).isEqualTo(ref.size());
            needsPcapng = checkRecords(name, f, ref, snap);
        }

        Path export = dir.resolve(name + (needsPcapng ? ".export.pcapng" : ".export.pcap"));
        assertThat(convert("-q", nvcr.toString(), export.toString()))
                .as("export %s", name)
                .isZero();
        List<String> seen = ExternalTools.tsharkFields(
                export,
                List.of(),
                "frame.time_epoch",
                "frame.len",
                "frame.cap_len",
                "ip.src",
                "ip.dst",
                "ip.proto",
                "ip.len");
        assertThat(seen).as("packets tshark reads from the export of %s", name).hasSize(ref.size());
        for (int i = 0; i < ref.size(); i++) {
            RefPacket r = ref.get(i);
            String[] v = seen.get(i).split("\t", -1);
            if (!r.epoch().isEmpty()) {
                assertThat(SharedTraces.epochToNs(v[0]))
                        .as("%s packet %d time", name, i + 1)
                        .isEqualTo(SharedTraces.epochToNs(r.epoch()));
            }
            assertThat(Integer.parseInt(v[1]))
                    .as("%s packet %d wire length", name, i + 1)
                    .isEqualTo(r.wireLength());
            assertThat(Integer.parseInt(v[2]))
                    .as("%s packet %d captured length", name, i + 1)
                    .isEqualTo(Math.min(r.capLength(), snap));
            if (r.capLength() <= snap) {
                assertThat(List.of(v[3], v[4], v[5], v[6]))
                        .as("%s packet %d IPv4 fields", name, i + 1)
                        .isEqualTo(List.of(r.ipSrc(), r.ipDst(), r.ipProto(), r.ipLen()));
            }
        }
    }

    /** Checks records against the reference; returns whether the export needs pcapng. */
    private static boolean checkRecords(String name, NvcrFile f, List<RefPacket> ref, int snap) {
        NvcrRecord rec = new NvcrRecord();
        byte[] data = new byte[NvcrLayout.MAX_RECORD_LENGTH];
        FrameDissector d = new FrameDissector();
        boolean pcapng = f.header().linkType == NvcrLayout.NONE16 && f.count() > 0;
        for (int i = 0; i < ref.size(); i++) {
            RefPacket r = ref.get(i);
            f.record(i, rec);
            String at = name + " record " + i;
            if (r.epoch().isEmpty()) {
                assertThat(rec.flags() & PacketFlags.NO_TIMESTAMP)
                        .as("%s: no timestamp in the source (SPB)", at)
                        .isNotZero();
            } else {
                assertThat(rec.timestampNs()).as("%s timestamp", at).isEqualTo(SharedTraces.epochToNs(r.epoch()));
            }
            long sec = Math.floorDiv(rec.timestampNs(), 1_000_000_000L);
            pcapng |= sec < 0 || sec > 0xffffffffL;
            assertThat(rec.wireLength()).as("%s wire length", at).isEqualTo(r.wireLength());
            int stored = Math.min(r.capLength(), snap);
            assertThat(rec.storedLength()).as("%s stored length", at).isEqualTo(stored);
            assertThat((rec.flags() & PacketFlags.TRUNCATED) != 0)
                    .as("%s truncated flag", at)
                    .isEqualTo(stored < r.wireLength());
            rec.copyData(data, 0);
            d.dissect(data, stored, rec.linkType());
            assertThat(rec.l3Offset())
                    .as("%s L3 offset", at)
                    .isEqualTo(d.l3Offset < 0 ? NvcrLayout.NONE16 : d.l3Offset);
            assertThat(rec.l4Offset())
                    .as("%s L4 offset", at)
                    .isEqualTo(d.l4Offset < 0 ? NvcrLayout.NONE16 : d.l4Offset);
            if (d.l3Type == FrameDissector.ETHERTYPE_IPV4 && !r.ipSrc().isEmpty()) {
                // The header the record points at is the one tshark lists first.
                int o = d.l3Offset;
                assertThat(ip4(data, o + 12) + " " + ip4(data, o + 16) + " " + (data[o + 9] & 0xff))
                        .as("%s IPv4 header at L3 offset %d", at, o)
                        .isEqualTo(r.ipSrc() + " " + r.ipDst() + " " + r.ipProto());
            }
        }
        return pcapng;
    }

    private static String ip4(byte[] b, int o) {
        return (b[o] & 0xff) + "." + (b[o + 1] & 0xff) + "." + (b[o + 2] & 0xff) + "." + (b[o + 3] & 0xff);
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
