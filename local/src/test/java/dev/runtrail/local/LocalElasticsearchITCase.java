package dev.runtrail.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.RealElasticsearch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@RealElasticsearch
class LocalElasticsearchITCase {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nodeIsHealthyAndRunsAsSingleNodeCluster(ElasticsearchNode es) throws Exception {
        HttpResponse<String> health = send("GET", es.url() + "/_cluster/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"cluster_name\":\"runtrail-local\"");
        assertThat(health.body()).contains("\"number_of_nodes\":1");
    }

    @Test
    void indexedDocumentIsSearchable(ElasticsearchNode es) throws Exception {
        String index = es.indexPrefix() + "-probe";
        HttpResponse<String> put =
                send(
                        "PUT",
                        es.url() + "/" + index + "/_doc/one?refresh=true",
                        "{\"user\":{\"name\":\"alice\"}}");
        assertThat(put.statusCode()).isEqualTo(201);
        HttpResponse<String> search =
                send("GET", es.url() + "/" + index + "/_search?q=user.name:alice", null);
        assertThat(search.body()).contains("\"_id\":\"one\"");
    }

    @Test
    void eachTestClassGetsItsOwnPrefix(ElasticsearchNode es) {
        assertThat(es.indexPrefix()).startsWith("it-localelasticsearchitcase-");
    }
}
