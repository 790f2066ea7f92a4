package io.netvcr.prep;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.Progress;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every trace of the shared corpus (except malformed/) that this build can open: convert, prep with the
 * defaults, export as replayed, and let tshark judge. Frames whose checksums prep could not see are exempt
 * and counted: records flagged CHECKSUMS_UNTOUCHED (fragments, cut headers), frames prep found no IP header
 * in (EoMPLS pseudowires, exotic link types), and tunnels whose inner headers tshark checks (inner checksums
 * are not recomputed: a known limit).
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
        try {
            convert(trace, converted);
        } catch (TraceFormatException e) {
            Assumptions.abort("this build cannot read " + name + " yet: " + e.getMessage());
        }
        Path prepared = tmp.resolve(name + ".prep.nvcr");
        PrepOptions o = new PrepOptions();
        o.input = converted.toString();
        o.output = prepared.toString();
        PrepResult r = Preparer.run(o, Progress.none());
        Path exported = Tshark.asReplayed(prepared, tmp.resolve(name + ".replayed.pcapng"));

        List<Integer> send = new ArrayList<>();
        List<Boolean> exempt = new ArrayList<>();
        try (NvcrFile f = NvcrFile.open(prepared)) {
            NvcrRecord rec = new NvcrRecord();
            assertThat(f.header().isPrepared()).isTrue();
            for (long i = 0; i < f.count(); i++) {
                f.record(i, rec);
                assertThat(rec.flags() & PacketFlags.PREPARED).isNotZero();
                send.add(rec.sendLength());
                exempt.add((rec.flags() & PacketFlags.CHECKSUMS_UNTOUCHED) != 0 || rec.l3Offset() == NvcrLayout.NONE16);
                int expected = Math.min(Math.max(rec.wireLength(), rec.storedLength()), o.mtu);
                assertThat(rec.sendLength()).as("send length of record %d", i).isEqualTo(expected);
            }
            assertThat(f.count()).isEqualTo(r.packets);
        }
        List<String[]> frames = Tshark.fields(exported, null, "frame.number", "frame.len", "frame.cap_len",
            "ip.checksum.status", "tcp.checksum.status", "udp.checksum.status", "icmp.checksum.status",
            "icmpv6.checksum.status", "ip.version", "ipv6.version");
        assertThat(frames).as("frames tshark sees in %s", name).hasSize(send.size());
        String bad = Tshark.badStatus();
        int exempted = 0;
        for (String[] fr : frames) {
            int i = Integer.parseInt(fr[0]) - 1;
            assertThat(Integer.parseInt(fr[1])).as("frame.len of frame %d in %s", i + 1, name).isEqualTo(send.get(i));
            assertThat(Integer.parseInt(fr[2])).as("frame.cap_len of frame %d in %s", i + 1, name).isEqualTo(send.get(i));
            boolean isBad = false;
            for (int c = 3; c <= 7; c++) {
                for (String v : fr[c].split(",")) {
                    isBad |= v.equals(bad);
                }
            }
            int ipLayers = (fr[8].isEmpty() ? 0 : fr[8].split(",").length) + (fr[9].isEmpty() ? 0 : fr[9].split(",").length);
            if (isBad) {
                boolean tunnel = ipLayers > 1;
                assertThat(exempt.get(i) || tunnel)
                    .as("frame %d of %s has a bad checksum (%s) that prep claims it prepared", i + 1, name, String.join(" ", fr))
                    .isTrue();
                exempted++;
            }
        }
        System.out.printf("%s: %d frames, %d checksums written, %d untouched, %d bad-by-tshark all exempt%n",
            name, frames.size(), r.checksumsWritten, r.checksumsUntouched, exempted);
    }

    static void convert(Path trace, Path out) throws IOException {
        try (TraceInput in = TraceInput.open(trace.toString(), null, new ReaderOptions());
             FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
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
