package io.netvcr.formats.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netvcr.formats.LinkTypes;
import io.netvcr.formats.Packet;
import io.netvcr.formats.ReaderOptions;
import io.netvcr.formats.TraceFormatException;
import io.netvcr.formats.TraceInput;
import io.netvcr.formats.TraceSource;
import io.netvcr.formats.testing.ReferenceCheck;
import io.netvcr.formats.testing.SharedTraces;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LegacyDagReaderTest {
    /**
     * Against libtrace (reference/*.tsv, and *.via-erf.tsv for ns times): ATM 52 captured / 53 wire, ETH the 54
     * frame bytes with wlen as wire length, POS 48 bytes compared to the µs (see ReferenceCheck.expectationFor).
     */
    @Test
    void shouldMatchLibtraceOnEveryLegacyFile() throws IOException {
        for (Path f : SharedTraces.files("legacy-dag")) {
            String name = f.getFileName().toString();
            String format = name.contains("atm") ? "legacy-atm" : name.contains("eth") ? "legacy-eth" : "legacy-pos";
            ReferenceCheck.assertMatchesCorpus(
                    "legacy-dag/" + name, ReferenceCheck.read(f, format, ReaderOptions.DEFAULTS));
        }
    }

    @Test
    void shouldChoosePppInHdlcFramingForPosRecords() throws IOException {
        Path f = SharedTraces.require().resolve("legacy-dag/libtrace_legacypos");
        try (TraceInput in = TraceInput.open(f.toString(), "legacypos", ReaderOptions.DEFAULTS)) {
            Packet p = new Packet();
            assertThat(in.reader().next(p)).isTrue();
            assertThat(p.linkType).isEqualTo(LinkTypes.PPP_HDLC);
        }
    }

    @Test
    void shouldRefuseToGuessAndSayThatFormatIsNeeded() {
        Path f = SharedTraces.require().resolve("legacy-dag/libtrace_legacyeth");
        assertThatThrownBy(() -> TraceInput.open(f.toString(), null, ReaderOptions.DEFAULTS))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("legacy-eth")
                .hasMessageContaining("--format");
    }

    @Test
    void shouldReportAShortLastRecord() throws IOException {
        byte[] data = Arrays.copyOf(
                Files.readAllBytes(SharedTraces.require().resolve("legacy-dag/libtrace_legacyeth")), 64 * 3 + 10);
        assertThatThrownBy(() -> {
                    try (LegacyDagReader r = new LegacyDagReader(
                            new TraceSource("x", new ByteArrayInputStream(data), ReaderOptions.DEFAULTS),
                            LegacyKind.ETH)) {
                        Packet p = new Packet();
                        while (r.next(p)) {
                            assertThat(p.capturedLength()).isEqualTo(54);
                        }
                    }
                })
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("record 3 at byte offset 192");
    }
}
