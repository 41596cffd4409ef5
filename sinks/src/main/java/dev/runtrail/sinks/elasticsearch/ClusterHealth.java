package dev.runtrail.sinks.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Waits until the cluster can take writes (status yellow or green). Uses {@code _cluster/health}
 * because the local integ-test node has no {@code GET /}, so the client's {@code info()} and {@code
 * ping()} fail there.
 */
public final class ClusterHealth {
    private ClusterHealth() {}

    /** The status reached: {@code green} or {@code yellow}. */
    public static String awaitWritable(RestClient client, Duration timeout) throws IOException {
        Request request = new Request("GET", "/_cluster/health");
        request.addParameter("wait_for_status", "yellow");
        request.addParameter("timeout", timeout.toMillis() + "ms");
        JsonNode health;
        try (InputStream body = client.performRequest(request).getEntity().getContent()) {
            health = new ObjectMapper().readTree(body);
        } catch (ResponseException e) {
            // 408 when the wait timed out; the body still says which status the cluster has
            try (InputStream body = e.getResponse().getEntity().getContent()) {
                health = new ObjectMapper().readTree(body);
            }
        }
        String status = health.path("status").asText("unknown");
        if (health.path("timed_out").asBoolean(false) || "red".equals(status)) {
            throw new IOException(
                    "Elasticsearch cluster "
                            + health.path("cluster_name").asText("?")
                            + " is "
                            + status
                            + " after waiting "
                            + timeout.toSeconds()
                            + " s; it cannot take writes until its primary shards are assigned.");
        }
        return status;
    }
}
