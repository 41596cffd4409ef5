package dev.runtrail.sinks.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runtrail.model.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {
    /** Field types of a default distribution; the second set needs optional modules. */
    /** Types of the integ-test node too ({@code flattened} is in its server since 8.x). */
    private static final Set<String> CORE_TYPES =
            Set.of("keyword", "text", "date", "ip", "long", "double", "boolean", "flattened");

    private static final Set<String> MODULE_TYPES = Set.of("wildcard", "match_only_text");

    private static JsonNode mappings(IndexTemplates t) {
        return t.componentTemplates()
                .get(t.mappingsComponentName())
                .path("template")
                .path("mappings");
    }

    private static Map<String, JsonNode> fields(JsonNode mappings) {
        return MappingTree.fields(mappings.path("properties"));
    }

    @Test
    void theCoreRenderingUsesOnlyTypesEveryNodeHas() {
        IndexTemplates t = new IndexTemplates("runtrail", ClusterCapabilities.CORE);
        List<String> types = new ArrayList<>();
        fields(mappings(t)).values().forEach(f -> types.add(f.path("type").asText()));
        fields(t.mappingsNode(true)).values().forEach(f -> types.add(f.path("type").asText()));
        for (JsonNode rule : mappings(t).path("dynamic_templates")) {
            types.add(rule.elements().next().path("mapping").path("type").asText());
        }
        assertThat(types).isNotEmpty().allMatch(CORE_TYPES::contains);
    }

    @Test
    void theFullRenderingUsesWildcardAndMatchOnlyText() {
        IndexTemplates t = new IndexTemplates("runtrail", ClusterCapabilities.FULL);
        Map<String, JsonNode> f = fields(mappings(t));
        assertThat(f.get("process.command_line").path("type").asText()).isEqualTo("wildcard");
        assertThat(f.get("process.parent.command_line").path("type").asText())
                .isEqualTo("wildcard");
        assertThat(f.get("message").path("type").asText()).isEqualTo("match_only_text");
        f.values()
                .forEach(
                        v ->
                                assertThat(v.path("type").asText())
                                        .isIn(union(CORE_TYPES, MODULE_TYPES)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void eCsFieldsGetTheirTypes() {
        Map<String, JsonNode> f =
                fields(mappings(new IndexTemplates("runtrail", ClusterCapabilities.CORE)));
        for (String ip : List.of("source.ip", "destination.ip", "host.ip", "related.ip")) {
            assertThat(f.get(ip).path("type").asText()).as(ip).isEqualTo("ip");
        }
        for (String date :
                List.of(
                        "@timestamp",
                        "event.created",
                        "event.start",
                        "event.end",
                        "event.ingested",
                        "airflow.logical_date")) {
            assertThat(f.get(date).path("type").asText()).as(date).isEqualTo("date");
        }
        for (String number :
                List.of(
                        "process.pid",
                        "source.port",
                        "http.response.status_code",
                        "airflow.try_number")) {
            assertThat(f.get(number).path("type").asText()).as(number).isEqualTo("long");
        }
        JsonNode original = f.get("event.original");
        assertThat(original.path("type").asText()).isEqualTo("keyword");
        assertThat(original.path("index").asBoolean(true)).isFalse();
        assertThat(original.path("doc_values").asBoolean(true)).isFalse();
        for (String identifier : List.of("event.id", "event.hash")) {
            JsonNode field = f.get(identifier);
            assertThat(field.path("type").asText()).as(identifier).isEqualTo("keyword");
            assertThat(field.path("index").asBoolean(true)).as(identifier).isTrue();
            assertThat(field.path("doc_values").asBoolean(true)).as(identifier).isFalse();
        }
        assertThat(f.get("winlog.event_id").path("type").asText()).isEqualTo("keyword");
        JsonNode commandLine = f.get("process.command_line");
        assertThat(commandLine.path("type").asText()).isEqualTo("keyword");
        assertThat(commandLine.path("fields").path("text").path("type").asText()).isEqualTo("text");
        assertThat(f.get("message").path("type").asText()).isEqualTo("text");
    }

    @Test
    void dynamicRulesMakeStringsKeywordAndEventDataOneFlattenedField() {
        JsonNode m = mappings(new IndexTemplates("runtrail", ClusterCapabilities.CORE));
        assertThat(m.path("date_detection").asBoolean(true)).isFalse();
        for (String object : List.of("event_data", "user_data")) {
            JsonNode field = m.path("properties").path("winlog").path("properties").path(object);
            assertThat(field.path("type").asText()).as(object).isEqualTo("flattened");
            assertThat(field.path("ignore_above").asInt()).isEqualTo(1024);
        }
        JsonNode rules = m.path("dynamic_templates");
        List<String> byType = new ArrayList<>();
        for (JsonNode rule : rules) {
            JsonNode body = rule.elements().next();
            if (body.has("match_mapping_type")) {
                byType.add(
                        body.path("match_mapping_type").asText()
                                + "="
                                + body.path("mapping").path("type").asText());
            }
        }
        assertThat(byType).containsExactly("string=keyword", "long=long", "double=double");
    }

    @Test
    void onePatternAndAliasPerKindAndDeadLettersOnlyIndexNamedFields() {
        IndexTemplates t = new IndexTemplates("rt", ClusterCapabilities.CORE);
        for (Kind kind : Kind.values()) {
            ObjectNode body = t.indexTemplate(kind);
            assertThat(body.path("index_patterns").get(0).asText())
                    .isEqualTo("rt-" + kind.id() + "-*");
            assertThat(body.path("template").path("aliases").has("rt-" + kind.id())).isTrue();
            assertThat(body.path("composed_of").toString())
                    .isEqualTo("[\"rt-settings\",\"rt-ecs-mappings\"]");
            assertThat(body.has("data_stream")).isFalse();
        }
        JsonNode dl = t.indexTemplate(Kind.DEADLETTER).path("template").path("mappings");
        assertThat(dl.path("dynamic").asText()).isEqualTo("false");
        assertThat(fields(dl))
                .containsKeys("error.message", "event.original", "runtrail.rejected.index");
        assertThat(t.indexTemplate(Kind.EVENTS).path("template").has("mappings")).isFalse();
    }

    @Test
    void settingsAvoidIlmAndFitASingleNode() {
        IndexTemplates t = new IndexTemplates("rt", ClusterCapabilities.CORE);
        JsonNode index =
                t.componentTemplates()
                        .get("rt-settings")
                        .path("template")
                        .path("settings")
                        .path("index");
        assertThat(index.path("auto_expand_replicas").asText()).isEqualTo("0-1");
        assertThat(index.has("lifecycle")).isFalse();
        assertThat(index.has("default_pipeline")).isFalse();
    }
}
