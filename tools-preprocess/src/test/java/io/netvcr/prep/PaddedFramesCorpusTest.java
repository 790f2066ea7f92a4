package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceFormats;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.dissect.FrameDissector;
import io.netvcr.formats.nvcr.AsReplayedReader;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.pcapng.PcapngWriter;
import io.netvcr.formats.testing.SharedTraces;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's promise on every trace of the shared corpus (compressed ones included; malformed/ aside): at
 * snaps 40, 54, 64, 96 and 128, with the pad and the null payload, every frame of the as-replayed export that
 * prep did not count as untouched has good IPv4, TCP, UDP, ICMP and ICMPv6 checksums and is not malformed, as
 * tshark judges it. One tshark run per (snap, payload): all traces go into one pcapng, one interface each.
 * Large traces contribute their first {@value #LIMIT} packets (enough for every kind of frame they hold, and
 * it keeps the test near a minute). With the null payload, every byte after the transport header (after the
 * IP header for other protocols) must be zero in every frame.
 */
class PaddedFramesCorpusTest {
    static final int LIMIT = 600;
    static final int[] SNAPS = {40, 54, 64, 96, 128};
    static final String[] DIRS = {"pcap", "pcapng", "compressed", "erf", "legacy-dag", "tsh"};

    /**
     * Layers prep answers for: a malformation tshark reports in one of these (the last layer it decoded) fails the
     * test. Application protocols decoding a zero or cut payload (DHCP without its magic cookie, SDP, SMB2...) are
     * the payload mode's doing, by design, and are only counted.
     */
    static final java.util.Set<String> OURS = java.util.Set.of(
            "eth",
            "ethertype",
            "vlan",
            "mpls",
            "pwethcw",
            "sll",
            "ppp",
            "chdlc",
            "null",
            "loop",
            "raw",
            "ip",
            "ipv6",
            "ipv6.hopopts",
            "ipv6.routing",
            "ipv6.fraghdr",
            "ipv6.dstopts",
            "tcp",
            "udp",
            "icmp",
            "icmpv6",
            "gre",
            "vxlan",
            "pppoes",
            "pppoed",
            "frame");

    @TempDir
    static Path tmp;

