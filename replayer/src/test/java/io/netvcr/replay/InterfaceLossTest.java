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
 * The interface disappears under a running replay (child JVM, raw socket on one end of a veth pair that lives in
 * two namespaces this test makes and removes): the replay stops with exit 74 and the report, every planned
 * packet accounted for. The trace is bounded (600 packets, 50 ms apart).
 */
class InterfaceLossTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needRoot() {
        String why = VethNamespaces.unavailableReason();
        Prerequisites.require(why == null, "interface loss test skipped: " + why);
    }

    @Test
    void shouldStopWithReportAndExit74WhenTheInterfaceIsDeletedMidReplay() throws Exception {
        Path trace = PreparedTraces.periodic(dir.resolve("long.nvcr"), 600, 50_000_000, 32);
        try (VethNamespaces veth = VethNamespaces.create("nvcr-del")) {
            ChildReplay r = ChildReplay.run(
                    p -> ip("-n", veth.namespaceA(), "link", "del", veth.interfaceA()),
                    "--netns",
                    veth.namespaceA(),
                    "--interface",
                    veth.interfaceA(),
                    "--json",
                    trace.toString());
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(74);
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertThat(j.at("/stopReason").asText())
                    .startsWith("stopped: send to " + veth.interfaceA() + " failed with E");
            JsonNode p = j.get("packets");
            assertThat(p.get("sent").asLong()).isPositive();
            assertThat(p.get("failed").asLong()).isEqualTo(1);
            assertThat(p.get("sent").asLong()
                            + p.get("failed").asLong()
                            + p.get("skipped").asLong())
                    .isEqualTo(p.get("attempted").asLong());
            assertThat(p.get("attempted").asLong() + p.get("notAttempted").asLong())
                    .isEqualTo(600);
        }
    }

    private static void ip(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
