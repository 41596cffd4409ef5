package dev.runtrail.sinks.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Which optional field types the cluster offers. The {@code wildcard} type lives in the {@code
 * wildcard} module and {@code match_only_text} in {@code mapper-extras}; the integ-test
 * distribution ships neither, so the templates fall back to types every node has.
 *
 * @param wildcard whether every node has the {@code wildcard} module
 * @param matchOnlyText whether every node has the {@code mapper-extras} module
 */
public record ClusterCapabilities(boolean wildcard, boolean matchOnlyText) {

    /** What a full Elasticsearch distribution offers. */
    public static final ClusterCapabilities FULL = new ClusterCapabilities(true, true);

    /** Only the core types: what the integ-test node offers. */
    public static final ClusterCapabilities CORE = new ClusterCapabilities(false, false);

    /** Asks the cluster which modules all of its nodes have loaded. */
    public static ClusterCapabilities probe(RestClient client) throws IOException {
        Request request = new Request("GET", "/_nodes/plugins");
        request.addParameter("filter_path", "nodes.*.modules.name,nodes.*.plugins.name");
        Response response = client.performRequest(request);
        try (InputStream body = response.getEntity().getContent()) {
            return fromNodesPlugins(new ObjectMapper().readTree(body));
        }
    }

    /** Reads the answer of {@code GET _nodes/plugins}; a type counts only if every node has it. */
    static ClusterCapabilities fromNodesPlugins(JsonNode root) {
        JsonNode nodes = root.path("nodes");
        if (!nodes.isObject() || nodes.isEmpty()) {
            return CORE;
        }
        boolean wildcard = true;
        boolean mapperExtras = true;
        for (JsonNode node : nodes) {
            wildcard &= hasModule(node, "wildcard");
            mapperExtras &= hasModule(node, "mapper-extras");
        }
        return new ClusterCapabilities(wildcard, mapperExtras);
    }

    private static boolean hasModule(JsonNode node, String name) {
        for (String group : new String[] {"modules", "plugins"}) {
            for (JsonNode module : node.path(group)) {
                if (name.equals(module.path("name").asText())) {
                    return true;
                }
            }
        }
        return false;
    }
}
