package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DocumentConverterTest {
    private static final Instant INGEST = Instant.parse("2024-07-15T08:00:00Z");
    private static final Instant LOGON = Instant.parse("2024-05-31T23:59:59Z");
    private static final Instant FIRST_4672 = Instant.parse("2024-06-01T00:00:01Z");

    private final DocumentConverter converter =
            new DocumentConverter("rt", Clock.fixed(INGEST, ZoneOffset.UTC));

    @Test
    void anEventGoesToTheMonthOfItsTimestamp() {
        EcsDocument event = EcsDocument.event("e1");
        event.put(Ecs.TIMESTAMP, Instant.parse("2024-05-01T12:00:03Z"));
        event.put(Ecs.HOST_NAME, "ws01");

        BulkEntry entry = converter.toEntry(event);

        assertThat(entry.index()).isEqualTo("rt-events-2024.05");
        assertThat(entry.id()).isEqualTo("e1");
        assertThat(entry.version()).isNull();
        assertThat(entry.kind()).isEqualTo("events");
        assertThat(new String(entry.source(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"host\":{\"name\":\"ws01\"}}");
    }

    @Test
    void aDocumentWithoutTimestampGoesToTheMonthOfIngest() {
        BulkEntry entry = converter.toEntry(new EcsDocument(Kind.DEADLETTER, "d1"));
        assertThat(entry.index()).isEqualTo("rt-deadletter-2024.07");
    }

    @Test
    void aSessionStaysInTheMonthOfItsKeyTimeWhateverItsTimestamp() {
        EcsDocument first = new EcsDocument(Kind.SESSIONS, "s1");
        first.put(Ecs.TIMESTAMP, FIRST_4672);
        first.put(Ecs.RUNTRAIL_KEY_TIME, LOGON);
        first.put(Ecs.RUNTRAIL_REVISION, 1L);
        EcsDocument later = first.copy();
        later.put(Ecs.TIMESTAMP, LOGON);
        later.put(Ecs.RUNTRAIL_REVISION, 2L);

        assertThat(converter.toEntry(first).index()).isEqualTo("rt-sessions-2024.05");
        assertThat(converter.toEntry(later).index()).isEqualTo("rt-sessions-2024.05");
        assertThat(converter.toEntry(first).version()).isEqualTo(1L);
        assertThat(converter.toEntry(later).version()).isEqualTo(2L);
    }

    @Test
    void eventsIgnoreRevisionAndKeyTime() {
        EcsDocument event = EcsDocument.event("e2");
        event.put(Ecs.TIMESTAMP, FIRST_4672);
        event.put(Ecs.RUNTRAIL_KEY_TIME, LOGON);
        event.put(Ecs.RUNTRAIL_REVISION, 3L);
        BulkEntry entry = converter.toEntry(event);
        assertThat(entry.index()).isEqualTo("rt-events-2024.06");
        assertThat(entry.version()).isNull();
    }

    @Test
    void aDocumentWithoutIdGetsOneFromItsContent() {
        EcsDocument a = EcsDocument.event(null).put(Ecs.MESSAGE, "same");
        EcsDocument b = EcsDocument.event(null).put(Ecs.MESSAGE, "same");
        EcsDocument c = EcsDocument.event(null).put(Ecs.MESSAGE, "other");
        assertThat(converter.toEntry(a).id()).isNotBlank().isEqualTo(converter.toEntry(b).id());
        assertThat(converter.toEntry(a).id()).isNotEqualTo(converter.toEntry(c).id());
    }

    @Test
    void theBulkActionCarriesIndexIdAndExternalVersion() {
        BulkEntry entry =
                new BulkEntry(
                        "rt-runs-2024.05",
                        "r1",
                        "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                        4L,
                        "runs",
                        0);
        String action = toJson(DocumentConverter.operation(entry));
        assertThat(action)
                .contains("\"_index\":\"rt-runs-2024.05\"")
                .contains("\"_id\":\"r1\"")
                .contains("\"version\":4")
                .contains("\"version_type\":\"external_gte\"");

        BulkEntry plain =
                new BulkEntry(
                        "rt-events-2024.05",
                        "e1",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        null,
                        "events",
                        0);
        assertThat(toJson(DocumentConverter.operation(plain))).doesNotContain("version");
    }

    private static String toJson(BulkOperation op) {
        JacksonJsonpMapper mapper = new JacksonJsonpMapper();
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = mapper.jsonProvider().createGenerator(out)) {
            op.serialize(gen, mapper);
        }
        return out.toString();
    }
}
