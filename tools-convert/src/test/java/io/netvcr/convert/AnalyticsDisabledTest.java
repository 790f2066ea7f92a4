package io.netvcr.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.netvcr.formats.testing.ChildTool;
import io.netvcr.formats.testing.ChronicleLoadWatch;
import io.netvcr.formats.testing.SharedTraces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No network access besides replay: Chronicle's analytics must be off before any Chronicle class loads.
 * The child JVM gets the module flags but not the launcher's -Dchronicle.analytics.disable, so this checks
 * what the tool's entry point (ToolMain) guarantees by itself.
 */
class AnalyticsDisabledTest {
    @TempDir
    Path dir;

    @Test
    void shouldDisableChronicleAnalyticsBeforeTheFirstChronicleClassLoads() throws Exception {
        Path nvcr = dir.resolve("in.nvcr");
        assertThat(ConvertCli.of(
                                "--quiet",
                                SharedTraces.require()
                                        .resolve("pcap/libtrace_qinq.pcap")
                                        .toString(),
                                nvcr.toString())
                        .exit())
                .isZero();
        Path agent = ChronicleLoadWatch.agentJar(dir);
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(ChildTool.command(
                        List.of("-javaagent:" + agent),
                        false,
                        ConvertCommand.class.getName(),
                        "--quiet",
                        nvcr.toString(),
                        dir.resolve("out.pcap").toString()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stderr)
                .as("a Chronicle class was loaded (reading NetVCR uses Chronicle Bytes)")
                .contains(ChronicleLoadWatch.MARK + " net.openhft.")
                .contains("chronicle.analytics.disable=true")
                .doesNotContain("chronicle.analytics.disable=null");
    }

    @Test
    void shouldNotShipChronicleAnalyticsAtAll() {
        // chronicle-core only reaches it reflectively and runs muted without it (pom exclusion)
        assertThat(getClass().getClassLoader().getResource("net/openhft/chronicle/analytics/Analytics.class"))
                .isNull();
    }
}
