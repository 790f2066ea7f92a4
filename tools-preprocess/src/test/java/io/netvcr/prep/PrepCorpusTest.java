package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.NvcrWriter;
import io.netvcr.formats.testing.SharedTraces;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every trace of the shared corpus (except malformed/) that this build can open: convert, prep with the
 * defaults, export as replayed, and let tshark judge. Frames whose checksums prep could not see are exempt
 * and counted: records flagged CHECKSUMS_UNTOUCHED (fragments, cut headers, protocols without a known
 * checksum) and frames prep found no IP header in (EoMPLS pseudowires, IPoIB and other link types the
 * dissector does not follow). Tunnels prep follows (IP in IP, 6in4, GRE, VXLAN) are not exempt.
 */
class PrepCorpusTest {
    static final String[] DIRS = {"pcap", "pcapng", "compressed", "erf", "legacy-dag", "tsh"};

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> shouldExportOnlyGoodChecksumsAndFullLengthFrames() {
        Path root = SharedTraces.require();
        Tshark.require();
        List<DynamicTest> tests = new ArrayList<>();
        for (String dir : DIRS) {
            if (!Files.isDirectory(root.resolve(dir))) {
                continue;
            }
            for (Path f : SharedTraces.files(dir)) {
                tests.add(DynamicTest.dynamicTest(dir + "/" + f.getFileName(), () -> check(f)));
            }
        }
        return tests.stream();
    }

    private void check(Path trace) throws Exception {
        String name = trace.getFileName().toString();
        Path converted = tmp.resolve(name + ".nvcr");
        String format = formatFor(name);
        // Every format of the corpus has a reader: one that refuses a corpus trace is a regression, not a skip.
        assertThat(io.netvcr.formats.TraceFormats.byName(format == null ? "pcap" : format))
                .as("reader for " + name)
                .isPresent();
        convert(trace, format, converted);
        Path prepared = tmp.resolve(name + ".prep.nvcr");
        PrepOptions o = new PrepOptions();
        o.input = converted.toString();
        o.output = prepared.toString();
        PrepResult r = Preparer.run(o, Progress.none());
        // what the replayer checks at open: every prepared corpus trace passes
        io.netvcr.formats.nvcr.NvcrValidator.validate(prepared);
        Path exported = Tshark.asReplayed(prepared, tmp.resolve(name + ".replayed.pcapng"));

        List<Integer> send = new ArrayList<>();
        List<Boolean> exempt = new ArrayList<>();
        try (NvcrFile f = NvcrFile.open(prepared)) {
            NvcrRecord rec = new NvcrRecord();
            assertThat(f.header().isPrepared()).isTrue();
            for (long i = 0; i < f.count(); i++) {
                f.record(i, rec);
                assertThat(rec.flags() & PacketFlags.PREPARED).isNotZero();
                // Wireshark shows SunATM frames without their 4-byte pseudo-header.
                send.add(rec.sendLength() - (rec.linkType() == io.netvcr.formats.LinkTypes.SUNATM ? 4 : 0));
                exempt.add((rec.flags() & PacketFlags.CHECKSUMS_UNTOUCHED) != 0 || rec.l3Offset() == NvcrLayout.NONE16);
                int expected = Math.min(Math.max(rec.wireLength(), rec.storedLength()), o.mtu);
                assertThat(rec.sendLength()).as("send length of record %d", i).isEqualTo(expected);
            }
            assertThat(f.count()).isEqualTo(r.packets);
        }
        List<String[]> frames = Tshark.fields(
                exported,
                null,
                "frame.number",
                "frame.len",
                "frame.cap_len",
                "ip.checksum.status",
                "tcp.checksum.status",
                "udp.checksum.status",
                "icmp.checksum.status",
                "icmpv6.checksum.status");
        assertThat(frames).as("frames tshark sees in %s", name).hasSize(send.size());
        String bad = Tshark.badStatus();
        int exempted = 0;
        for (String[] fr : frames) {
            int i = Integer.parseInt(fr[0]) - 1;
            assertThat(Integer.parseInt(fr[1]))
                    .as("frame.len of frame %d in %s", i + 1, name)
                    .isEqualTo(send.get(i));
            assertThat(Integer.parseInt(fr[2]))
                    .as("frame.cap_len of frame %d in %s", i + 1, name)
                    .isEqualTo(send.get(i));
            boolean isBad = false;
            for (int c = 3; c <= 7; c++) {
                for (String v : fr[c].split(",")) {
                    isBad |= v.equals(bad);
                }
            }
            if (isBad) {
                assertThat(exempt.get(i))
                        .as(
                                "frame %d of %s has a bad checksum (%s) that prep claims it prepared",
                                i + 1, name, String.join(" ", fr))
                        .isTrue();
                exempted++;
            }
        }
        System.out.printf(
                "%s: %d frames, %d checksums written, %d untouched, %d bad-by-tshark all exempt%n",
                name, frames.size(), r.checksumsWritten, r.checksumsUntouched, exempted);
    }

    /** Headerless formats need naming (as --format does); the corpus names them by extension or file name. */
    static String formatFor(String name) {
        if (name.contains("legacyatm")) {
            return "legacy-atm";
        }
        if (name.contains("legacyeth")) {
            return "legacy-eth";
        }
        if (name.contains("legacypos")) {
            return "legacy-pos";
        }
        if (name.contains(".tsh")) {
            return "tsh";
        }
        if (name.contains(".erf")) {
            return "erf";
        }
        return null;
    }

    static void convert(Path trace, String format, Path out) throws IOException {
        try (TraceInput in = TraceInput.open(trace.toString(), format, new ReaderOptions());
                FileChannel ch = FileChannel.open(
                        out,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                NvcrWriter w = new NvcrWriter(ch, new NvcrHeader())) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                w.append(p);
            }
            w.finish();
        }
    }
}
