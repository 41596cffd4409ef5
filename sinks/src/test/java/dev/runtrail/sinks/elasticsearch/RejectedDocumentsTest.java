package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.templates.MappingValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RejectedDocumentsTest {

    @Test
    void aRefusedDocumentBecomesAStableDeadLetter() {
        String json =
                "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"process\":{\"pid\":\"abc\"},"
                        + "\"event\":{\"hash\":\"ab12\"},\"runtrail\":{\"source\":{\"name\":\"a.log\",\"position\":\"x\"}}}";
        BulkEntry entry =
                new BulkEntry(
                        "rt-events-2024.05",
                        "e9",
                        json.getBytes(StandardCharsets.UTF_8),
                        null,
                        "events",
                        0);
        BulkOutcome.Rejected rejected =
                new BulkOutcome.Rejected(
                        entry,
                        400,
                        "document_parsing_exception",
                        "failed to parse field [process.pid]");

        EcsDocument dl =
                RejectedDocuments.toDeadLetter(rejected, Instant.parse("2024-07-01T00:00:00Z"));
        EcsDocument again =
                RejectedDocuments.toDeadLetter(rejected, Instant.parse("2024-08-01T00:00:00Z"));

        assertThat(dl.kind()).isEqualTo(Kind.DEADLETTER);
        assertThat(dl.id()).isEqualTo(again.id()).isNotEqualTo("e9");
        assertThat(dl.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:03Z"));
        assertThat(dl.getString(Ecs.EVENT_ORIGINAL)).isEqualTo(json);
        assertThat(dl.getString(Ecs.ERROR_TYPE)).isEqualTo("document_parsing_exception");
        assertThat(dl.getString(Ecs.ERROR_MESSAGE))
                .isEqualTo(
                        "Elasticsearch refused the document: failed to parse field [process.pid]");
        assertThat(dl.getString("runtrail.rejected.index")).isEqualTo("rt-events-2024.05");
        assertThat(dl.getString("runtrail.rejected.id")).isEqualTo("e9");
        assertThat(dl.getLong("runtrail.rejected.status")).isEqualTo(400L);
        assertThat(dl.getString(Ecs.EVENT_HASH)).isEqualTo("ab12");
        // the non-numeric position is not copied into the long field
        assertThat(dl.has(Ecs.RUNTRAIL_SOURCE_POSITION)).isFalse();
        assertThat(MappingValidator.violations(dl)).isEmpty();
    }
}
