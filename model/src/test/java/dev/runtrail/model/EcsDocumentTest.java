package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field storage of {@link EcsDocument} as seen through its public API. */
class EcsDocumentTest {
    private static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");

    private static EcsDocument sample() {
        return EcsDocument.event("id-1")
                .put(Ecs.TIMESTAMP, AT)
                .put("host.name", "ws-01")
                .put("event.code", 4624)
                .put("winlog.event_data.LogonId", "0x3e7")
                .add("related.user", "alice")
                .add("related.user", "bob");
    }

    @Test
    void fieldsKeepInsertionOrderAndTheirTypedReads() {
        EcsDocument doc = sample().put("host.name", "ws-02").put("absent", "").put("none", null);
        assertThat(doc.fields().keySet())
                .containsExactly(
                        "@timestamp",
                        "host.name",
                        "event.code",
                        "winlog.event_data.LogonId",
                        "related.user");
        assertThat(doc.getString("host.name")).isEqualTo("ws-02");
        assertThat(doc.getLong("event.code")).isEqualTo(4624L);
        assertThat(doc.getLong("winlog.event_data.LogonId")).isEqualTo(0x3e7L);
        assertThat(doc.timestamp()).isEqualTo(AT);
        assertThat(doc.getString("related.user")).isEqualTo("alice");
        assertThat(doc.has("absent")).isFalse();
        doc.remove("host.name").put("host.name", "ws-03");
        assertThat(doc.fields().keySet()).last().isEqualTo("host.name");
    }

    @Test
    void positionalAccessWalksTheFieldsInOrder() {
        EcsDocument doc = sample();
        Map<String, Object> walked = new LinkedHashMap<>();
        for (int i = 0; i < doc.fieldCount(); i++) {
            walked.put(doc.fieldName(i), doc.fieldValue(i));
        }
        assertThat(new ArrayList<>(walked.entrySet()))
                .containsExactlyElementsOf(doc.fields().entrySet());
        assertThatThrownBy(() -> doc.fieldName(doc.fieldCount()))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fieldsIsReadOnlyAndMutableFieldsIsLive() {
        EcsDocument doc = sample();
        assertThatThrownBy(() -> doc.fields().put("a", "b"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> doc.fields().entrySet().iterator().next().setValue("b"))
                .isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> fields = doc.fields();
        for (Map.Entry<String, Object> e : doc.mutableFields().entrySet()) {
            if (e.getValue() instanceof String s) {
                e.setValue(s.toUpperCase());
            }
        }
        doc.mutableFields().remove("event.code");
        assertThat(doc.getString("host.name")).isEqualTo("WS-01");
        assertThat(fields).doesNotContainKey("event.code").containsEntry("host.name", "WS-01");
    }

    @Test
    void copiesAreDeepForListsAndEqualUntilChanged() {
        EcsDocument doc = sample();
        EcsDocument copy = doc.copy();
        assertThat(copy).isEqualTo(doc).hasSameHashCodeAs(doc).hasToString(doc.toString());
        assertThat(copy.fields().keySet()).containsExactlyElementsOf(doc.fields().keySet());
        doc.add("related.user", "carol");
        assertThat(copy.get("related.user")).isEqualTo(List.of("alice", "bob"));
        copy.put("user.name", "alice");
        assertThat(doc.has("user.name")).isFalse();
        assertThat(copy).isNotEqualTo(doc);

        EcsDocument session = doc.copyAs(Kind.SESSIONS, "s-1");
        assertThat(session.kind()).isEqualTo(Kind.SESSIONS);
        assertThat(session.fields()).isEqualTo(doc.fields());
        assertThat(EcsDocument.event("e").copy().fieldCount()).isZero();
        assertThat(EcsDocument.event("e").copy().put("a", "b").get("a")).isEqualTo("b");
    }

    @Test
    void equalityIgnoresOrderAsMapsDoAndToStringListsFieldsInOrder() {
        EcsDocument ab = EcsDocument.event("x").put("a", "1").put("b", 2L);
        EcsDocument ba = EcsDocument.event("x").put("b", 2L).put("a", "1");
        assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
        assertThat(ab).hasToString("events/x {a=1, b=2}");
        assertThat(ab.fields()).isEqualTo(Map.of("a", "1", "b", 2L));
        assertThat(ab.fields().hashCode()).isEqualTo(Map.of("a", "1", "b", 2L).hashCode());
    }

    @Test
    void manyFieldsGrowTheStorage() {
        EcsDocument doc = EcsDocument.event("big");
        for (int i = 0; i < 500; i++) {
            doc.put("f" + i, (long) i);
        }
        assertThat(doc.fieldCount()).isEqualTo(500);
        assertThat(doc.getLong("f499")).isEqualTo(499L);
        assertThat(doc.fieldName(250)).isEqualTo("f250");
        assertThat(doc.copy().getLong("f0")).isZero();
    }

    @Test
    void aValuePutAsRedactedIsKnownByItsIndexAndInstanceOnAMarkedDocumentOnly() {
        String copied = new String("svc_etl");
        EcsDocument unmarked = EcsDocument.event("u").putRedacted("user.name", copied);
        assertThat(unmarked.getString("user.name")).isSameAs(copied);
        assertThat(unmarked.isRedactedValue(0, copied)).isFalse();

        EcsDocument doc = EcsDocument.event("m").markSourceTextRedacted();
        doc.put("event.kind", "event");
        for (int i = 0; i < 100; i++) {
            doc.putRedacted("winlog.event_data.p" + i, "v" + i);
        }
        doc.putRedacted("user.name", copied);
        doc.putRedacted("empty", "");
        assertThat(doc.isRedactedValue(0, "event")).isFalse();
        assertThat(doc.isRedactedValue(1, doc.fieldValue(1))).isTrue();
        assertThat(doc.isRedactedValue(100, doc.fieldValue(100))).isTrue();
        assertThat(doc.fieldName(101)).isEqualTo("user.name");
        assertThat(doc.isRedactedValue(101, copied)).isTrue();
        // an equal text that is another instance, or at another index, is not the one put
        assertThat(doc.isRedactedValue(101, new String("svc_etl"))).isFalse();
        assertThat(doc.isRedactedValue(100, copied)).isFalse();
        assertThat(doc.has("empty")).isFalse();

        // a put over an existing field is not marked; what was marked stays that instance only
        doc.putRedacted("event.kind", "alert");
        assertThat(doc.isRedactedValue(0, "alert")).isFalse();
        doc.put("user.name", "derived");
        assertThat(doc.isRedactedValue(101, doc.fieldValue(101))).isFalse();

        // a copy carries neither the mark nor the values put as redacted
        EcsDocument copy = doc.copy();
        assertThat(copy.sourceTextRedacted()).isFalse();
        assertThat(copy.isRedactedValue(1, copy.fieldValue(1))).isFalse();
    }
}
