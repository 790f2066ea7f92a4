package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrHeader;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsReplayedExportTest {
    @TempDir
    Path tmp;

    private Path prepared(boolean prepared) throws Exception {
        Path f = tmp.resolve("p.nvcr");
        NvcrHeader h = new NvcrHeader();
        h.fileFlags = prepared ? NvcrLayout.FILE_PREPARED : 0;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                NvcrWriter w = new NvcrWriter(ch, h)) {
            Packet p = new Packet();
            for (int i = 0; i < 5; i++) {
                byte[] b = p.prepare(20);
                for (int k = 0; k < 20; k++) {
                    b[k] = (byte) (i + 1);
                }
                p.timestampNs = 1_000_000_000_000L + i * 7;
                p.wireLength = 100 + i;
                p.linkType = LinkTypes.ETHERNET;
                w.fill(p)
                        .sendLength(200 + i)
                        .sendOffsetNs(i * 1_000L)
                        .l4ChecksumOffset(150)
                        .l4Checksum(0xbeef);
                w.commitRecord();
            }
            w.finish();
        }
        return f;
    }

    @Test
    void shouldExportPaddedFramesStampedWithTheSchedule() throws Exception {
        Path in = prepared(true);
        Path out = tmp.resolve("x.pcap");
        PrintStream err = System.err;
        int code;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream()));
            code = ToolMain.run(
                    "netvcr-convert", new ConvertCommand(), new String[] {"--as-replayed", in.toString(), out.toString()
                    });
        } finally {
            System.setErr(err);
        }
        assertThat(code).isEqualTo(ExitCodes.OK);
        try (TraceInput t = TraceInput.open(out.toString(), null, new ReaderOptions())) {
            Packet p = new Packet();
            for (int i = 0; i < 5; i++) {
                assertThat(t.reader().next(p)).isTrue();
                assertThat(p.capturedLength()).isEqualTo(200 + i);
                assertThat(p.wireLength).isEqualTo(200 + i);
                assertThat(p.timestampNs).isEqualTo(1_000_000_000_000L + i * 1_000L);
                assertThat(p.data()[19]).isEqualTo((byte) (i + 1));
                assertThat(p.data()[20]).isZero();
                assertThat(p.data()[150] & 0xff).isEqualTo(0xbe);
                assertThat(p.data()[151] & 0xff).isEqualTo(0xef);
                assertThat(p.data()[199]).isZero();
            }
            assertThat(t.reader().next(p)).isFalse();
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotPrepared() throws Exception {
        Path in = prepared(false);
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream()));
            assertThat(ToolMain.run("netvcr-convert", new ConvertCommand(), new String[] {
                        "--as-replayed", in.toString(), tmp.resolve("y.pcap").toString()
                    }))
                    .isEqualTo(ExitCodes.DATA_ERROR);
        } finally {
            System.setErr(err);
        }
        assertThat(tmp.resolve("y.pcap")).doesNotExist();
    }
}
