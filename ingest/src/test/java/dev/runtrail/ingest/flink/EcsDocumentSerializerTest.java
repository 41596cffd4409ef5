package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EcsDocumentSerializerTest {
    private static final EcsDocumentSerializer SERIALIZER = new EcsDocumentSerializer();

    private static EcsDocument roundTrip(EcsDocument doc) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        SERIALIZER.serialize(doc, out);
        return SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
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
        EcsDocument copy = SERIALIZER.copy(doc);
        copy.add(Ecs.RELATED_IP, "10.0.0.2");
        assertThat(doc.get(Ecs.RELATED_IP)).asList().containsExactly("10.0.0.1");
    }

    @Test
    void namesOutsideTheKeyTableAndNonAsciiTextSurvive() throws IOException {
        EcsDocument doc =
                EcsDocument.event("événement-1")
                        .put("winlog.event_data.SomeNameNoTableHolds", "Ünïcödé 日本語 \uD83D\uDE00")
                        .put("labels.κλειδί", "value")
                        .put("winlog.event_data.TargetUserName", "svc_etl");

        EcsDocument back = roundTrip(doc);

        assertThat(back).isEqualTo(doc);
        assertThat(back.fields().keySet())
                .containsExactly(
                        "winlog.event_data.SomeNameNoTableHolds",
                        "labels.κλειδί",
                        "winlog.event_data.TargetUserName");
    }

    @Test
    void recordsFollowEachOtherAndCopyByteForByte() throws IOException {
        EcsDocument big = EcsDocument.event("big").put(Ecs.EVENT_ORIGINAL, "é".repeat(70_000));
        EcsDocument small = EcsDocument.event("small").put(Ecs.WINLOG_EVENT_ID, 4672L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(big, out);
        SERIALIZER.serialize(small, out);
        SERIALIZER.serialize(big, out);
        byte[] written = out.getCopyOfBuffer();

        DataInputDeserializer in = new DataInputDeserializer(written);
        assertThat(SERIALIZER.deserialize(in)).isEqualTo(big);
        assertThat(SERIALIZER.deserialize(in)).isEqualTo(small);
        assertThat(SERIALIZER.deserialize(in)).isEqualTo(big);
        assertThat(in.available()).isZero();

        DataInputDeserializer again = new DataInputDeserializer(written);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        for (int i = 0; i < 3; i++) {
            SERIALIZER.copy(again, copied);
        }
        assertThat(copied.getCopyOfBuffer()).isEqualTo(written);
    }

    @Test
    void aRecordCutShortIsAnIoErrorNotAWrongDocument() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(EcsDocument.event("x").put(Ecs.USER_NAME, "svc_etl"), out);
        byte[] written = out.getCopyOfBuffer();
        // Keep the length prefix, drop the last byte of the body, and say so in the prefix.
        byte[] cut = java.util.Arrays.copyOf(written, written.length - 1);
        cut[0] = (byte) (cut[0] - 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SERIALIZER.deserialize(new DataInputDeserializer(cut)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cut short");
    }

    @Test
    void aFieldCountLargerThanTheRecordIsAnIoErrorNotAHugeAllocation() throws IOException {
        // length 6, kind EVENTS, id "x" (length + 1 = 2), field count 2^28 as a varint
        byte[] damaged = {6, 0, 2, 'x', (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1};
        damaged[0] = (byte) (damaged.length - 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SERIALIZER.deserialize(new DataInputDeserializer(damaged)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("claims 268435456 fields");
    }

    @Test
    void tableKeysAreWrittenAsNumbersNotText() throws IOException {
        EcsDocument known =
                EcsDocument.event("a").put(Ecs.WINLOG_EVENT_DATA + "TargetUserName", "x");
        EcsDocument unknown = EcsDocument.event("a").put(Ecs.WINLOG_EVENT_DATA + "NotAName00", "x");
        DataOutputSerializer a = new DataOutputSerializer(64);
        DataOutputSerializer b = new DataOutputSerializer(64);
        SERIALIZER.serialize(known, a);
        SERIALIZER.serialize(unknown, b);
        // length 1 + kind 1 + id 2 + count 1 + key code (1-2) + tag 1 + value 2
        assertThat(a.length()).isLessThanOrEqualTo(10);
        assertThat(b.length()).isGreaterThan("winlog.event_data.NotAName00".length());
    }

    @Test
    void theSnapshotCarriesTheKeyTableAndAskForMigrationWhenItChanged() throws IOException {
        EcsDocumentSerializer old = new EcsDocumentSerializer(new KeyTable(List.of("a.b", "c.d")));
        DataOutputSerializer snap = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(snap, old.snapshotConfiguration());
        TypeSerializerSnapshot<EcsDocument> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(snap.getCopyOfBuffer()),
                        getClass().getClassLoader());

        EcsDocument doc = EcsDocument.event("x").put("c.d", "v").put("e.f", 1L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        old.serialize(doc, out);
        EcsDocument back =
                restored.restoreSerializer()
                        .deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(doc);

        assertThat(
                        SERIALIZER
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAfterMigration())
                .isTrue();
        assertThat(
                        old.snapshotConfiguration()
                                .resolveSchemaCompatibility(restored)
                                .isCompatibleAsIs())
                .isTrue();
    }
}
