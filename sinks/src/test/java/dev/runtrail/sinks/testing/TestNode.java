package dev.runtrail.sinks.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.sinks.elasticsearch.ElasticsearchClients;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * The real Elasticsearch node the ITCases talk to, found through the system property {@code
 * runtrail.es.url}. Stands in until the project's {@code @RealElasticsearch} extension (module
 * {@code local}) is on main; then the ITCases switch to it and this class goes.
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

    /** The node, or the test is skipped with a message when no URL is given. */
    public static TestNode require() {
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

    /** An index prefix no other test class uses, e.g. {@code it-sinkitcase-1-...}. */
    public static String uniquePrefix(Class<?> testClass) {
        return ("it-"
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
        for (JsonNode t : get("/_index_template/" + prefix + "-*").path("index_templates")) {
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
