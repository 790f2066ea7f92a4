package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.testing.ReferenceCheck;
import io.netvcr.formats.testing.SharedTraces;
import io.netvcr.formats.testing.SharedTraces.RefPacket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compressed corpus traces convert like their plain twins; the codec never changes the NetVCR output. */
class CompressedReferenceTest {
    @TempDir
    Path tmp;

    interface Codec {
        OutputStream wrap(OutputStream o) throws IOException;
    }

    @Test
    void shouldConvertEveryCompressedCorpusFileAndExportItAsTsharkSawIt() throws IOException {
        for (Path f : SharedTraces.files("compressed")) {
            String path = "compressed/" + f.getFileName();
            ReferenceCheck.Expectation e = ReferenceCheck.expectationFor(path);
            if (e == null) {
                continue; // the large traces have no dump: counted below
            }
            int snap = Math.max(
                    64, e.want().stream().mapToInt(RefPacket::capLength).max().orElse(64));
            Path nvcr = tmp.resolve(f.getFileName() + ".nvcr");
            Path export = tmp.resolve(f.getFileName() + ".pcapng");
            String input = f.getFileName().toString().contains(".tsh") ? "tsh:" + f : f.toString();
            ConvertRun.convert(input, nvcr, o -> {
                o.snap = snap;
                o.linkEthernet = false;
            });
            ConvertRun.convert(nvcr.toString(), export, o -> {});
            ReferenceCheck.assertMatchesCorpus(path, ReferenceCheck.read(export, null, ReaderOptions.DEFAULTS));
        }
    }

    @Test
    void shouldConvertTheLargeCompressedTracesWithTheManifestsCountsAndTimes() throws IOException {
        Map<String, Map<String, String>> manifest = SharedTraces.manifest();
        for (String path :
                List.of("compressed/libtrace_large_legacy_atm.erf.gz", "compressed/zeek_echo-connections.pcap.gz")) {
            Map<String, String> row = manifest.get(path);
            Path nvcr = tmp.resolve("large.nvcr");
            ConvertResult r =
                    ConvertRun.convert(SharedTraces.require().resolve(path).toString(), nvcr, o -> {});
            assertThat(r.packets).as(path).isEqualTo(Long.parseLong(row.get("packet_count")));
            List<Packet> ps = ConvertRun.packets(nvcr);
            assertThat(ps.get(0).timestampNs).isEqualTo(SharedTraces.epochToNs(row.get("first_ts_epoch")));
            assertThat(ps.get(ps.size() - 1).timestampNs).isEqualTo(SharedTraces.epochToNs(row.get("last_ts_epoch")));
        }
    }

    @Test
    void shouldWriteByteIdenticalNvcrWhicheverWayTheTraceIsCompressed() throws IOException {
        byte[] plain = Files.readAllBytes(SharedTraces.require().resolve("erf/libtrace-tutorial_mpls.erf"));
        Map<String, Codec> codecs = Map.of(
                "plain", o -> o,
                "gzip", GzipCompressorOutputStream::new,
                "bzip2", o -> new BZip2CompressorOutputStream(o, 1),
                "xz", o -> new XZCompressorOutputStream(o, 1),
                "zstd", ZstdCompressorOutputStream::new);
        byte[] want = null;
        for (Map.Entry<String, Codec> c : codecs.entrySet()) {
            // same file name in its own directory: the name is recorded in the NetVCR header
            Path dir = Files.createDirectories(tmp.resolve(c.getKey()));
            Path in = dir.resolve("trace.erf");
            try (OutputStream o = c.getValue().wrap(Files.newOutputStream(in))) {
                o.write(plain);
            }
            Path out = dir.resolve("trace.nvcr");
            ConvertRun.convert(in.toString(), out, o -> {});
            byte[] got = Files.readAllBytes(out);
            if (want == null) {
                want = got;
            }
            assertThat(got).as(c.getKey()).isEqualTo(want);
        }
        assertThat(ConvertRun.packets(tmp.resolve("plain/trace.nvcr"))).hasSize(10000);
    }

    @Test
    void shouldReadCompressedInputFromStdin() throws IOException {
        Path f = SharedTraces.require().resolve("compressed/libtrace_100_packets.pcapng.xz");
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(f)));
            ConvertResult r = ConvertRun.convert("-", tmp.resolve("stdin.pcapng"), o -> {});
            assertThat(r.packets).isEqualTo(100);
        } finally {
            System.setIn(saved);
        }
        ReferenceCheck.assertMatchesCorpus(
                "compressed/libtrace_100_packets.pcapng.xz",
                ReferenceCheck.read(tmp.resolve("stdin.pcapng"), null, ReaderOptions.DEFAULTS));
    }

    @Test
    void shouldReportACutCompressedStreamAsBadDataAndLeaveNoOutput() {
        Path f = SharedTraces.require().resolve("malformed/trunc_stream.pcap.gz");
        Path out = tmp.resolve("cut.nvcr");
        assertThatThrownBy(() -> ConvertRun.convert(f.toString(), out, o -> {}))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("gzip data is damaged or cut off")
                .hasMessageContaining("trunc_stream.pcap.gz: record ");
        assertThat(out).doesNotExist();
    }
}
