package dev.runtrail.sinks.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.elasticsearch.ClusterHealth;
import dev.runtrail.sinks.testing.ElasticsearchTestBase;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.Test;

@RealElasticsearch
class TemplateInstallerITCase extends ElasticsearchTestBase {
    @Test
    void installingTwiceGivesTheSameTemplatesAndMappings() throws Exception {
        TemplateInstaller installer = new TemplateInstaller(node.client());
        TemplateInstaller.Result first = installer.install(prefix);
        JsonNode templatesAfterFirst = node.get("/_index_template/" + prefix + "-*");
        JsonNode mappingAfterFirst = node.get("/" + prefix + "-events/_mapping");

        TemplateInstaller.Result second = installer.install(prefix);

        // the integ-test node lacks the wildcard and mapper-extras modules
        assertThat(first.capabilities()).isEqualTo(ClusterCapabilities.CORE);
        assertThat(first.createdIndices()).hasSize(Kind.values().length);
        assertThat(second.createdIndices()).isEmpty();
        assertThat(second.templates()).isEqualTo(first.templates());
        assertThat(node.get("/_index_template/" + prefix + "-*")).isEqualTo(templatesAfterFirst);
        assertThat(node.get("/" + prefix + "-events/_mapping")).isEqualTo(mappingAfterFirst);
        for (Kind kind : Kind.values()) {
            JsonNode alias = node.get("/_alias/" + kind.alias(prefix));
            assertThat(alias.size()).as(kind.alias(prefix)).isEqualTo(1);
        }
    }

    @Test
    void theClusterIsWritable() throws Exception {
        assertThat(ClusterHealth.awaitWritable(node.client(), java.time.Duration.ofSeconds(10)))
                .isIn("green", "yellow");
    }

    @Test
    void theNodeMapsFieldsAsTheTemplatesSay() throws Exception {
        new TemplateInstaller(node.client()).install(prefix);
        JsonNode props =
                onlyIndex(node.get("/" + prefix + "-events/_mapping"))
                        .path("mappings")
                        .path("properties");

        assertThat(props.path("@timestamp").path("type").asText()).isEqualTo("date");
        assertThat(props.at("/source/properties/ip/type").asText()).isEqualTo("ip");
        assertThat(props.at("/related/properties/ip/type").asText()).isEqualTo("ip");
        assertThat(props.at("/process/properties/pid/type").asText()).isEqualTo("long");
        assertThat(props.at("/process/properties/command_line/type").asText()).isEqualTo("keyword");
        assertThat(props.at("/process/properties/command_line/fields/text/type").asText())
                .isEqualTo("text");
        assertThat(props.at("/message/type").asText()).isEqualTo("text");
        JsonNode original = props.at("/event/properties/original");
        assertThat(original.path("index").asBoolean(true)).isFalse();
        assertThat(original.path("doc_values").asBoolean(true)).isFalse();
        for (String identifier : List.of("id", "hash")) {
            JsonNode field = props.at("/event/properties/" + identifier);
            assertThat(field.path("type").asText()).as(identifier).isEqualTo("keyword");
            assertThat(field.path("index").asBoolean(true)).as(identifier).isTrue();
            assertThat(field.path("doc_values").asBoolean(true)).as(identifier).isFalse();
        }
    }

    @Test
    void everyEcsFieldIsAcceptedAndDynamicFieldsGetTheRightTypes() throws Exception {
        new TemplateInstaller(node.client()).install(prefix);
        EcsDocument doc = EcsDocument.event("all-fields");
        for (String field : MappingValidatorTest.allEcsFields()) {
            doc.put(field, MappingValidatorTest.sampleValue(field));
        }
        doc.put(Ecs.WINLOG_EVENT_DATA + "NewProcessId", 500L); // a number under event_data
        // an EventData name that is also the prefix of another (as an object mapping, a conflict)
        doc.put(Ecs.WINLOG_EVENT_DATA + "Param", "a");
        doc.put(Ecs.WINLOG_EVENT_DATA + "Param.Sub", "b");
        doc.put("runtrail.custom.count", 3L);
        String hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        doc.put(Ecs.EVENT_HASH, hash);
        assertThat(MappingValidator.violations(doc)).isEmpty();
        String index = IndexNames.indexFor(prefix, doc, Instant.now());

        node.call("PUT", "/" + index + "/_doc/" + doc.id() + "?refresh=true", EcsJson.toJson(doc));

        JsonNode props =
                onlyIndex(node.get("/" + index + "/_mapping")).path("mappings").path("properties");
        assertThat(props.at("/winlog/properties/event_data/type").asText()).isEqualTo("flattened");
        assertThat(props.at("/winlog/properties/event_data/properties").isMissingNode()).isTrue();
        // its names are searched one by one, the number as the keyword "500"
        for (String query :
                List.of(
                        "winlog.event_data.NewProcessId:500",
                        "winlog.event_data.Param:a",
                        "winlog.event_data.Param.Sub:b",
                        "event.hash:" + hash)) {
            JsonNode found = node.get("/" + index + "/_search?q=" + query);
            assertThat(found.at("/hits/total/value").asInt()).as(query).isEqualTo(1);
        }
        // an id or a hash is unique to its document: found by value, never aggregated (no doc
        // values are kept for it)
        assertThatThrownBy(
                        () ->
                                node.call(
                                        "POST",
                                        "/" + index + "/_search",
                                        "{\"size\":0,\"aggs\":{\"h\":{\"terms\":{\"field\":"
                                                + "\"event.hash\"}}}}"))
                .isInstanceOf(ResponseException.class)
                .hasMessageContaining("event.hash");
        assertThat(
                        node.get("/" + index + "/_search?q=winlog.event_data.NewProcessId:501")
                                .at("/hits/total/value")
                                .asInt())
                .isZero();
        assertThat(props.at("/runtrail/properties/custom/properties/count/type").asText())
                .isEqualTo("long");
        assertThat(props.at("/user/properties/name/type").asText()).isEqualTo("keyword");
        assertThat(props.at("/runtrail/properties/key_time/type").asText()).isEqualTo("date");
        // event.original is kept in _source but cannot be searched
        JsonNode hit = node.get("/" + index + "/_doc/" + doc.id());
        assertThat(hit.at("/_source/event/original").asText()).isEqualTo("text for event.original");
    }

    @Test
    void theNodeRefusesWhatTheValidatorRefuses() throws Exception {
        new TemplateInstaller(node.client()).install(prefix);
        EcsDocument bad = EcsDocument.event("bad-pid").put(Ecs.PROCESS_PID, "abc");
        assertThat(MappingValidator.violations(bad)).hasSize(1);
        String index = IndexNames.indexFor(prefix, bad, Instant.now());
        assertThatThrownBy(
                        () -> node.call("PUT", "/" + index + "/_doc/bad-pid", EcsJson.toJson(bad)))
                .isInstanceOf(ResponseException.class)
                .hasMessageContaining("process.pid");
    }

    private static JsonNode onlyIndex(JsonNode byIndex) {
        Iterator<Map.Entry<String, JsonNode>> it = byIndex.fields();
        Map.Entry<String, JsonNode> first = it.next();
        assertThat(it.hasNext()).as("one index behind the alias").isFalse();
        return first.getValue();
    }
}
