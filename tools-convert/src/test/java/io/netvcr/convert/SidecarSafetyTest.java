package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ExitCodes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.testing.PrivateTmpfs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netvcr-convert and the payload sidecar: copied whole from NetVCR to NetVCR, never an input, checked when read. */
class SidecarSafetyTest {
    private static final int PACKETS = 40;

    @TempDir
    Path dir;

    Path pcap;
    Path k;

    /** A microsecond pcap of 300..(300+n) byte frames whose bytes differ per packet and position. */
    static byte[] distinctPcap(int n) {
        ByteBuffer b = ByteBuffer.allocate(24 + n * (16 + 300 + n)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(1);
        for (int i = 0; i < n; i++) {
            int len = 300 + i;
            b.putInt(1_700_000_000).putInt(i * 10).putInt(len).putInt(len);
            b.put(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, (byte) 0x88, (byte) 0xb5});
            for (int j = 14; j < len; j++) {
                b.put((byte) (i * 7 + j));
            }
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    @BeforeEach
    void convertWithSidecar() throws Exception {
        pcap = Files.write(dir.resolve("in.pcap"), distinctPcap(PACKETS));
        k = dir.resolve("k.nvcr");
        assertThat(ConvertCli.of("--no-progress", "--keep-payload", pcap.toString(), k.toString())
                        .exit())
                .isEqualTo(ExitCodes.OK);
    }

    private static List<byte[]> packets(Path trace) throws Exception {
        List<byte[]> all = new ArrayList<>();
        try (TraceInput in = TraceInput.open(trace.toString(), null, new ReaderOptions())) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                all.add(Arrays.copyOf(p.data(), p.capturedLength()));
            }
        }
        return all;
    }

