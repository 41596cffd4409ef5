package dev.runtrail.sinks.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.sinks.elasticsearch.ElasticsearchClients;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Helpers around the real Elasticsearch node of the ITCases ({@code @RealElasticsearch} from module
 * {@code local}): a REST client, counts, per-test prefixes and cleanup. The hand-run bench may
 * instead name a running node with {@code -Druntrail.es.url}.
 */
public final class TestNode implements AutoCloseable {
    public static final String URL_PROPERTY = "runtrail.es.url";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final String url;
    private final RestClient client;

    private TestNode(String url) {
        this.url = url;
        this.client = ElasticsearchClients.restClient(ElasticsearchSettings.forUrl(url, "unused"));
    }

    /** The node the {@code @RealElasticsearch} extension started. */
    public static TestNode of(ElasticsearchNode node) {
        return new TestNode(node.url());
    }

    /** The node named by {@code -Druntrail.es.url}; the test is skipped without it. */
    public static TestNode fromProperty() {
        String url = System.getProperty(URL_PROPERTY);
        assumeTrue(
                url != null && !url.isBlank(),
                "no Elasticsearch node: set -D" + URL_PROPERTY + "=http://localhost:9200");
        return new TestNode(url);
    }

    public String url() {
        return url;
    }

    public RestClient client() {
        return client;
    }

    /**
     * A prefix for one test: the class's prefix from the extension plus a counter, because the
     * first template installation of a prefix creates its indices and tests must not share that.
     */
    public static String uniquePrefix(ElasticsearchNode node) {
        return node.indexPrefix() + "-" + PREFIXES.incrementAndGet();
    }

    /** A prefix for the hand-run bench against a node named by URL. */
    public static String uniquePrefix(Class<?> testClass) {
        return ("bench-"
                        + testClass.getSimpleName()
                        + "-"
                        + Long.toString(System.currentTimeMillis(), 36)
                        + PREFIXES.incrementAndGet())
                .toLowerCase(Locale.ROOT);
    }

    public JsonNode get(String endpoint) throws IOException {
        return call("GET", endpoint, null);
    }

    public JsonNode call(String method, String endpoint, String body) throws IOException {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        }
        try (InputStream in = client.performRequest(request).getEntity().getContent()) {
            return JSON.readTree(in);
        }
    }

    /** Document count behind an alias or pattern, after a refresh. */
    public long count(String target) throws IOException {
        call("POST", "/" + target + "/_refresh", null);
        return get("/" + target + "/_count").path("count").asLong();
    }

    /** Deletes every index and template of a prefix. */
    public void deletePrefix(String prefix) throws IOException {
        for (JsonNode index : get("/_cat/indices/" + prefix + "-*?format=json&h=index")) {
            call("DELETE", "/" + index.path("index").asText(), null);
        }
        JsonNode templates;
        try {
            templates = get("/_index_template/" + prefix + "-*").path("index_templates");
        } catch (ResponseException e) {
            templates = JSON.createArrayNode(); // 404: none installed
        }
        for (JsonNode t : templates) {
            call("DELETE", "/_index_template/" + t.path("name").asText(), null);
        }
        for (String component : new String[] {"-settings", "-ecs-mappings"}) {
            try {
                call("DELETE", "/_component_template/" + prefix + component, null);
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
