package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.cli.ExitCodes;
import io.netvcr.formats.NonPacketSkipper;
import io.netvcr.formats.nvcr.NvcrFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that cannot be packets are skipped and counted, and a run of them stops the conversion: neither
 * /dev/zero read as a headerless format nor a small gzip of zero-length records makes the output grow.
 */
class NonPacketRecordsTest {
    @TempDir
    Path tmp;

    @Test
    void shouldStopQuicklyOnDevZeroAsLegacyEthernetWithoutWritingAnything() throws Exception {
        Path out = tmp.resolve("out.nvcr");
        long t0 = System.nanoTime();
        ConvertCli r = ConvertCli.of("-F", "legacy-eth", "/dev/zero", out.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.exit()).as("stderr %s", r.err()).isEqualTo(ExitCodes.DATA_ERROR);
        long last = NonPacketSkipper.MAX_CONSECUTIVE - 1;
        assertThat(r.errLines())
                .containsExactly("netvcr-convert: /dev/zero: record " + last + " at byte offset " + last * 64
                        + ": 65536 records in a row carry no packet (nothing captured, or all zero): not a legacy-eth trace, or zeroed"
                        + " from record 0 on");
        assertThat(ConvertCli.filesIn(tmp)).isEmpty();
        // 4 MiB read: seconds at most even on a loaded machine (it was unbounded: 10 GB in 30 s)
        assertThat(ms).isLessThan(60_000);
    }

    @Test
    void shouldStopOnDevZeroAsLegacyAtmAndPos() throws Exception {
        for (String f : new String[] {"legacy-atm", "legacy-pos"}) {
            ConvertCli r =
                    ConvertCli.of("-F", f, "/dev/zero", tmp.resolve("o.nvcr").toString());
            assertThat(r.exit()).as("%s: %s", f, r.err()).isEqualTo(ExitCodes.DATA_ERROR);
            assertThat(r.err()).contains("records in a row carry no packet");
            assertThat(ConvertCli.filesIn(tmp)).isEmpty();
        }
    }

    @Test
    void shouldRefuseASmallGzipOfZeroLengthPcapRecords() throws Exception {
        Path in = tmp.resolve("zero.pcap.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(in))) {
            o.write(pcapHeader());
            byte[] rec = record(1_600_000_000, new byte[0]);
            for (int i = 0; i < 1_000_000; i++) {
                o.write(rec);
            }
        }
        assertThat(Files.size(in)).isLessThan(200_000);
        Path out = tmp.resolve("out.nvcr");
        ConvertCli r = ConvertCli.of(in.toString(), out.toString());
        assertThat(r.exit()).as("stderr %s", r.err()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err())
                .contains(in + ": record 65535 at byte offset " + (24 + 65535L * 16) + ": 65536 records in a row");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldSkipAndCountNonPacketsBetweenRealOnesInTheSummary() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(pcapHeader());
        byte[] frame = new byte[60];
        frame[0] = 0x02;
        frame[6] = 0x02;
        frame[12] = (byte) 0x88;
        frame[13] = (byte) 0xb5;
        for (int i = 0; i < 10; i++) {
            b.write(record(1_600_000_000 + i, frame));
            b.write(record(1_600_000_000 + i, new byte[0])); // zero-length record
            b.write(record(0, new byte[60])); // all zero: time 0, zero bytes
        }
        Path in = tmp.resolve("mixed.pcap");
        Files.write(in, b.toByteArray());
        Path out = tmp.resolve("mixed.nvcr");
        ConvertCli r = ConvertCli.of("--json", in.toString(), out.toString());
        assertThat(r.exit()).as("stderr %s", r.err()).isEqualTo(ExitCodes.OK);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("packets").asLong()).isEqualTo(10);
        assertThat(j.get("nonPacketsSkipped").asLong()).isEqualTo(20);
        try (NvcrFile f = NvcrFile.open(out)) {
            assertThat(f.count()).isEqualTo(10);
        }
        ConvertCli text =
                ConvertCli.of(in.toString(), tmp.resolve("mixed2.nvcr").toString());
        assertThat(text.err()).contains("20 records that carry no packet skipped");
    }

    private static byte[] pcapHeader() {
        return ByteBuffer.allocate(24)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1)
                .array();
    }

    private static byte[] record(int seconds, byte[] data) {
        return ByteBuffer.allocate(16 + data.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(seconds)
                .putInt(0)
                .putInt(data.length)
                .putInt(data.length)
                .put(data)
                .array();
    }
}
