package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ExitCodes;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NetVCR record numbers interfaces in one byte: interface 256 and above is refused, never wrapped to 0. */
class InterfaceRangeTest {
    @TempDir
    Path tmp;

    @Test
    void shouldRefuseAPacketOnInterface300NamingItsRecordInsteadOfStoringInterface44() throws Exception {
        Path in = pcapngWithInterfaces(301, new int[] {0, 255, 300});
        Path out = tmp.resolve("out.nvcr");
        ConvertCli r = ConvertCli.of(in.toString(), out.toString());
        assertThat(r.exit()).as("stderr %s", r.err()).isEqualTo(ExitCodes.DATA_ERROR);
        long thirdEpb = 28 + 301 * 20 + 2 * (32 + 60);
        assertThat(r.errLines())
                .containsExactly("netvcr-convert: " + in + ": record 2 at byte offset " + thirdEpb
                        + ": interface 300 cannot be stored in NetVCR, whose records number interfaces 0..255 (pcap and pcapng outputs"
                        + " have no such limit)");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldKeepInterfacesUpTo255() throws Exception {
        Path in = pcapngWithInterfaces(256, new int[] {0, 7, 255});
        Path out = tmp.resolve("ok.nvcr");
        ConvertCli r = ConvertCli.of(in.toString(), out.toString());
        assertThat(r.exit()).as("stderr %s", r.err()).isEqualTo(ExitCodes.OK);
        try (NvcrFile f = NvcrFile.open(out)) {
            NvcrRecord rec = new NvcrRecord();
            assertThat(f.record(0, rec).interfaceId()).isEqualTo(0);
            assertThat(f.record(1, rec).interfaceId()).isEqualTo(7);
            assertThat(f.record(2, rec).interfaceId()).isEqualTo(255);
        }
    }

    @Test
    void shouldStillConvertInterface300ToPcapng() throws Exception {
        Path in = pcapngWithInterfaces(301, new int[] {0, 300});
        Path out = tmp.resolve("out.pcapng");
        ConvertCli r = ConvertCli.of(in.toString(), out.toString());
        assertThat(r.exit()).as("stderr %s", r.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.size(out)).isPositive();
    }

    /** One section: n Ethernet IDBs, then one 60-byte EPB per entry of packetInterfaces. */
    private Path pcapngWithInterfaces(int n, int[] packetInterfaces) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ByteBuffer shb = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        shb.putInt(0x0a0d0d0a)
                .putInt(28)
                .putInt(0x1a2b3c4d)
                .putShort((short) 1)
                .putShort((short) 0)
                .putLong(-1)
                .putInt(28);
        b.write(shb.array());
        for (int i = 0; i < n; i++) {
            b.write(ByteBuffer.allocate(20)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(1)
                    .putInt(20)
                    .putShort((short) 1)
                    .putShort((short) 0)
                    .putInt(65535)
                    .putInt(20)
                    .array());
        }
        long ticks = 1_600_000_000_000_000L;
        for (int iface : packetInterfaces) {
            ByteBuffer epb = ByteBuffer.allocate(32 + 60).order(ByteOrder.LITTLE_ENDIAN);
            epb.putInt(6)
                    .putInt(92)
                    .putInt(iface)
                    .putInt((int) (ticks >>> 32))
                    .putInt((int) ticks)
                    .putInt(60)
                    .putInt(60);
            byte[] frame = new byte[60];
            frame[0] = 0x02;
            frame[6] = 0x02;
            frame[12] = (byte) 0x88;
            frame[13] = (byte) 0xb5;
            epb.put(frame).putInt(92);
            b.write(epb.array());
            ticks += 1000;
        }
        Path p = tmp.resolve("ifaces" + n + ".pcapng");
        Files.write(p, b.toByteArray());
        return p;
    }
}