    @Test
    void shouldCopyThePayloadBytesIntoANewSidecarWhenConvertingNetvcrToNetvcr() throws Exception {
        Path k2 = dir.resolve("k2.nvcr");
        ConvertCli r = ConvertCli.of("--no-progress", "--keep-payload", k.toString(), k2.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        long id1;
        long id2;
        try (NvcrFile a = NvcrFile.open(k);
                NvcrFile b = NvcrFile.open(k2)) {
            id1 = a.header().payloadSidecarId;
            id2 = b.header().payloadSidecarId;
        }
        assertThat(id1).isNotZero();
        assertThat(id2).isNotZero().isNotEqualTo(id1);
        assertThat(Files.size(Path.of(k2 + ".payload"))).isEqualTo(Files.size(Path.of(k + ".payload")));
        // Back to pcap from the copy: every packet whole, byte for byte the original.
        Path back = dir.resolve("back.pcap");
        assertThat(ConvertCli.of("--no-progress", k2.toString(), back.toString())
                        .exit())
                .isEqualTo(ExitCodes.OK);
        List<byte[]> original = packets(pcap);
        List<byte[]> copied = packets(back);
        assertThat(copied).hasSize(PACKETS);
        for (int i = 0; i < PACKETS; i++) {
            assertThat(copied.get(i)).as("packet %d", i).isEqualTo(original.get(i));
        }
    }

    @Test
    void shouldRefuseToWriteOverItsOwnInputOrItsSidecar() throws Exception {
        byte[] trace = Files.readAllBytes(k);
        byte[] side = Files.readAllBytes(Path.of(k + ".payload"));
        Path link = Files.createLink(dir.resolve("link.nvcr"), k);
        for (String out : List.of(k.toString(), link.toString())) {
            ConvertCli r = ConvertCli.of("--no-progress", "--keep-payload", k.toString(), out);
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("is an input of this run");
        }
        // The new .nvcr is elsewhere, but its sidecar would be the input's (a symlink named like it).
        Files.createSymbolicLink(dir.resolve("other.nvcr.payload"), Path.of(k + ".payload"));
        ConvertCli r = ConvertCli.of(
                "--no-progress",
                "--keep-payload",
                k.toString(),
                dir.resolve("other.nvcr").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("other.nvcr.payload is an input of this run");
        assertThat(Files.readAllBytes(k)).isEqualTo(trace);
        assertThat(Files.readAllBytes(Path.of(k + ".payload"))).isEqualTo(side);
        assertThat(ConvertCli.filesIn(dir))
                .containsExactly("in.pcap", "k.nvcr", "k.nvcr.payload", "link.nvcr", "other.nvcr.payload");
    }

    @Test
    void shouldDetectASidecarFromAnotherConversion() throws Exception {
        Path other = dir.resolve("other.nvcr");
        assertThat(ConvertCli.of("--no-progress", "--keep-payload", pcap.toString(), other.toString())
                        .exit())
                .isEqualTo(0);
        Files.copy(Path.of(other + ".payload"), Path.of(k + ".payload"), StandardCopyOption.REPLACE_EXISTING);
        ConvertCli r = ConvertCli.of(
                "--no-progress", k.toString(), dir.resolve("x.pcap").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err()).contains(k + ".payload").contains("does not belong to its .nvcr");
        assertThat(dir.resolve("x.pcap")).doesNotExist();
    }

    @Test
    void shouldDetectADamagedOrCutOffSidecar() throws Exception {
        Path side = Path.of(k + ".payload");
        try (FileChannel ch = FileChannel.open(side, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, 1000);
            one.put(0, (byte) (one.get(0) ^ 0x40));
            ch.write(one.clear(), 1000);
        }
        ConvertCli r = ConvertCli.of(
                "--no-progress", k.toString(), dir.resolve("x.pcap").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err()).contains(side.toString()).contains("damaged");
        try (FileChannel ch = FileChannel.open(side, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 10);
        }
        r = ConvertCli.of("--no-progress", k.toString(), dir.resolve("x.pcap").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err()).contains(side.toString()).contains("cut off");
        assertThat(dir.resolve("x.pcap")).doesNotExist();
    }

    @Test
    void shouldCommitTheNvcrAndItsSidecarTogetherOrNeither() throws Exception {
        // A disk that fills while writing: neither file appears and the old pair stays as it was.
        try (PrivateTmpfs fs = PrivateTmpfs.mount("size=48k")) {
            Path out = fs.resolve("k.nvcr");
            Files.write(out, new byte[] {1});
            Files.write(Path.of(out + ".payload"), new byte[] {2});
            Path big = Files.write(dir.resolve("big.pcap"), distinctPcap(400));
            ConvertCli r = ConvertCli.of("--no-progress", "--keep-payload", big.toString(), out.toString());
            assertThat(r.exit()).as(r.err()).isIn(ExitCodes.IO_ERROR, ExitCodes.CANNOT_CREATE);
            assertThat(r.err()).contains("No space left on device").doesNotContain(".netvcr-tmp-");
            assertThat(Files.readAllBytes(out)).containsExactly(1);
            assertThat(Files.readAllBytes(Path.of(out + ".payload"))).containsExactly(2);
            assertThat(ConvertCli.filesIn(fs.dir())).containsExactly("k.nvcr", "k.nvcr.payload");
        }
    }

    @Test
    void shouldWriteThroughADeviceNodeAndKeepAPrivateFilePrivate() throws Exception {
        try (PrivateTmpfs fs = PrivateTmpfs.mount()) {
            Path nul = fs.charDevice("null", 1, 3);
            ConvertCli r = ConvertCli.of("--no-progress", pcap.toString(), nul.toString() + ".pcap");
            assertThat(r.exit()).as(r.err()).isEqualTo(0);
            Path devLink = Files.createSymbolicLink(fs.resolve("sink.pcap"), nul);
            r = ConvertCli.of("--no-progress", pcap.toString(), devLink.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(0);
            assertThat(PrivateTmpfs.type(nul)).isEqualTo("c");
            assertThat(PrivateTmpfs.type(devLink)).isEqualTo("l");
            Path secret = Files.write(fs.resolve("secret.pcap"), new byte[] {0});
            Files.setAttribute(secret, "unix:mode", 0600);
            assertThat(ConvertCli.of("--no-progress", pcap.toString(), secret.toString())
                            .exit())
                    .isEqualTo(0);
            assertThat((Integer) Files.getAttribute(secret, "unix:mode") & 07777)
                    .isEqualTo(0600);
            assertThat(Files.size(secret)).isGreaterThan(1000);
        }
    }
}
