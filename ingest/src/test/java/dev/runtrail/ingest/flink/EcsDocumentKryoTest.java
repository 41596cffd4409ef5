package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.time.Instant;
import java.util.ArrayList;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Documents inside correlation state objects (POJO fields) are written by Flink's generic Kryo
 * serializer, not by {@link EcsDocumentSerializer}: their field storage must survive it too.
 */
class EcsDocumentKryoTest {

    @Test
    void aDocumentSurvivesKryoWithItsFieldOrder() throws Exception {
        EcsDocument doc = new EcsDocument(Kind.SESSIONS, "s-1");
        for (int i = 0; i < 70; i++) { // more than the first capacity, so reading grows the map
            doc.put("winlog.event_data.F" + i, (long) i);
        }
        doc.put(Ecs.TIMESTAMP, Instant.parse("2024-05-01T12:00:00Z"))
                .add(Ecs.RELATED_USER, "alice")
                .add(Ecs.RELATED_USER, "bob")
                .remove("winlog.event_data.F3");
        TypeSerializer<EcsDocument> kryo =
                TypeInformation.of(EcsDocument.class).createSerializer(new SerializerConfigImpl());

        DataOutputSerializer out = new DataOutputSerializer(4096);
        kryo.serialize(doc, out);
        EcsDocument back = kryo.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        EcsDocument copied = kryo.copy(doc);

        for (EcsDocument other : new EcsDocument[] {back, copied}) {
            assertThat(other).isEqualTo(doc).isNotSameAs(doc);
            assertThat(new ArrayList<>(other.fields().keySet()))
                    .containsExactlyElementsOf(doc.fields().keySet());
            other.put("added.later", "x");
            assertThat(other.getString("added.later")).isEqualTo("x");
            assertThat(other.getLong("winlog.event_data.F69")).isEqualTo(69L);
        }
    }
}
