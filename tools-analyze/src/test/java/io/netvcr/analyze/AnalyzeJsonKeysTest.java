package io.netvcr.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netvcr.formats.testing.JsonKeys;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON keys of analyze and compare are what scripts read: these tests hold the reports to the keys (and
 * their order) the tools printed for the bundled sample trace before the reports were built from typed records,
 * kept in json-keys/ (made with the build at 4553643: {@code netvcr-analyze --json S} and
 * {@code netvcr-analyze compare --json S S}, S = samples/traces/netvcr-sample.pcap).
 */
class AnalyzeJsonKeysTest {
    private static final Path SAMPLE =
            Path.of(System.getProperty("netvcr.project.root", "."), "samples", "traces", "netvcr-sample.pcap");

    @Test
    void shouldPrintTheSameAnalyzeKeysAsBefore() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("--json", SAMPLE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JsonKeys.paths(new ObjectMapper().readValue(r.out(), Map.class)))
                .containsExactlyElementsOf(JsonKeys.resource(getClass(), "/json-keys/analyze.keys"));
    }

    @Test
    void shouldPrintTheSameCompareKeysAsBefore() throws Exception {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("compare", "--json", SAMPLE.toString(), SAMPLE.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(JsonKeys.paths(new ObjectMapper().readValue(r.out(), Map.class)))
                .containsExactlyElementsOf(JsonKeys.resource(getClass(), "/json-keys/compare.keys"));
    }
}
