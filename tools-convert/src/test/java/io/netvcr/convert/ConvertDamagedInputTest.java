package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.io.Compression;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.testing.SharedTraces;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged traces: one line naming the file (and where), exit 65, nothing left in the output directory, no
 * stack trace unless --debug; --salvage keeps the whole records before the damage.
 */
class ConvertDamagedInputTest {
    /**
     * The files in malformed/ whose structure is broken (capinfos or tshark refuse them too, or a timestamp
     * fraction is out of range). The others there are well-formed traces that crashed tcpdump's dissectors.
     */
    private static final Set<String> DAMAGED = Set.of(
            "libpcap_linktype-reserved-field-not-zero.pcap",
            "libpcap_pcap-invalid-version-1.pcap",
            "libpcap_pcapng-invalid-vers-1.pcapng",
            "libpcap_pcapng-invalid-vers-2.pcapng",
            "libpcap_shb-option-too-long.pcapng",
            "libtrace_100_packets.duck",
            "tcpdump_atm-oam-loopback-print-overrun.pcap",
            "tcpdump_timestamp_invalid_micro.pcap",
            "tcpdump_timestamp_invalid_nano.pcap",
            "trunc_mid_block.pcapng",
            "trunc_mid_rechdr.pcap",
            "trunc_mid_record.erf",
            "trunc_mid_record.pcap",
            "trunc_stream.pcap.gz",
            "zero_length.pcap");

    @TempDir
    Path dir;

