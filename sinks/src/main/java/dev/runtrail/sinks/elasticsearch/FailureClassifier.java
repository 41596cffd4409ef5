package dev.runtrail.sinks.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import org.elasticsearch.client.ResponseException;

/**
 * Decides whether a failed bulk request (no per-item answer at all) is worth retrying: connection
 * problems, timeouts, 429 and 5xx are; anything else (401, 403, 400 on the whole request, a bug)
 * would fail the same way again and stops the job with the cause.
 */
public final class FailureClassifier {
    private FailureClassifier() {}

    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Integer status = status(t);
            if (status != null) {
                return BulkResponseInspector.isRetryable(status);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP status carried by an exception, if it is one that carries one. */
    static Integer status(Throwable t) {
        if (t instanceof ResponseException re) {
            return re.getResponse().getStatusLine().getStatusCode();
        }
        if (t instanceof ElasticsearchException ee) {
            return ee.status();
        }
        if (t instanceof TransportException te && te.statusCode() > 0) {
            return te.statusCode();
        }
        return null;
    }
}