    /** Each readable trace's first LIMIT packets, read once (as netvcr-convert reads them for .nvcr). */
    static final Map<String, List<Packet>> TRACES = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        Path root = SharedTraces.root();
        if (root == null) {
            return;
        }
        for (String dir : DIRS) {
            if (!Files.isDirectory(root.resolve(dir))) {
                continue;
            }
            for (Path f : SharedTraces.files(dir)) {
                String name = f.getFileName().toString();
                String format = PrepCorpusTest.formatFor(name);
                if (format != null && TraceFormats.byName(format).isEmpty()) {
                    continue;
                }
                ReaderOptions ro = new ReaderOptions();
                ro.linkEthernet = true;
                List<Packet> packets = new ArrayList<>();
                try (TraceInput in = TraceInput.open(f.toString(), format, ro)) {
                    Packet p = new Packet();
                    while (packets.size() < LIMIT && in.reader().next(p)) {
                        Packet c = new Packet();
                        c.copyFrom(p);
                        packets.add(c);
                    }
                } catch (TraceFormatException e) {
                    continue; // a format this build does not read: PrepCorpusTest reports those
                }
                if (!packets.isEmpty()) {
                    TRACES.put(dir + "/" + name, packets);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFrameNotUntouchedIsValidOnTheWire() {
        SharedTraces.require();
        Tshark.require();
        List<DynamicTest> tests = new ArrayList<>();
        for (int snap : SNAPS) {
            for (PayloadMode mode : new PayloadMode[] {PayloadMode.PAD, PayloadMode.NULL}) {
                if (!System.getProperty("netvcr.test.snaps", "40,54,64,96,128").matches("(.*,)?" + snap + "(,.*)?")) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(
                        "snap " + snap + ", --payload " + mode.name().toLowerCase(), () -> check(snap, mode)));
            }
        }
        return tests.stream();
    }

    /** What tshark must find about one exported frame. */
    record Frame(String trace, long record, boolean untouched, boolean nonIp) {}

    private void check(int snap, PayloadMode mode) throws Exception {
        String tag = snap + "-" + mode.name().toLowerCase();
        Path export = tmp.resolve(tag + ".pcapng");
        List<Frame> frames = new ArrayList<>();
        Map<String, Long> reasons = new LinkedHashMap<>();
        long untouched = 0;
        long nullChecked = 0;
        FrameDissector dis = new FrameDissector();
        try (FileChannel ch = FileChannel.open(
                        export,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                PcapngWriter w = new PcapngWriter(ch)) {
            int traceNo = 0;
            for (Map.Entry<String, List<Packet>> t : TRACES.entrySet()) {
                String name = t.getKey().replace('/', '_');
                Path converted = tmp.resolve(name + "." + tag + ".nvcr");
                convert(t.getValue(), snap, converted);
                Path prepared = tmp.resolve(name + "." + tag + ".prep.nvcr");
                PrepOptions o = new PrepOptions();
                o.input = converted.toString();
                o.output = prepared.toString();
                o.payload = mode;
                PrepResult r = Preparer.run(o, Progress.none());
                untouched += r.checksumsUntouched;
                for (UntouchedReason why : UntouchedReason.values()) {
                    reasons.merge(why.key, r.untouched(why), Long::sum);
                }
                List<Boolean> flags = new ArrayList<>();
                List<Boolean> nonIp = new ArrayList<>();
                try (NvcrFile f = NvcrFile.open(prepared)) {
                    NvcrRecord rec = new NvcrRecord();
                    for (long i = 0; i < f.count(); i++) {
                        f.record(i, rec);
                        flags.add((rec.flags() & PacketFlags.CHECKSUMS_UNTOUCHED) != 0);
                        nonIp.add(rec.l3Offset() == NvcrLayout.NONE16);
                    }
                }
                assertThat(r.checksumsUntouched)
                        .as("untouched count of %s", t.getKey())
                        .isEqualTo(flags.stream().filter(b -> b).count());
                try (TraceInput in = TraceInput.open(prepared.toString(), null, new ReaderOptions())) {
                    AsReplayedReader reader = AsReplayedReader.over(in.reader(), in.name());
                    Packet p = new Packet();
                    long i = 0;
                    while (reader.next(p)) {
                        if (mode == PayloadMode.NULL) {
                            nullChecked += assertNullPayload(p, dis, t.getKey(), i);
                        }
                        p.interfaceId = traceNo;
                        w.write(p);
                        frames.add(new Frame(t.getKey(), i, flags.get((int) i), nonIp.get((int) i)));
                        i++;
                    }
                    assertThat(i).as("frames exported from %s", t.getKey()).isEqualTo(flags.size());
                }
                Files.delete(converted);
                Files.delete(prepared);
                traceNo++;
            }
            w.finish();
        }
        List<String[]> rows = Tshark.fields(
                export,
                null,
                "frame.number",
                "ip.checksum.status",
                "tcp.checksum.status",
                "udp.checksum.status",
                "icmp.checksum.status",
                "icmpv6.checksum.status",
                "_ws.malformed",
                "frame.protocols");
        assertThat(rows).as("frames tshark reads from %s", export).hasSize(frames.size());
        String bad = Tshark.badStatus();
        List<String> failures = new ArrayList<>();
        Map<String, Integer> byKind = new java.util.TreeMap<>();
        Map<String, Integer> applicationMalformed = new java.util.TreeMap<>();
        long exempted = 0;
        long nonIpFlagged = 0;
        Map<String, Integer> nonIpByTrace = new java.util.TreeMap<>();
        for (String[] row : rows) {
            int n = Integer.parseInt(row[0]) - 1;
            Frame fr = frames.get(n);
            boolean isBad = false;
            for (int c = 1; c <= 5; c++) {
                for (String v : row[c].split(",")) {
                    isBad |= v.equals(bad);
                }
            }
            String[] layers = row[7].split(":");
            String blamed = layers[layers.length - 1];
            boolean malformed = !row[6].isEmpty() && OURS.contains(blamed);
            if (!row[6].isEmpty() && !malformed) {
                applicationMalformed.merge(blamed + (blamed.equals("data") ? "@" + fr.trace() : ""), 1, Integer::sum);
            }
            if (isBad || malformed) {
                if (fr.untouched()) {
                    exempted++;
                    if (fr.nonIp()) {
                        nonIpFlagged++;
                        nonIpByTrace.merge(fr.trace(), 1, Integer::sum);
                    }
                } else {
                    byKind.merge(fr.trace() + (isBad ? " bad" : "") + (malformed ? " " + row[6] : ""), 1, Integer::sum);
                    failures.add(fr.trace() + " record " + fr.record() + (isBad ? " bad checksum" : "")
                            + (malformed ? " malformed" : "") + " [" + String.join(" ", row) + "]");
                }
            }
        }
        System.out.printf(
                "snap %d --payload %s: %d traces, %d frames, %d untouched %s, %d frames flagged by tshark "
                        + "exempt as untouched (%d of them without IP for prep), %d null payloads checked, %d failures%n",
                snap,
                mode.name().toLowerCase(),
                TRACES.size(),
                frames.size(),
                untouched,
                reasons,
                exempted,
                nonIpFlagged,
                nullChecked,
                failures.size());
        System.out.println("  application payloads tshark finds malformed (pad/null payload, not headers): "
                + applicationMalformed);
        System.out.println("  of which prep found no IP in (unknownLink), by trace: " + nonIpByTrace);
        byKind.forEach((k, v) -> System.out.println("  " + v + " x " + k));
        failures.stream().limit(10).forEach(System.out::println);
        assertThat(failures)
                .as("frames prep prepared that tshark finds bad or malformed")
                .isEmpty();
    }

    /**
     * With the null payload, every byte after the transport header (TCP data offset, 8 for UDP/ICMP), or after
     * the IP and extension headers for other protocols, is zero. Returns 1 when the frame had IP to check.
     */
    static int assertNullPayload(Packet p, FrameDissector dis, String trace, long record) {
        byte[] b = p.data();
        int len = p.capturedLength();
        dis.dissect(b, len, p.linkType);
        int end;
        if (dis.l3Offset < 0) {
            return 0;
        }
        if (dis.l4Offset >= 0) {
            int l4 = dis.l4Offset;
            switch (dis.l4Protocol) {
                case 6 -> end = l4 + Math.max(20, l4 + 12 < len ? ((b[l4 + 12] & 0xf0) >>> 4) * 4 : 20);
                case 17, 1 -> end = l4 + 8;
                // Neighbour Discovery options belong to the message (ChecksumPrecomputer keeps them whole).
                case 58 -> end = l4 < len && ChecksumPrecomputer.isNeighbourDiscovery(b[l4] & 0xff) ? len : l4 + 8;
                default -> end = l4;
            }
        } else if (dis.l3End >= 0) {
            end = dis.l3End;
        } else {
            return 0;
        }
        for (int i = end; i < len; i++) {
            if (b[i] != 0) {
                throw new AssertionError(String.format(
                        "%s record %d: byte %d of %d after the headers (end %d) is %02x, " + "not zero",
                        trace, record, i, len, end, b[i] & 0xff));
            }
        }
        return 1;
    }

    static void convert(List<Packet> packets, int snap, Path out) throws IOException {
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
}
