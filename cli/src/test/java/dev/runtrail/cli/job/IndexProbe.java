package dev.runtrail.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.templates.MappingTree;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads back what a job wrote to Elasticsearch, per kind, through the aliases of an index prefix:
 * document counts and the list of ids (a list, not a set, so a duplicate shows).
 */
final class IndexProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    IndexProbe(String url) {
        this.url = url;
    }

    JsonNode call(String method, String path, String body) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return JSON.createObjectNode();
            }
            if (response.statusCode() >= 300) {
                throw new IOException(
                        method
                                + " "
                                + path
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while calling " + path, e);
        }
    }

    /** Document count behind the kind's alias after a refresh; 0 when the alias does not exist. */
    long count(String prefix, Kind kind) throws IOException {
        String alias = kind.alias(prefix);
        call("POST", "/" + alias + "/_refresh?ignore_unavailable=true", null);
        return call("GET", "/" + alias + "/_count?ignore_unavailable=true", null)
                .path("count")
                .asLong();
    }

    Map<Kind, Long> counts(String prefix) throws IOException {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counts.put(kind, count(prefix, kind));
        }
        return counts;
    }

    /** Every document id behind the kind's alias, sorted; duplicates across indices stay in. */
    List<String> ids(String prefix, Kind kind) throws IOException {
        String alias = kind.alias(prefix);
        call("POST", "/" + alias + "/_refresh?ignore_unavailable=true", null);
        JsonNode hits =
                call(
                                "POST",
                                "/" + alias + "/_search?ignore_unavailable=true",
                                "{\"size\":10000,\"_source\":false,\"sort\":[\"_doc\"]}")
                        .path("hits")
                        .path("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.path("_id").asText()));
        ids.sort(null);
        return ids;
    }

    Map<Kind, List<String>> idsByKind(String prefix) throws IOException {
        Map<Kind, List<String>> ids = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            ids.put(kind, ids(prefix, kind));
        }
        return ids;
    }

    /** The first hit's source for a query on the kind's alias. */
    JsonNode firstSource(String prefix, Kind kind) throws IOException {
        String alias = kind.alias(prefix);
        call("POST", "/" + alias + "/_refresh", null);
        return call("GET", "/" + alias + "/_search?size=1", null)
                .path("hits")
                .path("hits")
                .path(0)
                .path("_source");
    }

    /** The fields mapped in any of the prefix's indices, as dotted paths. */
    Set<String> mappedFields(String prefix) throws IOException {
        return MappingTree.fieldsOfIndices(call("GET", "/" + prefix + "-*/_mapping", null));
    }
}
