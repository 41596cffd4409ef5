package dev.runtrail.sinks.elasticsearch;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides per item of a bulk response: stored, retry later, or refused for good.
 *
 * <ul>
 *   <li>no error: stored.
 *   <li>409 on an entry sent with a version (a record's revision, an event copy's rank):
 *       Elasticsearch holds a newer revision or a better copy, so there is nothing to do.
 *   <li>429 (queue full, circuit breaker) and any 5xx: passing trouble, retried with backoff.
 *   <li>a 4xx about the target rather than the document ({@link #isAboutTheTarget}): the index
 *       cannot take any document, so the job has to stop with the reason.
 *   <li>any other 4xx (mapping and parsing errors, a 409 without a revision): the document itself
 *       is wrong and will never be accepted; it goes to the dead-letter index with the reason.
 * </ul>
 */
public final class BulkResponseInspector {
    /** Error types that refuse the index a document was sent to, whatever the document. */
    private static final Set<String> TARGET_ERRORS =
            Set.of(
                    // the index cannot be created: the cluster's shard limit
                    "validation_exception",
                    "index_closed_exception",
                    "cluster_block_exception",
                    "index_not_found_exception",
                    "invalid_index_name_exception",
                    "security_exception");

    private static final JsonpMapper MAPPER = new JacksonJsonpMapper();

    private BulkResponseInspector() {}

    /** Reads the body of a bulk response; closes the stream. */
    public static BulkResponse parse(InputStream body) throws IOException {
        try (InputStream in = body;
                JsonParser parser = MAPPER.jsonProvider().createParser(in)) {
            return BulkResponse._DESERIALIZER.deserialize(parser, MAPPER);
        }
    }

    /**
     * Inspects the response to a bulk request of {@code sent}; items come back in request order.
     */
    public static BulkOutcome inspect(List<BulkEntry> sent, BulkResponse response) {
        List<BulkResponseItem> items = response.items();
        if (items.size() != sent.size()) {
            throw new IllegalStateException(
                    "The bulk response has "
                            + items.size()
                            + " items for a request of "
                            + sent.size()
                            + " operations.");
        }
        int indexed = 0;
        int stale = 0;
        List<BulkEntry> retry = new ArrayList<>();
        List<BulkOutcome.Rejected> rejected = new ArrayList<>();
        List<BulkOutcome.Rejected> blocked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            BulkEntry entry = sent.get(i);
            ErrorCause error = item.error();
            int status = item.status();
            if (error == null && status < 300) {
                indexed++;
            } else if (status == 409 && entry.version() != null) {
                stale++;
            } else if (isRetryable(status)) {
                retry.add(entry);
            } else {
                String type = error == null ? "unknown" : error.type();
                BulkOutcome.Rejected refusal =
                        new BulkOutcome.Rejected(entry, status, type, describe(error, status));
                (isAboutTheTarget(status, type) ? blocked : rejected).add(refusal);
            }
        }
        return new BulkOutcome(indexed, stale, retry, rejected, blocked);
    }

    /**
     * Whether a refusal is about where the document was sent rather than about the document: the
     * index cannot be created (shard limit), is closed or blocked for writes, does not exist where
     * indices are not created on demand, or the credentials may not write to it (401, 403). Every
     * other document for that index, its dead letter included, would be refused the same way, so
     * dead-lettering would only hide the cause.
     */
    static boolean isAboutTheTarget(int status, String errorType) {
        return status == 401 || status == 403 || status == 404 || TARGET_ERRORS.contains(errorType);
    }

    /** Whether an HTTP status means "try again later". */
    public static boolean isRetryable(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * The error's reason with its causes, e.g. "failed to parse field [process.pid] ...: For input
     * string".
     */
    static String describe(ErrorCause error, int status) {
        if (error == null) {
            return "Elasticsearch answered status " + status + " without an error.";
        }
        StringBuilder text = new StringBuilder();
        ErrorCause cause = error;
        for (int depth = 0; cause != null && depth < 4; depth++) {
            if (depth > 0) {
                text.append(" Caused by: ");
            }
            text.append(cause.type()).append(": ").append(cause.reason());
            cause = cause.causedBy();
        }
        return text.toString();
    }
}
