package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
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
}
