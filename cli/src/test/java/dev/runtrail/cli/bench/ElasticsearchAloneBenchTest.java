package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElasticsearchAloneBenchTest {
    @Test
    void aBulkAnswerRefusesWhatIsNeitherStoredNorALowerCopyOfAStoredEvent() throws Exception {
        assertThat(ElasticsearchAloneBench.refusedItems("{\"errors\":false}")).isFalse();
        assertThat(
                        ElasticsearchAloneBench.refusedItems(
                                "{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},"
                                        + "{\"index\":{\"status\":409}}]}"))
                .isFalse();
        assertThat(
                        ElasticsearchAloneBench.refusedItems(
                                "{\"errors\":true,\"items\":[{\"index\":{\"status\":409}},"
                                        + "{\"index\":{\"status\":400}}]}"))
                .isTrue();
        assertThat(
                        ElasticsearchAloneBench.refusedItems(
                                "{\"errors\":true,\"items\":[{\"index\":{\"status\":429}}]}"))
                .isTrue();
    }
}
