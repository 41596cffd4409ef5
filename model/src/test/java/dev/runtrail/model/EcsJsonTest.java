package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    void aNameWithHalfASurrogatePairIsWrittenAsItsValuesAre() throws Exception {
        // a JSON record may escape half a pair into a key (a high surrogate, then a newline);
        // writing such a name threw and ended runtrail parse
        EcsDocument doc =
                EcsDocument.event("h").put(Ecs.WINLOG_EVENT_DATA + "Type\uD83D\n", "v\uDE00");

        String json = EcsJson.toJson(doc);

        assertThat(json)
                .isEqualTo("{\"winlog\":{\"event_data\":{\"Type\\uD83D\\n\":\"v\\uDE00\"}}}");
        assertThat(new ObjectMapper().readTree(json).at("/winlog/event_data").fieldNames().next())
                .isEqualTo("Type\uD83D\n");
    }

    @Test
    void documentsWrittenOneAfterAnotherEachGetOnlyTheirOwnBytes() throws Exception {
        // sizes around the kept buffer (4 KB) and beyond the largest one kept (1 MB), in turn
        int[] lengths = {10, 5_000, 3, 2_000_000, 40, 70_000, 1};
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < lengths.length; i++) {
                EcsDocument doc =
                        new EcsDocument(Kind.EVENTS, "e" + i)
                                .put(Ecs.MESSAGE, "m".repeat(lengths[i]))
                                .put(Ecs.HOST_NAME, "h" + i);
                String source = reference(doc);
                assertThat(new String(EcsJson.toJsonBytes(doc), StandardCharsets.UTF_8))
                        .as("source %d", i)
                        .isEqualTo(source);
                assertThat(EcsJson.toHitLine(doc))
                        .as("hit line %d", i)
                        .isEqualTo("{\"_id\":\"e" + i + "\",\"_source\":" + source + "}");
            }
        }
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
    void anObjectFirstAndThenAScalarOfTheSameNameKeepsBoth() {
        EcsDocument doc =
                EcsDocument.event("x")
                        .put("a.b.c", "deep")
                        .put("a.b", "flat")
                        .put("@meta.version", "1");

        assertThat(EcsJson.toJson(doc))
                .isEqualTo(
                        "{\"a\":{\"b\":{\"c\":\"deep\"},\"b.\":\"flat\"},"
                                + "\"@meta.version\":\"1\"}");
    }

    @Test
    void aDocumentWrittenAfterAnotherCarriesNoneOfItsFields() {
        EcsJson.toJson(EcsDocument.event("1").put("host.name", "a").put("user.name", "u"));

        assertThat(EcsJson.toJson(EcsDocument.event("2").put("host.ip", "10.0.0.1")))
                .isEqualTo("{\"host\":{\"ip\":\"10.0.0.1\"}}");
    }

    /**
     * The writer groups keys without maps; a plain map-based nesting (written here, independent of
     * it) gives the same JSON for random keys drawn from a small alphabet, so that collisions
     * between scalars and objects, repeated prefixes and empty segments all occur.
     */
    @Test
    void nestingMatchesAMapBasedReferenceOnRandomKeys() throws Exception {
        Random random = new Random(42);
        String[] parts = {"a", "b", "c", "", "@x"};
        for (int round = 0; round < 2_000; round++) {
            EcsDocument doc = EcsDocument.event("r");
            int fields = 1 + random.nextInt(12);
            for (int f = 0; f < fields; f++) {
                StringBuilder key = new StringBuilder(parts[random.nextInt(parts.length)]);
                int depth = random.nextInt(4);
                for (int d = 0; d < depth; d++) {
                    key.append('.').append(parts[random.nextInt(parts.length)]);
                }
                doc.put(key.toString(), random.nextBoolean() ? "v" + f : (Object) (long) f);
            }
            assertThat(EcsJson.toJson(doc)).as("round %d", round).isEqualTo(reference(doc));
            // The same names again with other values: written by the nesting worked out above.
            EcsDocument again = EcsDocument.event("r");
            int f = 0;
            for (String key : doc.fields().keySet()) {
                again.put(key, random.nextBoolean() ? "w" + f++ : (Object) (long) -f++);
            }
            assertThat(EcsJson.toJson(again))
                    .as("round %d again", round)
                    .isEqualTo(reference(again));
        }
    }

    /**
     * More sequences of names than a thread keeps nestings for, taking turns: each document still
     * gets its own nesting and its own values, whichever nesting was kept or pushed out.
     */
    @Test
    void manyDifferentSetsOfNamesInTurnEachNestTheirOwnWay() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 3_000; i++) {
                EcsDocument doc = EcsDocument.event("r");
                doc.put("host.name", "h" + i);
                doc.put("k" + i + ".a", (long) round);
                doc.put(i % 2 == 0 ? "k" + i + ".b.c" : "host.ip", "v" + i);
                assertThat(EcsJson.toJson(doc)).as("doc %d", i).isEqualTo(reference(doc));
            }
        }
    }

    private static String reference(EcsDocument doc) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : doc.fields().entrySet()) {
            referenceInsert(root, e.getKey(), e.getValue());
        }
        return new ObjectMapper().writeValueAsString(root);
    }

    @SuppressWarnings("unchecked")
    private static void referenceInsert(Map<String, Object> root, String key, Object v) {
        if (key.startsWith("@")) {
            root.put(key, v);
            return;
        }
        String[] path = key.split("\\.", -1);
        Map<String, Object> node = root;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.get(path[i]);
            if (child == null) {
                Map<String, Object> created = new LinkedHashMap<>();
                node.put(path[i], created);
                node = created;
            } else if (child instanceof Map<?, ?> map) {
                node = (Map<String, Object>) map;
            } else {
                node.put(String.join(".", Arrays.copyOfRange(path, i, path.length)), v);
                return;
            }
        }
        String leaf = path[path.length - 1];
        node.put(node.get(leaf) instanceof Map<?, ?> ? leaf + "." : leaf, v);
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
