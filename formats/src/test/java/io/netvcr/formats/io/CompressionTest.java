package io.netvcr.formats.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.testing.ReferenceCheck;
import io.netvcr.formats.testing.SharedTraces;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressionTest {
    @TempDir
    Path tmp;

    interface Codec {
        OutputStream wrap(OutputStream o) throws IOException;
    }

    static byte[] compress(byte[] plain, Codec c) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream o = c.wrap(b)) {
            o.write(plain);
        }
        return b.toByteArray();
    }

    static final List<Object[]> CODECS = List.of(
            new Object[] {Compression.GZIP, (Codec) GzipCompressorOutputStream::new},
            new Object[] {Compression.BZIP2, (Codec) o -> new BZip2CompressorOutputStream(o, 1)}, // 100 kB blocks
            new Object[] {Compression.XZ, (Codec) o -> new XZCompressorOutputStream(o, 1)},
            new Object[] {Compression.ZSTD, (Codec) ZstdCompressorOutputStream::new});

    @Test
    void shouldReadTheSameTraceCompressedFourWaysFromFilesAndFromStreams() throws IOException {
        Path src = SharedTraces.require().resolve("erf/libtrace_fragtest.erf");
        byte[] plain = Files.readAllBytes(src);
        List<ReferenceCheck.Seen> want = ReferenceCheck.read(src, null, ReaderOptions.DEFAULTS);
        assertThat(want).hasSize(10000);
        for (Object[] c : CODECS) {
            Compression kind = (Compression) c[0];
            byte[] packed = compress(plain, (Codec) c[1]);
            assertThat(Compression.detect(packed, packed.length)).isEqualTo(kind);
            Path f = tmp.resolve("trace." + kind);
            Files.write(f, packed);
            assertThat(ReferenceCheck.read(f, null, ReaderOptions.DEFAULTS))
                    .as("file " + kind)
                    .isEqualTo(want);
            assertThat(readStream(packed, null)).as("stream " + kind).isEqualTo(want);
        }
    }

    @Test
    void shouldMatchTheReferenceForEveryCompressedCorpusFile() throws IOException {
        for (Path f : SharedTraces.files("compressed")) {
            String name = f.getFileName().toString();
            List<SharedTraces.RefPacket> ref = SharedTraces.reference(name);
            if (ref == null) {
                continue; // the two large traces: counted in CompressedReferenceTest
            }
            String format = name.contains(".tsh") ? "tsh" : null;
            ReferenceCheck.assertMatchesCorpus(
                    "compressed/" + name, ReferenceCheck.read(f, format, ReaderOptions.DEFAULTS));
        }
    }

    @Test
    void shouldReadMultiMemberGzipAsOneTrace() throws IOException {
        Path src = SharedTraces.require().resolve("tsh/libtrace_10_packets.tsh");
        byte[] plain = Files.readAllBytes(src);
        int cut = 44 * 37; // members split on a record boundary, as when rotated captures are concatenated
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.writeBytes(compress(Arrays.copyOf(plain, cut), GzipCompressorOutputStream::new));
        two.writeBytes(compress(Arrays.copyOfRange(plain, cut, plain.length), GzipCompressorOutputStream::new));
        assertThat(readStream(two.toByteArray(), "tsh"))
                .isEqualTo(ReferenceCheck.read(src, "tsh", ReaderOptions.DEFAULTS));
    }

    @Test
    void shouldReportCutOffCompressedInputAsBadDataAfterThePacketsBeforeTheCut() throws IOException {
        Path src = SharedTraces.require().resolve("erf/libtrace_fragtest.erf");
        byte[] plain = Files.readAllBytes(src);
        for (Object[] c : CODECS) {
            byte[] packed = compress(plain, (Codec) c[1]);
            byte[] cut = Arrays.copyOf(packed, packed.length * 2 / 3);
            List<Packet> got = new ArrayList<>();
            assertThatThrownBy(() -> {
                        try (TraceInput in = TraceInput.open(
                                "cut", new ByteArrayInputStream(cut), cut.length, null, ReaderOptions.DEFAULTS)) {
                            Packet p = new Packet();
                            while (in.reader().next(p)) {
                                got.add(p);
                            }
                        }
                    })
                    .as(c[0].toString())
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining("damaged or cut off");
            assertThat(got.size()).as(c[0] + " packets before the cut").isGreaterThan(1000);
        }
    }

    @Test
    void shouldReportAStreamCutInsideTheCompressionHeaderAsBadData() throws IOException {
        Path src = SharedTraces.require().resolve("compressed/libtrace_5_packets.erf.bz2");
        byte[] cut = Arrays.copyOf(Files.readAllBytes(src), 12);
        assertThatThrownBy(() -> TraceInput.open(
                                "cut.bz2", new ByteArrayInputStream(cut), cut.length, null, ReaderOptions.DEFAULTS)
                        .close())
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("bzip2");
    }

    private static List<ReferenceCheck.Seen> readStream(byte[] data, String format) throws IOException {
        List<ReferenceCheck.Seen> out = new ArrayList<>();
        io.netvcr.formats.dissect.FrameDissector d = new io.netvcr.formats.dissect.FrameDissector();
        try (TraceInput in =
                TraceInput.open("<stdin>", new ByteArrayInputStream(data), -1, format, ReaderOptions.DEFAULTS)) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                out.add(ReferenceCheck.Seen.of(p, d));
            }
        }
        return out;
    }
}
