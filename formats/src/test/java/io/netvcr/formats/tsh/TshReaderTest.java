package io.netvcr.formats.tsh;

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
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TshReaderTest {
    @Test
    void shouldMatchTheReferenceOnEveryTshFile() throws IOException {
        for (Path f : SharedTraces.files("tsh")) {
            String name = f.getFileName().toString();
            ReferenceCheck.assertMatches(
                    name, ReferenceCheck.read(f, "tsh", ReaderOptions.DEFAULTS), SharedTraces.reference(name));
        }
        Path gz = SharedTraces.require().resolve("compressed/libtrace_10_packets.tsh.gz");
        ReferenceCheck.assertMatches(
                "tsh.gz",
                ReferenceCheck.read(gz, "tsh", ReaderOptions.DEFAULTS),
                SharedTraces.reference("libtrace_10_packets.tsh.gz"));
    }

    @Test
    void shouldKeepTheInterfaceByteAsInterface() throws IOException {
        Path f = SharedTraces.require().resolve("tsh/net-traces-tsh_sample.tsh");
        Set<Integer> interfaces = new HashSet<>();
        try (TraceInput in = TraceInput.open(f.toString(), "tsh", ReaderOptions.DEFAULTS)) {
            Packet p = new Packet();
            while (in.reader().next(p)) {
                interfaces.add(p.interfaceId);
                assertThat(p.linkType).isEqualTo(LinkTypes.RAW);
            }
        }
        assertThat(interfaces).containsExactlyInAnyOrder(1, 2); // the package's documentation says 1 and 2
    }

    @Test
    void shouldPrependASyntheticEthernetHeaderWhenAsked() throws IOException {
        Path f = SharedTraces.require().resolve("tsh/libtrace_10_packets.tsh");
        ReaderOptions o = new ReaderOptions();
        o.linkEthernet = true;
        o.srcMac = new byte[] {2, 0, 0, 0, 0, 0x11};
        try (TraceInput plain = TraceInput.open(f.toString(), "tsh", ReaderOptions.DEFAULTS);
                TraceInput eth = TraceInput.open(f.toString(), "tsh", o)) {
            Packet a = new Packet();
            Packet b = new Packet();
            while (plain.reader().next(a)) {
                assertThat(eth.reader().next(b)).isTrue();
                assertThat(b.linkType).isEqualTo(LinkTypes.ETHERNET);
                assertThat(b.wireLength).isEqualTo(a.wireLength + 14);
                assertThat(Arrays.copyOfRange(b.data(), 14, b.capturedLength()))
                        .isEqualTo(Arrays.copyOf(a.data(), a.capturedLength()));
                assertThat(Arrays.copyOfRange(b.data(), 0, 14))
                        .containsExactly(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0x11, 8, 0);
            }
            assertThat(eth.reader().next(b)).isFalse();
        }
    }

    @Test
    void shouldRefuseRecordsThatAreNotIpv4() throws IOException {
        byte[] rec =
                Arrays.copyOf(Files.readAllBytes(SharedTraces.require().resolve("tsh/libtrace_10_packets.tsh")), 88);
        rec[44 + 8] = 0x60;
        assertThatThrownBy(() -> {
                    try (TshReader r = new TshReader(
                            new TraceSource("x.tsh", new ByteArrayInputStream(rec), ReaderOptions.DEFAULTS))) {
                        Packet p = new Packet();
                        while (r.next(p)) {
                            assertThat(p.capturedLength()).isEqualTo(36);
                        }
                    }
                })
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("record 1 at byte offset 44");
    }
}
