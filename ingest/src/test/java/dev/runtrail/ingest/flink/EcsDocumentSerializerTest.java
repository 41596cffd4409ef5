package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EcsDocumentSerializerTest {

    private static EcsDocument roundTrip(EcsDocument doc) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        EcsDocumentSerializer.INSTANCE.serialize(doc, out);
        return EcsDocumentSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void everyValueTypeSurvivesARoundTrip() throws IOException {
        EcsDocument doc =
                new EcsDocument(Kind.SESSIONS, "id-1")
                        .put(Ecs.TIMESTAMP, Instant.parse("2024-05-01T12:00:03.123456789Z"))
                        .put(Ecs.USER_NAME, "svc_airflow")
                        .put(Ecs.WINLOG_EVENT_ID, 4624L)
                        .put(Ecs.RUNTRAIL_MATCH_CONFIDENCE, 0.95)
                        .put("runtrail.closed", true)
                        .add(Ecs.RELATED_USER, "a")
                        .add(Ecs.RELATED_USER, "b")
                        .put(Ecs.EVENT_ORIGINAL, "x".repeat(100_000));

        EcsDocument back = roundTrip(doc);

        assertThat(back).isEqualTo(doc);
        assertThat(back).isNotSameAs(doc);
    }

    @Test
    void aDocumentWithoutIdKeepsItsKind() throws IOException {
        EcsDocument back = roundTrip(new EcsDocument(Kind.DEADLETTER, null));
        assertThat(back.kind()).isEqualTo(Kind.DEADLETTER);
        assertThat(back.id()).isNull();
    }

    @Test
    void copiesDoNotShareLists() {
        EcsDocument doc = EcsDocument.event("x").add(Ecs.RELATED_IP, "10.0.0.1");
        EcsDocument copy = EcsDocumentSerializer.INSTANCE.copy(doc);
        copy.add(Ecs.RELATED_IP, "10.0.0.2");
        assertThat(doc.get(Ecs.RELATED_IP)).asList().containsExactly("10.0.0.1");
    }
}