    static Stream<Path> malformed() {
        return SharedTraces.files("malformed").stream();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void shouldRefuseEachDamagedMalformedFileWithOneLineAndLeaveNothingBehind(Path trace) throws IOException {
        Path out = dir.resolve("out.nvcr");
        ConvertCli r = ConvertCli.of(trace.toString(), out.toString());
        if (!DAMAGED.contains(trace.getFileName().toString())) {
            assertThat(r.exit()).as(r.err()).isZero();
            return;
        }
        assertOneLineFailure(r, trace.toString(), 65);
        assertThat(ConvertCli.filesIn(dir)).isEmpty();
    }

    @Test
    void shouldShowTheStackTraceOnlyWithDebug() throws IOException {
        Path trace = SharedTraces.require().resolve("malformed/trunc_mid_record.pcap");
        ConvertCli plain = ConvertCli.of(trace.toString(), dir.resolve("a.nvcr").toString());
        ConvertCli debug =
                ConvertCli.of("--debug", trace.toString(), dir.resolve("b.nvcr").toString());
        assertThat(plain.err()).doesNotContain("\tat ");
        assertThat(debug.exit()).isEqualTo(65);
        assertThat(debug.errLines().get(0)).isEqualTo(plain.errLines().get(0));
        assertThat(debug.err()).contains("\tat io.netvcr.formats.pcap.PcapReader");
        assertThat(ConvertCli.filesIn(dir)).isEmpty();
    }

    @Test
    void shouldReportAMissingInputAs66() throws IOException {
        Path missing = dir.resolve("no-such.pcap");
        ConvertCli r = ConvertCli.of(missing.toString(), dir.resolve("out.nvcr").toString());
        assertOneLineFailure(r, "netvcr-convert: no such file: " + missing, 66);
        assertThat(ConvertCli.filesIn(dir)).isEmpty();
    }

    @Test
    void shouldRefuseARecordClaimingFourGigabytesBeforeAllocatingIt() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + 10).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        b.putInt(1_600_000_000).putInt(0).putInt(0xffff_fff0).putInt(0xffff_fff0);
        Path trace = dir.resolve("liar.pcap");
        Files.write(trace, b.array());
        ConvertCli r = ConvertCli.of(trace.toString(), dir.resolve("out.nvcr").toString());
        assertOneLineFailure(
                r, "netvcr-convert: " + trace + ": record 0 at byte offset 24: captured length 4294967280", 65);
        assertThat(ConvertCli.filesIn(dir)).containsExactly("liar.pcap");
    }

    /** Good traces cut inside a record (header or data): 65 naming the record, or with --salvage what was whole. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "pcap/libtrace_100_packets.pcap",
                "pcap/tcpdump_isup.pcap",
                "pcapng/libtrace_100_packets.pcapng",
                "pcapng/pcapng-testgen_test008_be.pcapng",
                "nvcr"
            })
    void shouldRefuseEveryCutCopyAndSalvageTheWholeRecordsBeforeTheCut(String name) throws IOException {
        Path good = name.equals("nvcr")
                ? converted("pcap/libtrace_100_packets.pcap")
                : SharedTraces.require().resolve(name);
        byte[] bytes = Files.readAllBytes(good);
        long[] starts = recordStarts(good);
        assertThat(starts).hasSizeGreaterThan(2);
        for (int i : new int[] {0, 1, starts.length / 2, starts.length - 1}) {
            for (int into : new int[] {1, 8, 20}) {
                Path cut = dir.resolve("cut" + good.getFileName().toString().replaceAll("^[^.]*", ""));
                Files.write(cut, Arrays.copyOf(bytes, (int) starts[i] + into));
                Path out = dir.resolve("out.pcapng");

                ConvertCli failed = ConvertCli.of(cut.toString(), out.toString());
                assertOneLineFailure(failed, "netvcr-convert: " + cut + ": record " + i + " at byte offset ", 65);
                assertThat(ConvertCli.filesIn(dir))
                        .as("after a failure")
                        .containsExactly(cut.getFileName().toString());

                ConvertCli salvaged = ConvertCli.of("--salvage", "--quiet", cut.toString(), out.toString());
                assertThat(salvaged.exit()).as(salvaged.err()).isZero();
                assertThat(salvaged.errLines()).hasSize(1);
                assertThat(salvaged.errLines().get(0))
                        .startsWith("netvcr-convert: warning: " + cut + ": record " + i)
                        .contains("--salvage kept the " + i + " whole record");
                assertThat(recordStarts(out)).hasSize(i);
                Files.delete(out);
            }
        }
    }

    /** A cut gzip stream: whatever decompresses to whole records is salvaged, the damage is named. */
    @Test
    void shouldRefuseACutGzipStreamAndSalvageWhatDecompressed() throws IOException {
        // Large enough that more than one 64 KiB decompression step comes before the cut.
        byte[] plain = Files.readAllBytes(SharedTraces.require().resolve("pcap/zeek_http_bro.org.pcap"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream z = new GzipCompressorOutputStream(gz)) {
            z.write(plain);
        }
        byte[] compressed = gz.toByteArray();
        Path cut = dir.resolve("cut.pcap.gz");
        Files.write(cut, Arrays.copyOf(compressed, compressed.length * 3 / 4));
        Path out = dir.resolve("out.pcap");

        ConvertCli failed = ConvertCli.of(cut.toString(), out.toString());
        assertOneLineFailure(failed, "netvcr-convert: " + cut + ": record ", 65);
        assertThat(failed.err()).contains("gzip data is damaged or cut off");
        assertThat(ConvertCli.filesIn(dir)).containsExactly("cut.pcap.gz");

        ConvertCli salvaged = ConvertCli.of("--salvage", "--quiet", cut.toString(), out.toString());
        assertThat(salvaged.exit()).as(salvaged.err()).isZero();
        assertThat(salvaged.err()).contains("gzip data is damaged or cut off");
        assertThat(recordStarts(out).length).isGreaterThan(0).isLessThan(751);
        assertThat(Compression.detect(compressed, compressed.length)).isEqualTo(Compression.GZIP);
    }

    private Path converted(String source) throws IOException {
        Path nvcr = dir.resolve("good.nvcr");
        assertThat(ConvertCli.of(
                                "--quiet",
                                SharedTraces.require().resolve(source).toString(),
                                nvcr.toString())
                        .exit())
                .isZero();
        Path kept = Files.createTempFile("netvcr-good-", ".nvcr");
        Files.move(nvcr, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        kept.toFile().deleteOnExit();
        try (NvcrFile f = NvcrFile.open(kept)) {
            assertThat(f.count()).isEqualTo(100);
        }
        return kept;
    }

    /** Byte offset of every packet record, as the reader itself reports them. */
    private static long[] recordStarts(Path trace) throws IOException {
        List<Long> starts = new ArrayList<>();
        try (TraceInput in = TraceInput.open(trace.toString(), null, new ReaderOptions())) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                starts.add(in.reader().byteOffset());
            }
        }
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    private static void assertOneLineFailure(ConvertCli r, String firstLinePrefix, int exit) {
        assertThat(r.exit()).as(r.err()).isEqualTo(exit);
        assertThat(r.errLines()).as("stderr").hasSize(1);
        assertThat(r.errLines().get(0))
                .startsWith(
                        firstLinePrefix.startsWith("netvcr-convert: ")
                                ? firstLinePrefix
                                : "netvcr-convert: " + firstLinePrefix);
        assertThat(String.join("\n", r.errLines())).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }
}
