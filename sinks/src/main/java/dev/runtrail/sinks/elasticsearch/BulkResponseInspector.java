package dev.runtrail.sinks.elasticsearch;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides per item of a bulk response: stored, retry later, or refused for good.
 *
 * <ul>
 *   <li>no error: stored.
 *   <li>409 on an entry sent with a revision: Elasticsearch holds that revision or a newer one, so
 *       there is nothing to do.
 *   <li>429 (queue full, circuit breaker) and any 5xx: passing trouble, retried with backoff.
 *   <li>any other 4xx (mapping and parsing errors, a 409 without a revision): the document itself
 *       is wrong and will never be accepted; it goes to the dead-letter index with the reason.
 * </ul>
 */
public final class BulkResponseInspector {
    private BulkResponseInspector() {}

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
                rejected.add(
                        new BulkOutcome.Rejected(
                                entry,
                                status,
                                error == null ? "unknown" : error.type(),
                                describe(error, status)));
            }
        }
        return new BulkOutcome(indexed, stale, retry, rejected);
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
