package io.netvcr.formats.nvcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.Packet;
import io.netvcr.formats.TraceFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar header at FORMAT.md's offsets, the identity check, and 1.0 sidecars (no header) still read. */
class PayloadSidecarTest {
    @TempDir
    Path dir;

    private static Packet packet(int len, int seed) {
        Packet p = new Packet();
        byte[] d = p.prepare(len);
        for (int i = 0; i < len; i++) {
            d[i] = (byte) (seed + i);
        }
        p.wireLength = len;
        p.linkType = 1;
        return p;
    }

    private NvcrRecord recordFor(long offset, int length) {
        NvcrRecord r = new NvcrRecord();
        r.wrap(net.openhft.chronicle.bytes.BytesStore.wrap(new byte[192]), 0);
        return r.payloadOffset(offset).payloadLength(length);
    }

    @Test
    void shouldWriteTheDocumentedHeaderAndCheckItsIdentity() throws Exception {
        Path side = dir.resolve("s.nvcr.payload");
        NvcrHeader h = new NvcrHeader();
        h.payloadSidecarId = 0x1122334455667788L;
        try (FileChannel nv =
                        FileChannel.open(dir.resolve("s.nvcr"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileChannel sc = FileChannel.open(side, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                NvcrWriter w = new NvcrWriter(nv, h)) {
            PayloadSidecar.Writer pw = new PayloadSidecar.Writer(sc, h.payloadSidecarId);
            pw.append(w, packet(300, 1));
            pw.append(w, packet(50, 2));
            pw.append(w, packet(200, 3));
            w.finish();
            pw.finish();
        }
        byte[] b = Files.readAllBytes(side);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Arrays.copyOf(b, 8)).isEqualTo("NVCRPAY1".getBytes());
        assertThat(le.getLong(8)).isEqualTo(0x1122334455667788L);
        assertThat(le.getLong(16)).isEqualTo(500);
        CRC32C crc = new CRC32C();
        crc.update(b, 32, 500);
        assertThat(le.getInt(24)).isEqualTo((int) crc.getValue());
        assertThat(b).hasSize(532);
        assertThat(NvcrFile.readHeader(dir.resolve("s.nvcr")).payloadSidecarId).isEqualTo(0x1122334455667788L);
        ByteBuffer raw =
                ByteBuffer.wrap(Files.readAllBytes(dir.resolve("s.nvcr"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.getLong(120)).isEqualTo(0x1122334455667788L);
        assertThat(raw.getShort(10)).isEqualTo((short) 1);

        try (PayloadSidecar.Reader r = new PayloadSidecar.Reader(side, 0x1122334455667788L)) {
            Packet p = new Packet();
            r.read(recordFor(332, 200), 2, p);
            assertThat(Arrays.copyOf(p.data(), 200))
                    .isEqualTo(Arrays.copyOf(packet(200, 3).data(), 200));
            r.verify();
        }
        assertThatThrownBy(() -> new PayloadSidecar.Reader(side, 42))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining(side.toString())
                .hasMessageContaining("does not belong to its .nvcr");
    }

    @Test
    void shouldStillReadA10SidecarWithoutHeader() throws Exception {
        Path side = dir.resolve("old.nvcr.payload");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(packet(100, 5).data(), 0, 100);
        o.write(packet(120, 9).data(), 0, 120);
        Files.write(side, o.toByteArray());
        try (PayloadSidecar.Reader r = new PayloadSidecar.Reader(side, 0)) {
            Packet p = new Packet();
            r.read(recordFor(100, 120), 1, p);
            assertThat(Arrays.copyOf(p.data(), 120))
                    .isEqualTo(Arrays.copyOf(packet(120, 9).data(), 120));
            r.verify();
        }
    }

    @Test
    void shouldRefuseTheEmptyReferencesOldConversionsWrote() throws Exception {
        // convert --keep-payload from NetVCR input used to write records pointing at 0+0 in an empty sidecar.
        Path side = Files.write(dir.resolve("bug.nvcr.payload"), new byte[0]);
        try (PayloadSidecar.Reader r = new PayloadSidecar.Reader(side, 0)) {
            assertThatThrownBy(() -> r.read(recordFor(0, 0).storedLength(100), 3, new Packet()))
                    .isInstanceOf(TraceFormatException.class)
                    .hasMessageContaining(side.toString())
                    .hasMessageContaining("record 3")
                    .hasMessageContaining("shorter than the record's 100 stored bytes");
        }
    }
}
