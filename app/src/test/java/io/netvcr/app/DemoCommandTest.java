package io.netvcr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.cli.ToolMain;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.replay.PreparedTraces;
import io.netvcr.replay.os.TcpdumpCapture;
import io.netvcr.replay.os.VethNamespaces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldReplayBundledSampleOntoVethWithEveryFrameArriving() throws Exception {
        assumeVeth();
        JsonNode j = demo("--json");
        assertThat(j.at("/mode").asText()).isEqualTo("veth");
        assertThat(j.at("/exitCode").asInt()).isZero();
        assertThat(j.at("/receiver/originalPackets").asLong()).isPositive();
        assertThat(j.at("/receiver/matched").asLong())
                .isEqualTo(j.at("/receiver/originalPackets").asLong());
        assertThat(j.at("/receiver/missing").asLong()).isZero();
        assertThat(j.at("/receiver/reordered").asLong()).isZero();
        assertNoDemoNamespacesLeft();
    }

    @Test
    void shouldReplayPreparedTraceOntoVethAndReportReceiverFidelity() throws Exception {
        assumeVeth();
        Path trace = PreparedTraces.periodic(dir.resolve("p.nvcr"), 1000, 200_000, 64);
        JsonNode j = demo("--json", "--trace", trace.toString());
        assertThat(j.at("/mode").asText()).isEqualTo("veth");
        assertThat(j.at("/packets/sent").asLong()).isEqualTo(1000);
        assertThat(j.at("/receiver/matched").asLong()).isEqualTo(1000);
        assertThat(j.at("/receiver/missing").asLong()).isZero();
        assertThat(j.at("/receiver/reordered").asLong()).isZero();
        assertThat(j.at("/receiver/extra").asLong()).isZero();
        assertThat(j.at("/receiver/epsilonNs/count").asLong()).isEqualTo(1000);
        assertThat(j.at("/receiver/epsilonNs/p50").asLong())
                .isLessThanOrEqualTo(j.at("/receiver/epsilonNs/max").asLong());
        assertNoDemoNamespacesLeft();
    }

    @Test
    void shouldFallBackToPcapSinkAndSayWhy() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("p.nvcr"), 300, 100_000, 64);
        JsonNode j = demo("--json", "--no-namespaces", "--trace", trace.toString());
        assertThat(j.at("/mode").asText()).isEqualTo("pcap");
        assertThat(j.at("/why").asText()).contains("--no-namespaces");
        assertThat(j.at("/written/matched").asLong()).isEqualTo(300);
        assertThat(j.at("/written/missing").asLong()).isZero();
    }

    private static void assumeVeth() {
        String why = VethNamespaces.unavailableReason();
        Prerequisites.require(why == null, "veth demo skipped: " + why);
        String t = TcpdumpCapture.unavailableReason();
        Prerequisites.require(t == null, "veth demo skipped: " + t);
    }

    private static void assertNoDemoNamespacesLeft() throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out).doesNotContain("nvcr-demo-" + ProcessHandle.current().pid() + "-");
    }

    private static JsonNode demo(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            code = ToolMain.run("netvcr-demo", new DemoCommand(), args);
        } finally {
            System.setOut(old);
        }
        String out = o.toString(StandardCharsets.UTF_8);
        old.print(out);
        assertThat(code).as(out).isZero();
        return new ObjectMapper().readTree(out);
    }
}
