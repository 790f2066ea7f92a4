package io.netvcr.formats.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.fuzz.ReaderFuzzing;
import io.netvcr.formats.testing.SharedTraces;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Damaged compressed input is bad data (TraceFormatException); a failing disk underneath stays an I/O error. */
class DecompressionGuardTest {
    @ParameterizedTest
    @EnumSource(
            value = Compression.class,
            names = {"GZIP", "BZIP2", "XZ", "ZSTD"})
    void shouldReportACutCompressedStreamAsDamageAfterDeliveringWhatDecompressed(Compression kind) throws IOException {
        // 144 KiB: more than one bzip2 (100 KiB at level 1) or zstd (128 KiB) block; the cut is in the last one
        byte[] plain = Files.readAllBytes(SharedTraces.require().resolve("pcap/libtrace_vlan.pcap"));
        byte[] compressed = ReaderFuzzing.compress(kind, plain);
        byte[] cut = Arrays.copyOf(compressed, compressed.length - 64);
        long[] records = {0};
        assertThatThrownBy(() -> {
                    try (TraceInput in = TraceInput.open(
                            "cut", new ByteArrayInputStream(cut), cut.length, null, new ReaderOptions())) {
                        Packet p = new Packet();
                        while (in.reader().next(p)) {
                            records[0]++;
                        }
                    }
                })
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith("cut: ")
                .hasMessageContaining(kind.name().toLowerCase(java.util.Locale.ROOT) + " data is damaged or cut off");
        if (kind != Compression.XZ) {
            assertThat(records[0]).isPositive();
        } // XZ for Java decodes whole LZMA2 chunks (up to 64 KiB compressed): this trace is one, cut, so none
    }

    @Test
    void shouldPassAFailingDiskThroughAsAnIoErrorNotAsDamage() throws IOException {
        byte[] plain = Files.readAllBytes(SharedTraces.require().resolve("pcap/libtrace_100_sll.pcap"));
        byte[] compressed = ReaderFuzzing.compress(Compression.GZIP, plain);
        IOException disk = new IOException("Input/output error");
        InputStream failing = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos >= compressed.length / 2) {
                    throw disk;
                }
                int n = Math.min(len, Math.min(512, compressed.length / 2 - pos));
                System.arraycopy(compressed, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        assertThatThrownBy(() -> {
                    try (TraceInput in = TraceInput.open("disk", failing, -1, null, new ReaderOptions())) {
                        Packet p = new Packet();
                        while (in.reader().next(p)) {
                            // drain
                        }
                    }
                })
                .isSameAs(disk);
    }

    @Test
    void shouldRefuseAnXzStreamAskingForFourGigabytesOfDictionary() throws IOException {
        byte[] plain = Files.readAllBytes(SharedTraces.require().resolve("pcap/libtrace_qinq.pcap"));
        byte[] xz = ReaderFuzzing.compress(Compression.XZ, plain);
        // block header after the 12-byte stream header: size, flags 0 (one filter, no sizes), LZMA2 (0x21),
        // one property byte (the dictionary size), padding, CRC32 of the header
        int size = ((xz[12] & 0xff) + 1) * 4;
        assertThat(new byte[] {xz[13], xz[14], xz[15]}).containsExactly(0, 0x21, 1);
        xz[16] = 37; // 1.5 GiB, the most XZ for Java supports
        CRC32 crc = new CRC32();
        crc.update(xz, 12, size - 4);
        ByteBuffer.wrap(xz, 12 + size - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        assertThatThrownBy(() -> ReaderFuzzingProbe.open(xz))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("xz data is damaged or cut off after 0 decompressed bytes")
                .hasMessageContaining("memory");
    }

    /** Opens and drains through auto-detection. */
    private static final class ReaderFuzzingProbe {
        static void open(byte[] bytes) throws IOException {
            try (TraceInput in = TraceInput.open(
                    "big.xz", new ByteArrayInputStream(bytes), bytes.length, null, new ReaderOptions())) {
                Packet p = new Packet();
                while (in.reader().next(p)) {
                    // drain
                }
            }
        }
    }
}
