package io.netvcr.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ToolMain;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.testing.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeriodicCommandTest {
    @TempDir
    Path dir;

    private int run(String... args) {
        return ToolMain.run("netvcr-samples", new SamplesCommand(), args);
    }

    /** Every packet of a trace, read back through the project's readers: timestamps and frames. */
    private static List<long[]> readTimesAndSequences(Path file) throws IOException {
        List<long[]> out = new ArrayList<>();
        try (TraceInput in = TraceInput.open(file.toString(), null, new ReaderOptions())) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                out.add(new long[] {p.timestampNs, UdpFrames.sequence(p.data(), 0), p.wireLength, p.capturedLength()});
            }
        }
        return out;
    }

    @Test
    void shouldWriteExactlyPeriodicGapsAndSequenceNumbersToPcap() throws IOException {
        Path out = dir.resolve("periodic.pcap");
        assertThat(run("periodic", "--delta", "70us", "--count", "5000", "--size", "64", "-q", out.toString()))
                .isZero();
        List<long[]> pk = readTimesAndSequences(out);
        assertThat(pk).hasSize(5000);
        assertThat(pk.get(0)[0]).isEqualTo(1_767_225_600_000_000_000L);
        for (int i = 0; i < pk.size(); i++) {
            assertThat(pk.get(i)[1]).as("sequence of packet %d", i).isEqualTo(i);
            assertThat(pk.get(i)[2]).isEqualTo(64);
            assertThat(pk.get(i)[3]).isEqualTo(64);
            if (i > 0) {
                assertThat(pk.get(i)[0] - pk.get(i - 1)[0])
                        .as("gap before packet %d", i)
                        .isEqualTo(70_000L);
            }
        }
    }

    @Test
    void shouldWriteNvcrWithPeriodicTimestampsAndHeaderOffsets() throws IOException {
        Path out = dir.resolve("periodic.nvcr");
        assertThat(run(
                        "periodic",
                        "--delta",
                        "1234ns",
                        "--count",
                        "3000",
                        "--size",
                        "200",
                        "--start",
                        "1.5",
                        "-q",
                        out.toString()))
                .isZero();
        try (NvcrFile f = NvcrFile.open(out)) {
            assertThat(f.count()).isEqualTo(3000);
            assertThat(f.header().firstTimestampNs).isEqualTo(1_500_000_000L);
            assertThat(f.header().naturalDurationNs).isEqualTo(2999L * 1234);
            NvcrRecord r = new NvcrRecord();
            byte[] data = new byte[256];
            for (long i = 0; i < f.count(); i++) {
                f.record(i, r);
                assertThat(r.timestampNs()).isEqualTo(1_500_000_000L + i * 1234);
                assertThat(r.wireLength()).isEqualTo(200);
                assertThat(r.storedLength()).isEqualTo(128);
                assertThat(r.l3Offset()).isEqualTo(14);
                assertThat(r.l4Offset()).isEqualTo(34);
                assertThat(r.l4Protocol()).isEqualTo(17);
                r.copyData(data, 0);
                assertThat(UdpFrames.sequence(data, 0)).isEqualTo(i);
            }
        }
    }

    @Test
    void shouldWriteChecksumsThatTsharkFindsValid() throws IOException {
        for (int size : new int[] {60, 64, 65, 1514, 9000}) {
            Path out = dir.resolve("c" + size + ".pcap");
            assertThat(run("periodic", "--count", "300", "--size", Integer.toString(size), "-q", out.toString()))
                    .isZero();
            List<String> options = List.of("-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE");
            List<String> bad = ExternalTools.tsharkFields(
                    out,
                    new ArrayList<>(
                            concat(options, List.of("-Y", "ip.checksum.status==Bad || udp.checksum.status==Bad"))),
                    "frame.number");
            assertThat(bad).as("frames with bad checksums, size %d", size).isEmpty();
            List<String> good = ExternalTools.tsharkFields(
                    out,
                    options,
                    "ip.checksum.status",
                    "udp.checksum.status",
                    "ip.src",
                    "ip.dst",
                    "eth.src",
                    "frame.len");
            assertThat(good)
                    .hasSize(300)
                    .allMatch(
                            l -> l.equals("1\t1\t198.18.0.1\t198.18.0.2\t02:00:00:00:00:01\t" + size),
                            "checksum status Good (1) for IP and UDP, expected addresses and length");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }

    @Test
    void shouldMakePoissonGapsWithTheRequestedMeanReproducibly() throws IOException {
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        Path c = dir.resolve("c.pcap");
        assertThat(run(
                        "periodic",
                        "--poisson",
                        "--delta",
                        "70us",
                        "--seed",
                        "42",
                        "--count",
                        "100000",
                        "-q",
                        a.toString()))
                .isZero();
        assertThat(run(
                        "periodic",
                        "--poisson",
                        "--delta",
                        "70us",
                        "--seed",
                        "42",
                        "--count",
                        "100000",
                        "-q",
                        b.toString()))
                .isZero();
        assertThat(run(
                        "periodic",
                        "--poisson",
                        "--delta",
                        "70us",
                        "--seed",
                        "43",
                        "--count",
                        "100000",
                        "-q",
                        c.toString()))
                .isZero();
        assertThat(Files.mismatch(a, b)).as("same seed, same bytes").isEqualTo(-1L);
        assertThat(Files.mismatch(a, c)).as("another seed, other times").isNotEqualTo(-1L);
        List<long[]> pk = readTimesAndSequences(a);
        int n = pk.size() - 1;
        double sum = 0;
        double sumSq = 0;
        int belowMean = 0;
        for (int i = 1; i < pk.size(); i++) {
            long gap = pk.get(i)[0] - pk.get(i - 1)[0];
            assertThat(gap).isNotNegative();
            assertThat(pk.get(i)[1]).isEqualTo(i);
            sum += gap;
            sumSq += (double) gap * gap;
            if (gap < 70_000) {
                belowMean++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        // Exponential: sd == mean, P(gap < mean) = 1 - 1/e. Standard error of the mean is 70us/sqrt(1e5) = 0.22us.
        assertThat(mean).isCloseTo(70_000.0, org.assertj.core.data.Offset.offset(1_000.0));
        assertThat(sd).isCloseTo(70_000.0, org.assertj.core.data.Offset.offset(2_000.0));
        assertThat(belowMean / (double) n).isCloseTo(1 - Math.exp(-1), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void shouldRejectBadUsageWith64AndLeaveNoFile() {
        Path out = dir.resolve("x.pcap");
        assertThat(run("periodic", "--size", "59", out.toString())).isEqualTo(64);
        assertThat(run("periodic", "--delta", "0", out.toString())).isEqualTo(64);
        assertThat(run("periodic", "--delta", "7 parsecs", out.toString())).isEqualTo(64);
        assertThat(run("periodic", dir.resolve("x.txt").toString())).isEqualTo(64);
        assertThat(run()).isEqualTo(64);
        assertThat(out).doesNotExist();
        assertThat(run("periodic", "-q", dir.resolve("no/such/dir/x.pcap").toString()))
                .isEqualTo(73);
    }
}
