package dev.runtrail.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A node of its own (not the shared one), stopped and started again on the same port and data. */
class LocalElasticsearchRestartITCase {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRestartedNodeKeepsItsPortAndItsDocuments() throws Exception {
        LocalElasticsearch first = LocalElasticsearch.startEphemeral();
        LocalElasticsearch second = null;
        try {
            assertThat(
                            send(
                                            "PUT",
                                            first.url() + "/restart-probe/_doc/one?refresh=true",
                                            "{\"user\":{\"name\":\"alice\"}}")
                                    .statusCode())
                    .isEqualTo(201);
            assertThatThrownBy(first::startAgain).hasMessageContaining("is still running");

            first.stopKeepingData();
            assertThat(first.healthy()).isFalse();
            assertThat(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();

            second = first.startAgain();
            assertThat(second.port()).isEqualTo(first.port());
            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(second.instanceDir()).isEqualTo(first.instanceDir());
            HttpResponse<String> doc = send("GET", second.url() + "/restart-probe/_doc/one", null);
            assertThat(doc.statusCode()).isEqualTo(200);
            assertThat(doc.body()).contains("alice");
        } finally {
            if (second != null) {
                second.close();
            } else {
                first.close();
            }
        }
        assertThat(second.instanceDir()).doesNotExist();
    }
}
