package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcsJsonTest {

    @Test
    void dottedKeysAreWrittenAsNestedObjects() {
        EcsDocument doc =
                EcsDocument.event("abc")
                        .put(Ecs.TIMESTAMP, Instant.parse("2024-05-01T12:00:03.123Z"))
                        .put(Ecs.USER_NAME, "svc_airflow")
                        .put(Ecs.USER_DOMAIN, "CORP")
                        .put(Ecs.WINLOG_EVENT_ID, 4624)
                        .add(Ecs.RELATED_USER, "svc_airflow")
                        .add(Ecs.RELATED_USER, "alice");

        assertThat(EcsJson.toHitLine(doc))
                .isEqualTo(
                        "{\"_id\":\"abc\",\"_source\":{\"@timestamp\":\"2024-05-01T12:00:03.123Z\","
                                + "\"user\":{\"name\":\"svc_airflow\",\"domain\":\"CORP\"},"
                                + "\"winlog\":{\"event_id\":4624},"
                                + "\"related\":{\"user\":[\"svc_airflow\",\"alice\"]}}}");
    }

    @Test
    void hitLinesReadBackIntoTheSameFields() {
        EcsDocument doc =
                new EcsDocument(Kind.SESSIONS, "s1")
                        .put(Ecs.HOST_NAME, "WIN-DB01")
                        .put(Ecs.WINLOG_LOGON_ID, "0x3e7a1")
                        .put(Ecs.AIRFLOW_TRY_NUMBER, 2L)
                        .put(Ecs.RUNTRAIL_MATCH_CONFIDENCE, 0.9)
                        .put("runtrail.closed", true)
                        .add(Ecs.RELATED_IP, "10.0.0.5");

        EcsDocument back = EcsJson.fromHitLine(Kind.SESSIONS, EcsJson.toHitLine(doc));

        assertThat(back.id()).isEqualTo("s1");
        assertThat(back.fields()).isEqualTo(doc.fields());
    }

    @Test
    void aScalarAndAnObjectUnderTheSameNameDoNotLoseEitherValue() {
        EcsDocument doc =
                EcsDocument.event("x")
                        .put("winlog.event_data.Param", "a")
                        .put("winlog.event_data.Param.Sub", "b");

        String json = EcsJson.toJson(doc);

        assertThat(json).contains("\"Param\":\"a\"").contains("\"Param.Sub\":\"b\"");
    }

    @Test
    void notAHitLineIsRejectedWithTheReason() {
        assertThatThrownBy(() -> EcsJson.fromHitLine(Kind.EVENTS, "[1,2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected START_OBJECT");
        assertThatThrownBy(() -> EcsJson.fromHitLine(Kind.EVENTS, "{\"_id\":\"a\"}"))
                .hasMessageContaining("_source");
    }

    @Test
    void emptyValuesAreNotStoredAndUnsupportedTypesAreRefused() {
        EcsDocument doc = EcsDocument.event("x").put(Ecs.USER_NAME, "").put(Ecs.USER_ID, null);
        assertThat(doc.fields()).isEmpty();
        assertThatThrownBy(() -> doc.put(Ecs.USER_NAME, new Object()))
                .hasMessageContaining("Field user.name cannot hold a java.lang.Object");
        assertThat(doc.put(Ecs.RELATED_USER, List.of("a", "", "b")).get(Ecs.RELATED_USER))
                .isEqualTo(List.of("a", "b"));
    }
}
