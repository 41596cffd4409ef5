package dev.runtrail.sinks.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the nested {@code properties} of a mapping (a template's or an index's) as dotted paths.
 */
public final class MappingTree {
    private MappingTree() {}

    /** Every field that has a {@code type}, by dotted path, in the mapping's order. */
    public static Map<String, JsonNode> fields(JsonNode properties) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        collect(properties, "", out);
        return out;
    }

    /** The fields of every index in a {@code GET <indices>/_mapping} response, as sorted paths. */
    public static Set<String> fieldsOfIndices(JsonNode mappingResponse) {
        Set<String> out = new TreeSet<>();
        mappingResponse
                .elements()
                .forEachRemaining(
                        index ->
                                out.addAll(
                                        fields(index.path("mappings").path("properties"))
                                                .keySet()));
        return out;
    }

    private static void collect(JsonNode properties, String prefix, Map<String, JsonNode> out) {
        Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            if (e.getValue().has("type")) {
                out.put(path, e.getValue());
            } else {
                collect(e.getValue().path("properties"), path + ".", out);
            }
        }
    }
}
