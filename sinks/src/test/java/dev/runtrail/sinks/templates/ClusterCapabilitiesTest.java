package dev.runtrail.sinks.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ClusterCapabilitiesTest {
    private static ClusterCapabilities read(String json) throws Exception {
        return ClusterCapabilities.fromNodesPlugins(new ObjectMapper().readTree(json));
    }

    @Test
    void theIntegTestNodeHasNeither() throws Exception {
        // what GET _nodes/plugins?filter_path=... answers on the integ-test-zip node
        String json =
                "{\"nodes\":{\"NI5Z\":{\"modules\":[{\"name\":\"apm\"},{\"name\":\"transport-netty4\"},"
                        + "{\"name\":\"x-pack-core\"},{\"name\":\"x-pack-security\"}]}}}";
        assertThat(read(json)).isEqualTo(ClusterCapabilities.CORE);
    }

    @Test
    void aTypeCountsOnlyWhenEveryNodeHasIt() throws Exception {
        String json =
                "{\"nodes\":{"
                        + "\"a\":{\"modules\":[{\"name\":\"wildcard\"},{\"name\":\"mapper-extras\"}]},"
                        + "\"b\":{\"modules\":[{\"name\":\"mapper-extras\"}]}}}";
        assertThat(read(json)).isEqualTo(new ClusterCapabilities(false, true));
    }

    @Test
    void aFullClusterHasBoth() throws Exception {
        String json =
                "{\"nodes\":{\"a\":{\"modules\":[{\"name\":\"wildcard\"},{\"name\":\"mapper-extras\"}]}}}";
        assertThat(read(json)).isEqualTo(ClusterCapabilities.FULL);
    }
}
