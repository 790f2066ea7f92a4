package io.netvcr.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.testing.Prerequisites;
import io.netvcr.replay.os.VethNamespaces;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Send failures on real sockets, inside namespaces this test makes: a UDP receiver that is not there, a TX ring
 * on a link whose peer is down. Accounting stays exact and nothing retries for hours.
 */
class SendFailureVethTest {
    @TempDir
    Path dir;

    private static void ip(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    @BeforeEach
    void needNamespaces() {
        String why = VethNamespaces.unavailableReason();
        Prerequisites.require(why == null, "veth test skipped: " + why);
    }

    /**
     * Nobody listens on the port: the first datagram draws an ICMP port unreachable, which the connected socket
     * reports as ECONNREFUSED on a later send. That datagram counts as failed; the replay goes on.
     */
    @Test
    void shouldCountRefusedDatagramsAsFailedAndGoOn() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("u.nvcr"), 40, 5_000_000, 32);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-udp")) {
            ip("ip", "-n", veth.namespaceA(), "link", "set", "lo", "up");
            ReplayRun r =
                    ReplayRun.of("--netns", veth.namespaceA(), "--sink", "udp:127.0.0.1:39998", "--json", f.toString());
            assertThat(r.exitCode).as(r.err).isZero();
            JsonNode p = new ObjectMapper().readTree(r.out).get("packets");
            assertThat(p.get("failed").asLong()).as("refused datagrams").isPositive();
            assertThat(p.get("sent").asLong())
                    .as("datagrams sent between refusals")
                    .isPositive();
            assertThat(p.get("sent").asLong() + p.get("failed").asLong()).isEqualTo(40);
            assertThat(p.get("notAttempted").asLong()).isZero();
            ReplayRun text = ReplayRun.of("--netns", veth.namespaceA(), "--sink", "udp:127.0.0.1:39998", f.toString());
            assertThat(text.out).contains("refused one by one, last with ECONNREFUSED");
        }
    }

    @Test
    void shouldStopAtTheFirstRefusedDatagramWithStopOnError() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("u.nvcr"), 40, 5_000_000, 32);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-udp")) {
            ip("ip", "-n", veth.namespaceA(), "link", "set", "lo", "up");
            ReplayRun r = ReplayRun.of(
                    "--netns",
                    veth.namespaceA(),
                    "--sink",
                    "udp:127.0.0.1:39998",
                    "--stop-on-error",
                    "--json",
                    f.toString());
            assertThat(r.exitCode).isEqualTo(74);
            JsonNode j = new ObjectMapper().readTree(r.out);
            assertThat(j.at("/packets/failed").asLong()).isEqualTo(1);
            assertThat(j.at("/packets/sent").asLong()).isPositive();
            assertThat(j.at("/packets/notAttempted").asLong()).isPositive();
            assertThat(j.get("stopReason").asText()).contains("ECONNREFUSED");
        }
    }

    /**
     * A TX ring on a veth whose peer is down: the kernel takes frames from the ring and drops them, or refuses
     * them with ENOBUFS. Either way the replay ends within seconds (not hours of retries), and every frame is
     * accounted for: taken ones as sent, refused ones as failed.
     */
    @Test
    void shouldEndATxRingReplayOnALinkWhosePeerIsDownWithinSecondsAccountingEveryFrame() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("r.nvcr"), 2000, 10_000, 32);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-ring")) {
            ip("ip", "-n", veth.namespaceB(), "link", "set", veth.interfaceB(), "down");
            long t0 = System.nanoTime();
            ReplayRun r = ReplayRun.of(
                    "--netns",
                    veth.namespaceA(),
                    "--interface",
                    veth.interfaceA(),
                    "--send-mode",
                    "ring",
                    "--topspeed",
                    "--json",
                    f.toString());
            double secs = (System.nanoTime() - t0) / 1e9;
            JsonNode j = new ObjectMapper().readTree(r.out);
            JsonNode p = j.get("packets");
            assertThat(secs).as("replay time").isLessThan(60);
            assertThat(p.get("sent").asLong()
                            + p.get("failed").asLong()
                            + p.get("notAttempted").asLong())
                    .isEqualTo(2000);
            if (r.exitCode != 0) {
                assertThat(r.exitCode).isEqualTo(74);
                assertThat(j.get("stopReason").asText()).contains("ENOBUFS");
            }
        }
    }

    /** SIGINT while the ring is refused: the retries end at once, exit 130 (not 74), report printed, frames accounted. */
    @Test
    void shouldStopRingRetriesOnSigintWithinASecond() throws Exception {
        Path f = PreparedTraces.periodic(dir.resolve("r.nvcr"), 2000, 10_000, 32);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-ring")) {
            ip("ip", "-n", veth.namespaceB(), "link", "set", veth.interfaceB(), "down");
            long[] signalled = new long[1];
            ChildReplay r = ChildReplay.run(
                    p -> {
                        signalled[0] = System.nanoTime();
                        ChildReplay.signal(p, "INT");
                        try {
                            p.waitFor();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        signalled[0] = System.nanoTime() - signalled[0];
                    },
                    "--netns",
                    veth.namespaceA(),
                    "--interface",
                    veth.interfaceA(),
                    "--send-mode",
                    "ring",
                    "--topspeed",
                    "--json",
                    f.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(130);
            // Exit 130 (not 74) already proves the retries ended on the signal, not at their 5 s limit; the time
            // bound allows for the JVM's own exit on a loaded machine.
            assertThat(signalled[0] / 1e9).as("seconds from SIGINT to exit").isLessThan(4.0);
            JsonNode j = new ObjectMapper().readTree(r.out());
            JsonNode p = j.get("packets");
            assertThat(p.get("sent").asLong()
                            + p.get("failed").asLong()
                            + p.get("notAttempted").asLong())
                    .isEqualTo(2000);
            assertThat(j.get("stopReason").asText()).isEqualTo("stopped by SIGINT");
        }
    }
}
