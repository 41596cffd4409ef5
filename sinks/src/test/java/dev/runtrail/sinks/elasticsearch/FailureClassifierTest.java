package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    private static ElasticsearchException withStatus(int status, String type) {
        return new ElasticsearchException(
                "bulk",
                ErrorResponse.of(
                        r -> r.status(status).error(e -> e.type(type).reason("test reason"))));
    }

    @Test
    void connectionProblemsAreRetried() {
        assertThat(FailureClassifier.isRetryable(new ConnectException("Connection refused")))
                .isTrue();
        assertThat(
                        FailureClassifier.isRetryable(
                                new CompletionException(new SocketTimeoutException("30,000 ms"))))
                .isTrue();
        assertThat(FailureClassifier.isRetryable(new IOException("connection closed"))).isTrue();
    }

    @Test
    void overloadAndServerErrorsAreRetried() {
        assertThat(FailureClassifier.isRetryable(withStatus(429, "circuit_breaking_exception")))
                .isTrue();
        assertThat(FailureClassifier.isRetryable(withStatus(503, "cluster_block_exception")))
                .isTrue();
    }

    @Test
    void authenticationAndBadRequestsStopTheJob() {
        assertThat(FailureClassifier.isRetryable(withStatus(401, "security_exception"))).isFalse();
        assertThat(FailureClassifier.isRetryable(withStatus(403, "security_exception"))).isFalse();
        assertThat(FailureClassifier.isRetryable(withStatus(400, "parse_exception"))).isFalse();
        assertThat(FailureClassifier.isRetryable(new IllegalStateException("bug"))).isFalse();
    }
}
