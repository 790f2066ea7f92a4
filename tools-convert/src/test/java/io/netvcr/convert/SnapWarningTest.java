package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.formats.testing.SharedTraces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netvcr-convert says when --snap cuts the IP/transport headers of the trace's own packets, checked against
 * tshark's header lengths for a real HTTP trace (TCP headers of 20, 24 and 40 bytes behind Ethernet + IPv4).
 */
class SnapWarningTest {
    @TempDir
    Path tmp;

    @Test
    void shouldWarnWhenTheSnapCutsHeadersAndSayWhichSnapKeepsThem() throws Exception {
        Path trace = SharedTraces.require().resolve("pcap/zeek_http_bro.org.pcap");
        Prerequisites.require(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed: skipped");
        List<Integer> ends = headerEnds(trace);
        int keeps = ends.stream().max(Integer::compare).orElseThrow();
        for (int snap : new int[] {40, 54, 66}) {
            long cut = ends.stream().filter(e -> e > snap).count();
            long essential = ends.stream().filter(e -> 14 + 20 + 14 > snap).count();
            ConvertCli r = ConvertCli.of(
                    "--json",
                    "--snap",
                    String.valueOf(snap),
                    trace.toString(),
                    tmp.resolve("s" + snap + ".nvcr").toString());
            assertThat(r.exit()).isZero();
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertThat(j.at("/snap/cutsHeaders").asLong())
                    .as("snap %d", snap)
                    .isEqualTo(cut)
                    .isPositive();
            assertThat(j.at("/snap/cutsEssentials").asLong())
                    .as("snap %d", snap)
                    .isEqualTo(essential);
            assertThat(j.at("/snap/keepsHeadersAt").asInt()).isEqualTo(keeps);
            assertThat(r.errLines())
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("netvcr-convert: warning: --snap " + snap + " cuts the IP/transport headers of "
                                    + cut + " of 751 packets")
                            .endsWith("--snap " + keeps + " keeps them all"));
        }
        ConvertCli ok = ConvertCli.of(
                "--json",
                "--snap",
                String.valueOf(keeps),
                trace.toString(),
                tmp.resolve("k.nvcr").toString());
        assertThat(new ObjectMapper().readTree(ok.out()).at("/snap/cutsHeaders").asLong())
                .isZero();
        assertThat(ok.errLines()).noneMatch(l -> l.contains("warning"));
    }

    /** Ethernet + IPv4 header + TCP header length of each packet, as tshark reads them. */
    private static List<Integer> headerEnds(Path trace) throws Exception {
        Process p = new ProcessBuilder(
                        "tshark", "-n", "-r", trace.toString(), "-T", "fields", "-e", "ip.hdr_len", "-e", "tcp.hdr_len")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<Integer> ends = new ArrayList<>();
        for (String l : out.split("\n")) {
            String[] f = l.split("\t");
            ends.add(14 + Integer.parseInt(f[0]) + Integer.parseInt(f[1]));
        }
        assertThat(ends).hasSize(751);
        return ends;
    }
}
