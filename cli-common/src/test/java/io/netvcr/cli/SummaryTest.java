package io.netvcr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void shouldNestDottedPathsInJson() throws Exception {
        Summary s = new Summary()
                .put("packets", 10)
                .putPath("rate.pps", 5.5)
                .putPath("rate.mbps", 1.25)
                .putPath("epsilonNs.p99", 1234L);
        JsonNode n = new ObjectMapper().readTree(s.toJson());
        assertThat(n.get("packets").asLong()).isEqualTo(10);
        assertThat(n.at("/rate/pps").asDouble()).isEqualTo(5.5);
        assertThat(n.at("/rate/mbps").asDouble()).isEqualTo(1.25);
        assertThat(n.at("/epsilonNs/p99").asLong()).isEqualTo(1234L);
    }
}
