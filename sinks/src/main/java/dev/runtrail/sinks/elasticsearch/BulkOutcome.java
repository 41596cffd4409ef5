package dev.runtrail.sinks.elasticsearch;

import java.util.List;

/**
 * What became of each entry of one bulk request.
 *
 * @param indexed entries Elasticsearch stored
 * @param staleRevisions entries refused because a newer revision (for an event, a copy of higher
 *     rank) is already stored
 * @param retry entries that failed for a passing reason (429, 5xx) and go again after a backoff
 * @param rejected entries Elasticsearch refuses for good (mapping errors): they become dead letters
 * @param blocked entries refused because of their index, not their content (shard limit, closed or
 *     write-blocked index, missing privileges): the job cannot go on
 */
public record BulkOutcome(
        int indexed,
        int staleRevisions,
        List<BulkEntry> retry,
        List<Rejected> rejected,
        List<Rejected> blocked) {

    /** An entry Elasticsearch refused, with its reason. */
    public record Rejected(BulkEntry entry, int status, String errorType, String reason) {}

    public boolean allDone() {
        return retry.isEmpty() && rejected.isEmpty() && blocked.isEmpty();
    }
}
