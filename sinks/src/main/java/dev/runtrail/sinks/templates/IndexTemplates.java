package dev.runtrail.sinks.templates;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runtrail.model.Kind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders runtrail's index templates as JSON: one component template with the shared settings, one
 * with the ECS mappings, and one composable index template per {@link Kind} matching {@code
 * <prefix>-<kind>-*} (monthly indices such as {@code runtrail-events-2024.05}) that adds the alias
 * {@code <prefix>-<kind>}. No ILM, data streams or ingest pipelines are referenced: the local node
 * has none of them.
 */
public final class IndexTemplates {
    /** Bumped whenever the rendered templates change, so installed versions can be compared. */
    public static final int VERSION = 2;

    /** Above the built-in templates (priority 100..), so ours win for our patterns. */
    static final int PRIORITY = 500;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String prefix;
    private final ClusterCapabilities capabilities;

    public IndexTemplates(String prefix, ClusterCapabilities capabilities) {
        this.prefix = IndexNames.checkPrefix(prefix);
        this.capabilities = capabilities;
    }

    public String prefix() {
        return prefix;
    }

    public ClusterCapabilities capabilities() {
        return capabilities;
    }

    public String settingsComponentName() {
        return prefix + "-settings";
    }

    public String mappingsComponentName() {
        return prefix + "-ecs-mappings";
    }

    public String indexTemplateName(Kind kind) {
        return kind.alias(prefix);
    }

    /** Component templates by name, in installation order. */
    public Map<String, ObjectNode> componentTemplates() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        out.put(settingsComponentName(), wrapTemplate(settingsNode()));
        ObjectNode mappings = JSON.objectNode();
        mappings.set("mappings", mappingsNode(false));
        out.put(mappingsComponentName(), wrapTemplate(mappings));
        return out;
    }

    /** The composable index template of one kind. */
    public ObjectNode indexTemplate(Kind kind) {
        ObjectNode body = JSON.objectNode();
        body.putArray("index_patterns").add(IndexNames.pattern(prefix, kind));
        body.putArray("composed_of").add(settingsComponentName()).add(mappingsComponentName());
        body.put("priority", PRIORITY);
        body.put("version", VERSION);
        ObjectNode template = body.putObject("template");
        template.putObject("aliases").putObject(kind.alias(prefix));
        if (kind == Kind.DEADLETTER) {
            // Dead letters hold what other indices refused: index only the fields we name, keep
            // the rest in _source, so a dead letter can never be refused itself.
            template.set("mappings", mappingsNode(true));
        }
        body.putObject("_meta").put("managed_by", "runtrail").put("kind", kind.id());
        return body;
    }

    private ObjectNode wrapTemplate(ObjectNode template) {
        ObjectNode body = JSON.objectNode();
        body.set("template", template);
        body.put("version", VERSION);
        body.putObject("_meta").put("managed_by", "runtrail");
        return body;
    }

    private ObjectNode settingsNode() {
        ObjectNode template = JSON.objectNode();
        ObjectNode index = template.putObject("settings").putObject("index");
        index.put("number_of_shards", 1);
        // One replica where there is a second node, none on a single-node cluster.
        index.put("auto_expand_replicas", "0-1");
        index.put("refresh_interval", "1s");
        index.putObject("mapping").putObject("total_fields").put("limit", 5000);
        return template;
    }

    /** The mappings object; for dead letters only the named fields are indexed. */
    ObjectNode mappingsNode(boolean deadLetter) {
        ObjectNode mappings = JSON.objectNode();
        mappings.put("date_detection", false);
        mappings.put("numeric_detection", false);
        if (deadLetter) {
            mappings.put("dynamic", "false");
        } else {
            mappings.set("dynamic_templates", dynamicTemplates());
        }
        ObjectNode properties = mappings.putObject("properties");
        EcsMappings.FIELDS.forEach((path, type) -> put(properties, path, fieldNode(type)));
        if (deadLetter) {
            EcsMappings.DEAD_LETTER_FIELDS.forEach(
                    (path, type) -> put(properties, path, fieldNode(type)));
        } else {
            for (String object : EcsMappings.FLATTENED_OBJECTS) {
                put(properties, object, fieldNode(FieldType.FLATTENED));
            }
        }
        return mappings;
    }

    private com.fasterxml.jackson.databind.node.ArrayNode dynamicTemplates() {
        var list = JSON.arrayNode();
        list.addObject().set("strings_as_keyword", byJsonType("string", FieldType.KEYWORD));
        list.addObject().set("whole_numbers_as_long", byJsonType("long", FieldType.LONG));
        list.addObject().set("fractions_as_double", byJsonType("double", FieldType.DOUBLE));
        return list;
    }

    private ObjectNode byJsonType(String jsonType, FieldType type) {
        ObjectNode rule = JSON.objectNode();
        rule.put("match_mapping_type", jsonType);
        rule.set("mapping", fieldNode(type));
        return rule;
    }

    /** The mapping of one field type on this cluster. */
    ObjectNode fieldNode(FieldType type) {
        ObjectNode node = JSON.objectNode();
        switch (type) {
            case KEYWORD -> node.put("type", "keyword").put("ignore_above", keywordLimit());
            case IDENTIFIER -> {
                // a keyword in every other respect
                node.setAll(fieldNode(FieldType.KEYWORD));
                node.put("doc_values", false);
            }
            case DATE -> node.put("type", "date");
            case IP -> node.put("type", "ip");
            case LONG -> node.put("type", "long");
            case DOUBLE -> node.put("type", "double");
            case BOOLEAN -> node.put("type", "boolean");
            case FLATTENED -> node.put("type", "flattened").put("ignore_above", keywordLimit());
            case COMMAND_LINE -> {
                if (capabilities.wildcard()) {
                    node.put("type", "wildcard");
                } else {
                    // Substring search through the text sub-field; exact match on the keyword.
                    node.put("type", "keyword").put("ignore_above", 8191);
                    node.putObject("fields").putObject("text").put("type", "text");
                }
            }
            case PROSE -> {
                if (capabilities.matchOnlyText()) {
                    node.put("type", "match_only_text");
                } else {
                    node.put("type", "text").put("norms", false);
                }
            }
            case STORED_ONLY ->
                    node.put("type", "keyword").put("index", false).put("doc_values", false);
        }
        return node;
    }

    private static int keywordLimit() {
        return EcsMappings.KEYWORD_IGNORE_ABOVE;
    }

    /** Puts a dotted path into nested {@code properties} objects. */
    private static void put(ObjectNode properties, String path, ObjectNode field) {
        if (path.startsWith("@")) {
            properties.set(path, field);
            return;
        }
        ObjectNode node = properties;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            ObjectNode child = (ObjectNode) node.get(parts[i]);
            if (child == null) {
                child = node.putObject(parts[i]);
            }
            node =
                    child.has("properties")
                            ? (ObjectNode) child.get("properties")
                            : child.putObject("properties");
        }
        node.set(parts[parts.length - 1], field);
    }
}
