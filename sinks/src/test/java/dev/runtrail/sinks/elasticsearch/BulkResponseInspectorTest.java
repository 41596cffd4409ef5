package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkResponseInspectorTest {
    private static final JsonpMapper MAPPER = new JacksonJsonpMapper();

    static BulkResponse parse(String json) {
        JsonParser parser = MAPPER.jsonProvider().createParser(new StringReader(json));
        return BulkResponse._DESERIALIZER.deserialize(parser, MAPPER);
    }

    private static BulkEntry entry(String id, Long version) {
        return new BulkEntry(
                "rt-events-2024.05",
                id,
                "{}".getBytes(StandardCharsets.UTF_8),
                version,
                "events",
                0);
    }

    // Shaped like the answers of an 8.19 node: see the item fields of the bulk API.
    private static final String MIXED =
            """
            {"errors":true,"took":12,"items":[
             {"index":{"_index":"rt-events-2024.05","_id":"a","_version":1,"result":"created",
                "_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}},
             {"index":{"_index":"rt-events-2024.05","_id":"b","status":429,
                "error":{"type":"es_rejected_execution_exception",
                         "reason":"rejected execution of coordinating operation"}}},
             {"index":{"_index":"rt-events-2024.05","_id":"c","status":400,
                "error":{"type":"document_parsing_exception",
                         "reason":"[1:30] failed to parse field [process.pid] of type [long] in document with id 'c'. Preview of field's value: 'abc'",
                         "caused_by":{"type":"illegal_argument_exception","reason":"For input string: \\"abc\\""}}}},
             {"index":{"_index":"rt-events-2024.05","_id":"d","status":503,
                "error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"}}},
             {"index":{"_index":"rt-events-2024.05","_id":"e","_version":2,"result":"updated",
                "_shards":{"total":1,"successful":1,"failed":0},"_seq_no":3,"_primary_term":1,"status":200}}
            ]}
            """;

    @Test
    void sortsItemsIntoStoredRetryAndRefused() {
        List<BulkEntry> sent =
                List.of(
                        entry("a", null),
                        entry("b", null),
                        entry("c", null),
                        entry("d", null),
                        entry("e", null));
        BulkOutcome outcome = BulkResponseInspector.inspect(sent, parse(MIXED));

        assertThat(outcome.indexed()).isEqualTo(2);
        assertThat(outcome.retry()).extracting(BulkEntry::id).containsExactly("b", "d");
        assertThat(outcome.rejected()).hasSize(1);
        BulkOutcome.Rejected refused = outcome.rejected().get(0);
        assertThat(refused.entry().id()).isEqualTo("c");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorType()).isEqualTo("document_parsing_exception");
        assertThat(refused.reason())
                .contains("failed to parse field [process.pid] of type [long]")
                .contains("Caused by: illegal_argument_exception: For input string: \"abc\"");
        assertThat(outcome.allDone()).isFalse();
    }

    private static final String CONFLICTS =
            """
            {"errors":true,"took":3,"items":[
             {"index":{"_index":"rt-runs-2024.05","_id":"r1","status":409,
                "error":{"type":"version_conflict_engine_exception",
                         "reason":"[r1]: version conflict, current version [7] is higher than the one provided [5]"}}},
             {"index":{"_index":"rt-runs-2024.05","_id":"r2","status":409,
                "error":{"type":"version_conflict_engine_exception",
                         "reason":"[r2]: version conflict, document already exists (current version [1])"}}}
            ]}
            """;

    @Test
    void aConflictWithANewerRevisionIsDoneButAConflictWithoutRevisionIsRefused() {
        List<BulkEntry> sent = List.of(entry("r1", 5L), entry("r2", null));
        BulkOutcome outcome = BulkResponseInspector.inspect(sent, parse(CONFLICTS));

        assertThat(outcome.staleRevisions()).isEqualTo(1);
        assertThat(outcome.indexed()).isZero();
        assertThat(outcome.retry()).isEmpty();
        assertThat(outcome.rejected()).extracting(r -> r.entry().id()).containsExactly("r2");
    }

    // Answers of the local 8.19 node: a new index past cluster.max_shards_per_node, a closed
    // index, an index with a write block.
    private static final String TARGET_REFUSALS =
            """
            {"errors":true,"took":0,"items":[
             {"index":{"_index":"rt-events-2100.01","_id":"s","status":400,
                "error":{"type":"validation_exception",
                         "reason":"Validation Failed: 1: this action would add [2] shards, but this cluster currently has [1212]/[1212] maximum normal shards open; for more information, see https://www.elastic.co/guide/en/elasticsearch/reference/8.19/size-your-shards.html#troubleshooting-max-shards-open;"}}},
             {"index":{"_index":"blk-closed","_id":"c","status":400,
                "error":{"type":"index_closed_exception","reason":"closed",
                         "index_uuid":"ByxDQhwkSEGSKUALWxSjWA","index":"blk-closed"}}},
             {"index":{"_index":"blk-ro","_id":"w","status":403,
                "error":{"type":"cluster_block_exception",
                         "reason":"index [blk-ro] blocked by: [FORBIDDEN/8/index write (api)];"}}},
             {"index":{"_index":"rt-events-2024.05","_id":"p","status":400,
                "error":{"type":"document_parsing_exception",
                         "reason":"[1:30] failed to parse field [process.pid] of type [long] in document with id 'p'."}}}
            ]}
            """;

    private static BulkOutcome targetRefusals() {
        List<BulkEntry> sent =
                List.of(entry("s", null), entry("c", null), entry("w", null), entry("p", null));
        return BulkResponseInspector.inspect(sent, parse(TARGET_REFUSALS));
    }

    @Test
    void refusalsOfTheIndexAreKeptApartFromRefusalsOfTheDocument() {
        BulkOutcome outcome = targetRefusals();

        assertThat(outcome.blocked())
                .extracting(r -> r.entry().id(), BulkOutcome.Rejected::errorType)
                .containsExactly(
                        tuple("s", "validation_exception"),
                        tuple("c", "index_closed_exception"),
                        tuple("w", "cluster_block_exception"));
        assertThat(outcome.rejected()).extracting(r -> r.entry().id()).containsExactly("p");
        assertThat(outcome.allDone()).isFalse();
    }

    @Test
    void theMessageForABlockedIndexNamesItAndWhatToDo() {
        String message = ElasticsearchSinkWriter.blockedMessage(targetRefusals().blocked(), "rt");

        assertThat(message)
                .startsWith(
                        "Elasticsearch refuses to store documents in rt-events-2024.05 (3 documents")
                .contains("maximum normal shards open")
                .contains("cluster.max_shards_per_node")
                .contains("not dead-lettered");
        String forbidden =
                ElasticsearchSinkWriter.blockedMessage(
                        List.of(
                                new BulkOutcome.Rejected(
                                        entry("x", null),
                                        403,
                                        "security_exception",
                                        "security_exception: action [indices:data/write/bulk[s]] is unauthorized")),
                        "rt");
        assertThat(forbidden).contains("privileges index and create_index").contains("rt-*");
    }

    @Test
    void allStoredIsDone() {
        String json =
                """
                {"errors":false,"took":1,"items":[
                 {"index":{"_index":"rt-events-2024.05","_id":"a","_version":1,"result":"created",
                   "_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}}]}
                """;
        BulkOutcome outcome = BulkResponseInspector.inspect(List.of(entry("a", null)), parse(json));
        assertThat(outcome.allDone()).isTrue();
        assertThat(outcome.indexed()).isEqualTo(1);
    }

    @Test
    void aResponseWithTheWrongNumberOfItemsIsABug() {
        String json = "{\"errors\":false,\"took\":1,\"items\":[]}";
        assertThatThrownBy(
                        () -> BulkResponseInspector.inspect(List.of(entry("a", null)), parse(json)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The bulk response has 0 items for a request of 1 operations.");
    }

    @Test
    void retryableStatuses() {
        assertThat(BulkResponseInspector.isRetryable(429)).isTrue();
        assertThat(BulkResponseInspector.isRetryable(500)).isTrue();
        assertThat(BulkResponseInspector.isRetryable(503)).isTrue();
        assertThat(BulkResponseInspector.isRetryable(400)).isFalse();
        assertThat(BulkResponseInspector.isRetryable(404)).isFalse();
        assertThat(BulkResponseInspector.isRetryable(409)).isFalse();
    }
}
