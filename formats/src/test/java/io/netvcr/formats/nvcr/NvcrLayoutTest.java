package io.netvcr.formats.nvcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code against the byte offsets documented in formats/FORMAT.md (the numbers below are copied from the
 * spec's tables, not from NvcrLayout): hand-built bytes are decoded by NvcrHeader/NvcrRecord, and what the
 * code writes is found at the documented places.
 */
class NvcrLayoutTest {
    @TempDir
    Path dir;

    @Test
    void shouldUseTheDocumentedHeaderOffsets() {
        assertThat(NvcrLayout.MAGIC).isEqualTo(new byte[] {0x4e, 0x56, 0x43, 0x52, 0x0d, 0x0a, 0x1a, 0x0a});
        assertThat(new int[] {
                    NvcrLayout.H_MAGIC,
                    NvcrLayout.H_VERSION_MAJOR,
                    NvcrLayout.H_VERSION_MINOR,
                    NvcrLayout.H_HEADER_LENGTH,
                    NvcrLayout.H_RECORD_LENGTH,
                    NvcrLayout.H_SNAP_LENGTH,
                    NvcrLayout.H_RECORD_COUNT,
                    NvcrLayout.H_FIRST_TIMESTAMP,
                    NvcrLayout.H_LAST_TIMESTAMP,
                    NvcrLayout.H_FILE_FLAGS,
                    NvcrLayout.H_LINK_TYPE,
                    NvcrLayout.H_SOURCE_FORMAT,
                    NvcrLayout.H_NATURAL_DURATION,
                    NvcrLayout.H_SCHEDULE_DURATION,
                    NvcrLayout.H_LOOP_PERIOD,
                    NvcrLayout.H_SCHEDULE_MODE,
                    NvcrLayout.H_PAYLOAD_MODE,
                    NvcrLayout.H_SCHEDULE_PARAM,
                    NvcrLayout.H_MAX_GAP,
                    NvcrLayout.H_CRC,
                    NvcrLayout.H_TOOL_VERSION,
                    NvcrLayout.H_SOURCE_NAME,
                    NvcrLayout.H_PREP_PARAMETERS
                })
                .containsExactly(
                        0, 8, 10, 12, 16, 20, 24, 32, 40, 48, 52, 54, 56, 64, 72, 80, 81, 88, 96, 116, 128, 160, 256);
        assertThat(NvcrLayout.H_TOOL_VERSION_LENGTH).isEqualTo(32);
        assertThat(NvcrLayout.H_SOURCE_NAME_LENGTH).isEqualTo(32);
        assertThat(NvcrLayout.H_PREP_PARAMETERS_LENGTH).isEqualTo(1024);
        assertThat(NvcrLayout.HEADER_LENGTH).isEqualTo(4096);
        assertThat(new int[] {
                    NvcrLayout.FILE_PREPARED,
                    NvcrLayout.FILE_TOPSPEED,
                    NvcrLayout.FILE_PAYLOAD_SIDECAR,
                    NvcrLayout.FILE_OUT_OF_ORDER,
                    NvcrLayout.FILE_STREAMED
                })
                .containsExactly(1, 2, 4, 8, 16);
    }

    @Test
    void shouldUseTheDocumentedRecordOffsetsAndFlagBits() {
        assertThat(new int[] {
                    NvcrLayout.R_TIMESTAMP,
                    NvcrLayout.R_SEND_OFFSET,
                    NvcrLayout.R_WIRE_LENGTH,
                    NvcrLayout.R_SEND_LENGTH,
                    NvcrLayout.R_STORED_LENGTH,
                    NvcrLayout.R_LINK_TYPE,
                    NvcrLayout.R_FLAGS,
                    NvcrLayout.R_INTERFACE,
                    NvcrLayout.R_DIRECTION,
                    NvcrLayout.R_L3_OFFSET,
                    NvcrLayout.R_L4_OFFSET,
                    NvcrLayout.R_L3_TYPE,
                    NvcrLayout.R_L4_PROTOCOL,
                    NvcrLayout.R_IP_CHECKSUM,
                    NvcrLayout.R_L4_CHECKSUM,
                    NvcrLayout.R_L4_CHECKSUM_OFFSET,
                    NvcrLayout.R_PAYLOAD_OFFSET,
                    NvcrLayout.R_PAYLOAD_LENGTH,
                    NvcrLayout.R_DATA
                })
                .containsExactly(0, 8, 16, 20, 24, 26, 28, 30, 31, 32, 34, 36, 38, 40, 42, 44, 48, 56, 64);
        assertThat(new int[] {
                    PacketFlags.TRUNCATED,
                    PacketFlags.PREPARED,
                    PacketFlags.HAS_PAYLOAD_REF,
                    PacketFlags.RX_ERROR,
                    PacketFlags.DIRECTION_KNOWN,
                    PacketFlags.NO_TIMESTAMP,
                    PacketFlags.CHECKSUMS_PREPARED,
                    PacketFlags.CHECKSUMS_UNTOUCHED,
                    PacketFlags.OVERSIZE,
                    PacketFlags.OUT_OF_ORDER
                })
                .containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 256, 512);
        // Default: 128 stored bytes in a 192-byte record; record i at 4096 + i * recordLength.
        assertThat(NvcrLayout.DEFAULT_SNAP).isEqualTo(128);
        assertThat(NvcrLayout.DEFAULT_RECORD_LENGTH).isEqualTo(192);
        assertThat(NvcrLayout.recordOffset(3, 192)).isEqualTo(4096 + 3 * 192);
        assertThat(NvcrLayout.recordLengthFor(0)).isEqualTo(64);
        assertThat(NvcrLayout.recordLengthFor(65)).isEqualTo(192);
        assertThat(NvcrLayout.MAX_RECORD_LENGTH).isEqualTo(65536);
    }

    /** A header built byte by byte at FORMAT.md's offsets, with its CRC-32C. */
    static byte[] handBuiltHeader(int major, long count) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, new byte[] {'N', 'V', 'C', 'R', '\r', '\n', 0x1a, '\n'});
        b.putShort(8, (short) major)
                .putShort(10, (short) 7)
                .putInt(12, 4096)
                .putInt(16, 320)
                .putInt(20, 250)
                .putLong(24, count)
                .putLong(32, 1_700_000_000_123_456_789L)
                .putLong(40, 1_700_000_009_000_000_001L)
                .putInt(48, 1 | 8)
                .putShort(52, (short) 113)
                .putShort(54, (short) 2)
                .putLong(56, 8_876_543_212L)
                .putLong(64, 4_000_000_000L)
                .putLong(72, 4_000_001_000L)
                .put(80, (byte) 2)
                .put(81, (byte) 1)
                .putDouble(88, 148_809.5)
                .putLong(96, 250_000_000L);
        b.put(128, "netvcr 9.8.7".getBytes(StandardCharsets.UTF_8));
        b.put(160, "capture.pcapng".getBytes(StandardCharsets.UTF_8));
        b.put(256, "--pps 148809.5 --max-gap 250ms".getBytes(StandardCharsets.UTF_8));
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 4096); // field 116..119 is still zero here
        b.putInt(116, (int) crc.getValue());
        return b.array();
    }

    @Test
    void shouldDecodeAHandBuiltHeader() throws IOException {
        NvcrHeader h = NvcrHeader.decode(ByteBuffer.wrap(handBuiltHeader(1, 42)), "hand");
        assertThat(h.versionMajor).isEqualTo(1);
        assertThat(h.versionMinor).isEqualTo(7);
        assertThat(h.recordLength).isEqualTo(320);
        assertThat(h.snapLength).isEqualTo(250);
        assertThat(h.recordCount).isEqualTo(42);
        assertThat(h.firstTimestampNs).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(h.lastTimestampNs).isEqualTo(1_700_000_009_000_000_001L);
        assertThat(h.fileFlags).isEqualTo(9);
        assertThat(h.isPrepared()).isTrue();
        assertThat(h.linkType).isEqualTo(113);
        assertThat(h.sourceFormat).isEqualTo(2);
        assertThat(h.naturalDurationNs).isEqualTo(8_876_543_212L);
        assertThat(h.scheduleDurationNs).isEqualTo(4_000_000_000L);
        assertThat(h.loopPeriodNs).isEqualTo(4_000_001_000L);
        assertThat(h.scheduleMode).isEqualTo(NvcrLayout.SCHEDULE_PPS).isEqualTo(2);
        assertThat(h.payloadMode).isEqualTo(NvcrLayout.PAYLOAD_PAD).isEqualTo(1);
        assertThat(h.scheduleParam).isEqualTo(148_809.5);
        assertThat(h.maxGapNs).isEqualTo(250_000_000L);
        assertThat(h.toolVersion).isEqualTo("netvcr 9.8.7");
        assertThat(h.sourceName).isEqualTo("capture.pcapng");
        assertThat(h.prepParameters).isEqualTo("--pps 148809.5 --max-gap 250ms");
        assertThat(io.netvcr.formats.TraceFormats.sourceFormatId("pcapng")).isEqualTo(2);
        assertThat(NvcrLayout.SOURCE_SYNTHETIC).isEqualTo(9);
    }

    @Test
    void shouldEncodeAHeaderByteForByteLikeTheHandBuiltOne() throws IOException {
        NvcrHeader h = NvcrHeader.decode(ByteBuffer.wrap(handBuiltHeader(1, 42)), "hand");
        byte[] encoded = h.encode().array();
        assertThat(encoded).hasSize(4096);
        // Decoded then re-encoded: every field (minor version 7 included) and the CRC land on the same bytes.
        byte[] expected = handBuiltHeader(1, 42);
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN).getShort(10))
                .isEqualTo((short) 7);
        assertThat(Arrays.mismatch(encoded, expected))
                .as("first differing byte")
                .isEqualTo(-1);
        assertThat(e.getInt(116))
                .isEqualTo(
                        ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN).getInt(116));
    }

    @Test
    void shouldReadAndWriteRecordFieldsAtTheDocumentedOffsets() {
        byte[] raw = new byte[192];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 1_700_000_000_999_999_999L)
                .putLong(8, 70_000L)
                .putInt(16, 1514)
                .putInt(20, 1500)
                .putShort(24, (short) 128)
                .putShort(26, (short) 276)
                .putShort(28, (short) (1 | 16 | 512))
                .put(30, (byte) 200)
                .put(31, (byte) 1)
                .putShort(32, (short) 20)
                .putShort(34, (short) 60)
                .putShort(36, (short) 0x86dd)
                .put(38, (byte) 6)
                .putShort(40, (short) 0xbeef)
                .putShort(42, (short) 0xcafe)
                .putShort(44, (short) 76)
                .putLong(48, 123_456_789_012L)
                .putInt(56, 1386);
        for (int i = 0; i < 128; i++) {
            raw[64 + i] = (byte) (i * 3);
        }
        NvcrRecord r = new NvcrRecord().wrap(BytesStore.wrap(raw), 0);
        assertThat(r.timestampNs()).isEqualTo(1_700_000_000_999_999_999L);
        assertThat(r.sendOffsetNs()).isEqualTo(70_000L);
        assertThat(r.wireLength()).isEqualTo(1514);
        assertThat(r.sendLength()).isEqualTo(1500);
        assertThat(r.storedLength()).isEqualTo(128);
        assertThat(r.linkType()).isEqualTo(LinkTypes.LINUX_SLL2);
        assertThat(r.flags()).isEqualTo(PacketFlags.TRUNCATED | PacketFlags.DIRECTION_KNOWN | PacketFlags.OUT_OF_ORDER);
        assertThat(r.interfaceId()).isEqualTo(200);
        assertThat(r.direction()).isEqualTo(1);
        assertThat(r.l3Offset()).isEqualTo(20);
        assertThat(r.l4Offset()).isEqualTo(60);
        assertThat(r.l3Type()).isEqualTo(0x86dd);
        assertThat(r.l4Protocol()).isEqualTo(6);
        assertThat(r.ipChecksum()).isEqualTo(0xbeef);
        assertThat(r.l4Checksum()).isEqualTo(0xcafe);
        assertThat(r.l4ChecksumOffset()).isEqualTo(76);
        assertThat(r.payloadOffset()).isEqualTo(123_456_789_012L);
        assertThat(r.payloadLength()).isEqualTo(1386);
        assertThat(r.dataByte(127)).isEqualTo((127 * 3) & 0xff);
        byte[] data = new byte[128];
        assertThat(r.copyData(data, 0)).isEqualTo(128);
        assertThat(data).isEqualTo(Arrays.copyOfRange(raw, 64, 192));

        // The setters write the same bytes: rebuild the record through the flyweight and compare.
        byte[] again = new byte[192];
        Arrays.fill(again, (byte) 0x55);
        NvcrRecord w = new NvcrRecord().wrap(BytesStore.wrap(again), 0).clear(192);
        assertThat(ByteBuffer.wrap(again).order(ByteOrder.LITTLE_ENDIAN).getShort(32))
                .as("cleared L3 offset is NONE")
                .isEqualTo((short) 0xffff);
        w.timestampNs(r.timestampNs())
                .sendOffsetNs(r.sendOffsetNs())
                .wireLength(r.wireLength())
                .sendLength(r.sendLength())
                .linkType(r.linkType())
                .flags(r.flags())
                .interfaceId(r.interfaceId())
                .direction(r.direction())
                .l3Offset(r.l3Offset())
                .l4Offset(r.l4Offset())
                .l3Type(r.l3Type())
                .l4Protocol(r.l4Protocol())
                .ipChecksum(r.ipChecksum())
                .l4Checksum(r.l4Checksum())
                .l4ChecksumOffset(r.l4ChecksumOffset())
                .payloadOffset(r.payloadOffset())
                .payloadLength(r.payloadLength())
                .data(data, 0, 128, 192);
        assertThat(again).isEqualTo(raw);
    }

    @Test
    void shouldWriteRecordsWithZeroedReservedBytesAndZeroPaddedData() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NvcrWriter w = new NvcrWriter(Channels.newChannel(out), new NvcrHeader())) {
            Packet p = new Packet();
            byte[] d = p.prepare(1514);
            Arrays.fill(d, 0, 1514, (byte) 0xa5);
            // Ethernet + IPv4 (IHL 5) + UDP, so the offsets fields are filled too.
            d[12] = 0x08;
            d[13] = 0x00;
            d[14] = 0x45;
            d[20] = 0;
            d[21] = 0;
            d[23] = 17;
            p.wireLength = 1514;
            p.linkType = LinkTypes.ETHERNET;
            w.write(p);
            p.prepare(60);
            p.wireLength = 60;
            w.write(p);
            w.finish();
        }
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        for (int rec = 0; rec < 2; rec++) {
            int base = 4096 + rec * 192;
            assertThat(b.get(base + 39)).as("reserved byte 39").isZero();
            assertThat(b.getShort(base + 46)).as("reserved 46..47").isZero();
            assertThat(b.getInt(base + 60)).as("reserved 60..63").isZero();
            assertThat(b.getShort(base + 32)).as("L3 offset").isEqualTo((short) 14);
            assertThat(b.getShort(base + 34)).as("L4 offset").isEqualTo((short) 34);
            assertThat(b.get(base + 38)).as("L4 protocol").isEqualTo((byte) 17);
            assertThat(b.getShort(base + 44))
                    .as("no checksum offset before prep")
                    .isEqualTo((short) 0xffff);
        }
        assertThat(b.getShort(4096 + 24)).as("stored length, record 0").isEqualTo((short) 128);
        assertThat(b.getShort(4096 + 28) & PacketFlags.TRUNCATED).isEqualTo(PacketFlags.TRUNCATED);
        int second = 4096 + 192;
        assertThat(b.getShort(second + 24)).as("stored length, record 1").isEqualTo((short) 60);
        assertThat(b.getShort(second + 28) & PacketFlags.TRUNCATED).isZero();
        for (int i = 64 + 60; i < 192; i++) {
            assertThat(b.get(second + i)).as("byte %d after the stored data", i).isZero();
        }
    }

    @Test
    void shouldRejectAnUnknownVersion() {
        assertThatThrownBy(() -> NvcrHeader.decode(ByteBuffer.wrap(handBuiltHeader(2, 0)), "v2.nvcr"))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("v2.nvcr")
                .hasMessageContaining("version 2")
                .satisfies(
                        e -> assertThat(((TraceFormatException) e).byteOffset()).isEqualTo(8));
    }

    @Test
    void shouldRejectADamagedHeader() throws IOException {
        byte[] h = handBuiltHeader(1, 0);
        h[3000] ^= 1; // a reserved byte: only the CRC can notice
        assertThatThrownBy(() -> NvcrHeader.decode(ByteBuffer.wrap(h), "damaged.nvcr"))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("damaged.nvcr")
                .hasMessageContaining("checksum")
                .satisfies(
                        e -> assertThat(((TraceFormatException) e).byteOffset()).isEqualTo(116));
        Path file = dir.resolve("damaged.nvcr");
        Files.write(file, h);
        assertThatThrownBy(() -> NvcrFile.open(file))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("checksum");
        byte[] magic = handBuiltHeader(1, 0);
        magic[3] = 'X';
        assertThatThrownBy(() -> NvcrHeader.decode(ByteBuffer.wrap(magic), "m")).hasMessageContaining("magic");
        assertThatThrownBy(() -> NvcrHeader.decode(ByteBuffer.wrap(new byte[100]), "short"))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("cut off");
    }

    /** Writes n records of the default size through NvcrWriter to a channel. */
    private static void writeRecords(NvcrWriter w, int n) throws IOException {
        Packet p = new Packet();
        for (int i = 0; i < n; i++) {
            byte[] d = p.prepare(100);
            Arrays.fill(d, 0, 100, (byte) i);
            p.timestampNs = 1_000_000_000L * i + i;
            p.wireLength = 100;
            p.linkType = 147;
            w.write(p);
        }
        w.finish();
    }

    @Test
    void shouldRejectATruncatedFileNamingTheRecordAndOffset() throws IOException {
        Path file = dir.resolve("t.nvcr");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                NvcrWriter w = new NvcrWriter(ch, new NvcrHeader())) {
            writeRecords(w, 10);
        }
        assertThat(Files.size(file)).isEqualTo(4096 + 10 * 192);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(4096 + 5 * 192 + 100);
        }
        assertThatThrownBy(() -> NvcrFile.open(file))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("record 5")
                .hasMessageContaining(String.valueOf(4096 + 5 * 192))
                .satisfies(e -> {
                    assertThat(((TraceFormatException) e).recordIndex()).isEqualTo(5);
                    assertThat(((TraceFormatException) e).byteOffset()).isEqualTo(4096 + 5 * 192);
                });
        try (TraceInput in = TraceInput.open(file.toString(), null, new ReaderOptions())) {
            Packet p = new Packet();
            for (int i = 0; i < 5; i++) {
                assertThat(in.reader().next(p)).isTrue();
            }
            assertThatThrownBy(() -> in.reader().next(p))
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining("record 5")
                    .satisfies(e ->
                            assertThat(((TraceFormatException) e).byteOffset()).isEqualTo(4096 + 5 * 192));
        }
    }

    @Test
    void shouldReadAFileWrittenToAPipeBothMappedAndStreamed() throws IOException {
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        try (NvcrWriter w = new NvcrWriter(Channels.newChannel(pipe), new NvcrHeader())) {
            writeRecords(w, 7);
        }
        byte[] bytes = pipe.toByteArray();
        assertThat(bytes).hasSize(4096 + 7 * 192);
        ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(h.getLong(24)).as("record count unknown").isEqualTo(-1L);
        assertThat(h.getInt(48) & 16).as("STREAMED flag").isEqualTo(16);
        Path file = dir.resolve("streamed.nvcr");
        Files.write(file, bytes);

        try (NvcrFile f = NvcrFile.open(file)) {
            assertThat(f.header().isStreamed()).isTrue();
            assertThat(f.count()).isEqualTo(7);
            NvcrRecord r = new NvcrRecord();
            for (int i = 0; i < 7; i++) {
                f.record(i, r);
                assertThat(r.timestampNs()).isEqualTo(1_000_000_000L * i + i);
                assertThat(r.dataByte(99)).isEqualTo(i);
                assertThat(r.linkType()).isEqualTo(147);
            }
        }
        try (TraceInput in =
                TraceInput.open("<pipe>", new java.io.ByteArrayInputStream(bytes), -1, null, new ReaderOptions())) {
            assertThat(in.reader()).isInstanceOf(NvcrStreamReader.class);
            Packet p = new Packet();
            int n = 0;
            while (in.reader().next(p)) {
                assertThat(p.timestampNs).isEqualTo(1_000_000_000L * n + n);
                assertThat(p.capturedLength()).isEqualTo(100);
                assertThat(p.data()[0]).isEqualTo((byte) n);
                n++;
            }
            assertThat(n).isEqualTo(7);
        }
        // Asking to seek a channel that cannot (not a FileChannel) still writes a streamed file.
        ByteArrayOutputStream pipe2 = new ByteArrayOutputStream();
        try (NvcrWriter w = new NvcrWriter(Channels.newChannel(pipe2), new NvcrHeader(), true)) {
            writeRecords(w, 7);
        }
        assertThat(pipe2.toByteArray()).isEqualTo(bytes);
        // A streamed file cut inside a record: the last record is named.
        Path cut = dir.resolve("cut.nvcr");
        Files.write(cut, Arrays.copyOf(bytes, 4096 + 6 * 192 + 10));
        assertThatThrownBy(() -> NvcrFile.open(cut))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("record 6");
    }
}
