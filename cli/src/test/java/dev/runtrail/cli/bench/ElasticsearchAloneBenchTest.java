package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.sinks.elasticsearch.BulkEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticsearchAloneBenchTest {
    private static final byte[] SOURCE = "{}".getBytes();

    private static BulkEntry versioned(String id) {
        return new BulkEntry("i", id, SOURCE, 5L << 48, "events", 0);
    }

    private static BulkEntry unversioned(String id) {
        return new BulkEntry("i", id, SOURCE, null, "deadletter", 0);
    }

    /** An answer as filtered by BulkBody.RESPONSE_FIELDS, one item per status. */
    private static String answer(boolean errors, int... statuses) {
        StringBuilder items = new StringBuilder();
        for (int status : statuses) {
            if (items.length() > 0) {
                items.append(',');
            }
            items.append("{\"index\":{\"_index\":\"i\",\"status\":").append(status).append("}}");
        }
        return "{\"took\":1,\"errors\":" + errors + ",\"items\":[" + items + "]}";
    }

    @Test
    void aBulkAnswerRefusesWhatIsNeitherStoredNorALowerCopyOfAStoredEvent() throws Exception {
        assertThat(
                        ElasticsearchAloneBench.refusedItems(
                                List.of(versioned("a")), answer(false, 201)))
                .isFalse();
        assertThat(
                        ElasticsearchAloneBench.refusedItems(
                                List.of(versioned("a"), versioned("b")), answer(true, 201, 409)))
                .isFalse();
        assertThat(
                        ElasticsearchAloneBench.refusedItems(
                                List.of(versioned("a"), versioned("b")), answer(true, 409, 400)))
                .isTrue();
        assertThat(ElasticsearchAloneBench.refusedItems(List.of(versioned("a")), answer(true, 429)))
                .isTrue();
    }

    /**
     * As the sink counts it: a 409 means a newer copy is stored only for an entry with a version.
     */
    @Test
    void aConflictOnADocumentSentWithoutAVersionIsARefusal() throws Exception {
        assertThat(
                        ElasticsearchAloneBench.refusedItems(
                                List.of(unversioned("a")), answer(true, 409)))
                .isTrue();
    }
}
