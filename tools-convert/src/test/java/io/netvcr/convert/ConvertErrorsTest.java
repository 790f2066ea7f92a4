package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ToolMain;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.testing.SharedTraces;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * netvcr-convert run in-process on bad input and bad command lines: the exit code (sysexits), one error line
 * naming the file, record and byte offset, no stack trace, and no output file left behind.
 */
class ConvertErrorsTest {
    @TempDir
    Path dir;

    record Result(int exit, String stderr) {}

    private static Result run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = ToolMain.run("netvcr-convert", new ConvertCommand(), args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    /** Asserts the output directory holds nothing: neither the output nor a temporary file. */
    private void assertNothingLeft() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).as("files left in the output directory").isEmpty();
        }
    }

    /** Offset of the first pcap record that runs past the end of the file, walking record headers. */
    static long firstCutPcapRecord(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 24;
        while (pos + 16 <= f.length && pos + 16 + (b.getInt((int) pos + 8) & 0xffffffffL) <= f.length) {
            pos += 16 + (b.getInt((int) pos + 8) & 0xffffffffL);
        }
        return pos;
    }

    /** Offset of the first pcapng block that runs past the end of the file (little-endian sections). */
    static long firstCutPcapngBlock(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 0;
        while (pos + 8 <= f.length && pos + (b.getInt((int) pos + 4) & 0xffffffffL) <= f.length) {
            pos += b.getInt((int) pos + 4) & 0xffffffffL;
        }
        return pos;
    }

    record Bad(String file, String... fragments) {}

    @TestFactory
    Stream<DynamicTest> shouldRejectMalformedTracesWithExit65AndOneLine() throws IOException {
        Path m = SharedTraces.require().resolve("malformed");
        long midRecHdr = firstCutPcapRecord(Files.readAllBytes(m.resolve("trunc_mid_rechdr.pcap")));
        long midRecord = firstCutPcapRecord(Files.readAllBytes(m.resolve("trunc_mid_record.pcap")));
        long midBlock = firstCutPcapngBlock(Files.readAllBytes(m.resolve("trunc_mid_block.pcapng")));
        List<Bad> bad = List.of(
                new Bad("libpcap_linktype-reserved-field-not-zero.pcap", "byte offset 0", "reserved bits"),
                new Bad("libpcap_pcap-invalid-version-1.pcap", "byte offset 0", "version 1.4"),
                new Bad("libpcap_pcapng-invalid-vers-1.pcapng", "byte offset 0", "version 0.1"),
                new Bad("libpcap_pcapng-invalid-vers-2.pcapng", "byte offset 0", "version 1.1"),
                new Bad("libpcap_shb-option-too-long.pcapng", "record 0 at byte offset"),
                new Bad("libtrace_100_packets.duck", "unrecognised trace format"),
                new Bad("tcpdump_atm-oam-loopback-print-overrun.pcap", "record 0 at byte offset 24:", "timestamp"),
                new Bad("tcpdump_timestamp_invalid_micro.pcap", "record 1 at byte offset 116:", "1000000 µs"),
                new Bad("tcpdump_timestamp_invalid_nano.pcap", "record 1 at byte offset 116:", "1000000000 ns"),
                // The pcap record index is the packet number: tshark reads 10 and 67 packets before the cut.
                new Bad("trunc_mid_rechdr.pcap", "record 10 at byte offset " + midRecHdr + ":", "cut off"),
                new Bad("trunc_mid_record.pcap", "record 67 at byte offset " + midRecord + ":", "cut off"),
                new Bad("trunc_mid_block.pcapng", "record 53 at byte offset " + midBlock + ":", "cut off"),
                // The gzip stream stops mid-packet: the packets before it are read (tshark reads 4543), less at
                // most one decompression step of up to 64 KiB (DecompressionGuard, sized by bench/decompress.sh):
                // some 4300-4543 records of about 200 bytes.
                new Bad("trunc_stream.pcap.gz", ".gz: record 4", "gzip", "cut off"),
                new Bad("zero_length.pcap", "empty file"));
        return bad.stream()
                .map(b -> DynamicTest.dynamicTest(b.file(), () -> {
                    Path in = m.resolve(b.file());
                    Path out = dir.resolve(b.file() + ".nvcr");
                    Result r = run(in.toString(), out.toString());
                    assertThat(r.exit())
                            .as("exit code for %s; stderr: %s", b.file(), r.stderr())
                            .isEqualTo(65);
                    List<String> lines =
                            r.stderr().lines().filter(l -> !l.isBlank()).toList();
                    assertThat(lines).as("stderr").hasSize(1);
                    assertThat(lines.get(0))
                            .startsWith("netvcr-convert: " + in + ": ")
                            .contains(b.fragments())
                            .doesNotContain("Exception", "\tat ");
                    assertNothingLeft();
                    // pcap as the target too: the failure must not depend on the output type.
                    assertThat(run("-q", in.toString(), dir.resolve("x.pcap").toString())
                                    .exit())
                            .isEqualTo(65);
                    assertNothingLeft();
                }));
    }

    @Test
    void shouldReadTheOddButReadableMalformedFilesLikeTheOtherTools() throws IOException {
        Path m = SharedTraces.require().resolve("malformed");
        // Files that at least tcpdump or Wireshark read, with the packet count they report.
        String[][] readable = {
            {"libpcap_pcap-invalid-version-2.pcap", "1"}, // version 2.5: Wireshark and libtrace read it
            {"tcpdump_802_15_4-oobr-1.pcap", "1"}, // caplen above snaplen
            {"tcpdump_bootp_asan.pcap", "1"}, // reserved bit 26 (an FCS flag): tcpdump and Wireshark read it
            {"tcpdump_hoobr_juniper3.pcap", "1"}, // FCS bits over link type 132: tcpdump masks them
            {"tcpdump_icmp-icmp_print-oobr-2.pcap", "3"}, // caplen above wire length
            {"tcpdump_ieee802.11_meshhdr-oobr.pcap", "1"}
        };
        for (String[] f : readable) {
            Path out = dir.resolve(f[0] + ".nvcr");
            Result r = run("-q", m.resolve(f[0]).toString(), out.toString());
            assertThat(r.exit()).as("%s: %s", f[0], r.stderr()).isZero();
            try (NvcrFile nf = NvcrFile.open(out)) {
                assertThat(nf.count()).as(f[0]).isEqualTo(Long.parseLong(f[1]));
            }
        }
    }

    @Test
    void shouldExitWith66WhenTheInputIsMissing() throws IOException {
        Result r =
                run(dir.resolve("nope.pcap").toString(), dir.resolve("out.nvcr").toString());
        assertThat(r.exit()).isEqualTo(66);
        assertThat(r.stderr()).contains("nope.pcap").doesNotContain("Exception");
        assertNothingLeft();
        assertThat(run(dir.toString(), dir.resolve("out.nvcr").toString()).exit())
                .as("a directory as input")
                .isEqualTo(66);
        assertNothingLeft();
    }

    @Test
    void shouldExitWith64OnBadUsage() throws IOException {
        Path in = dir.resolve("in.pcap");
        Files.write(
                in,
                LinkTypeRoundTripTest.pcap(
                        LinkTypeRoundTripTest.cases().get(0), LinkTypeRoundTripTest.FLAVOURS.get(0)));
        String out = dir.resolve("out.nvcr").toString();
        List<String[]> usages = new ArrayList<>();
        usages.add(new String[] {});
        usages.add(new String[] {in.toString()});
        usages.add(new String[] {"--no-such-option", in.toString(), out});
        usages.add(new String[] {in.toString(), dir.resolve("out.txt").toString()});
        usages.add(new String[] {"--snap", "65473", in.toString(), out});
        usages.add(new String[] {"--snap", "-1", in.toString(), out});
        usages.add(new String[] {"--snap", "lots", in.toString(), out});
        usages.add(new String[] {"--record-size", "100", in.toString(), out});
        usages.add(new String[] {"--format", "nosuchformat", in.toString(), out});
        for (String[] u : usages) {
            Result r = run(u);
            assertThat(r.exit())
                    .as("exit for %s: %s", String.join(" ", u), r.stderr())
                    .isEqualTo(64);
            assertThat(r.stderr()).startsWith("netvcr-convert: ").doesNotContain("\tat ");
        }
        Files.delete(in);
        assertNothingLeft();
    }

    @Test
    void shouldExitWith73WhenTheOutputCannotBeCreated() throws IOException {
        Path in = dir.resolve("in.pcap");
        Files.write(
                in,
                LinkTypeRoundTripTest.pcap(
                        LinkTypeRoundTripTest.cases().get(0), LinkTypeRoundTripTest.FLAVOURS.get(0)));
        assertThat(run(in.toString(), dir.resolve("missing/out.nvcr").toString())
                        .exit())
                .isEqualTo(73);
        assertThat(run(in.toString(), dir.toString()).exit())
                .as("a directory as output")
                .isIn(64, 73);
    }
}
