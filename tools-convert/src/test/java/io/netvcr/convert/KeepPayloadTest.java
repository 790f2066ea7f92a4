package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.cli.ExitCodes;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.Packet;
import io.netvcr.formats.PacketFlags;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.nvcr.NvcrFile;
import io.netvcr.formats.nvcr.NvcrLayout;
import io.netvcr.formats.nvcr.NvcrRecord;
import io.netvcr.formats.nvcr.PayloadSidecar;
import io.netvcr.formats.testing.SharedTraces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeepPayloadTest {
    @TempDir
    Path tmp;

    @Test
    void shouldWriteWholePacketsToTheSidecarAndPointRecordsAtThem() throws Exception {
        Path trace = SharedTraces.require().resolve("pcap/zeek_http_bro.org.pcap");
        Path out = tmp.resolve("k.nvcr");
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream()));
            assertThat(ToolMain.run("netvcr-convert", new ConvertCommand(), new String[] {
                        "--keep-payload", trace.toString(), out.toString()
                    }))
                    .isEqualTo(ExitCodes.OK);
            assertThat(ToolMain.run("netvcr-convert", new ConvertCommand(), new String[] {
                        "--keep-payload",
                        trace.toString(),
                        tmp.resolve("k.pcap").toString()
                    }))
                    .isEqualTo(ExitCodes.USAGE);
        } finally {
            System.setErr(err);
        }
        int refs = 0;
        try (NvcrFile f = NvcrFile.open(out);
                PayloadSidecar.Reader side = new PayloadSidecar.Reader(
                        Path.of(PayloadSidecar.nameFor(out.toString())), NvcrFile.readHeader(out).payloadSidecarId);
                TraceInput in = TraceInput.open(trace.toString(), null, new ReaderOptions())) {
            assertThat(f.header().fileFlags & NvcrLayout.FILE_PAYLOAD_SIDECAR).isNotZero();
            NvcrRecord r = new NvcrRecord();
            Packet original = new Packet();
            Packet whole = new Packet();
            for (long i = 0; i < f.count(); i++) {
                assertThat(in.reader().next(original)).isTrue();
                f.record(i, r);
                boolean ref = (r.flags() & PacketFlags.HAS_PAYLOAD_REF) != 0;
                assertThat(ref).isEqualTo(original.capturedLength() > f.header().snapLength);
                if (ref) {
                    refs++;
                    side.read(r, i, whole);
                    assertThat(Arrays.equals(
                                    whole.data(),
                                    0,
                                    whole.capturedLength(),
                                    original.data(),
                                    0,
                                    original.capturedLength()))
                            .as("record %d", i)
                            .isTrue();
                }
            }
        }
        assertThat(refs).isGreaterThan(100);
    }
}
