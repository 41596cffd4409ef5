package dev.runtrail.sinks;

/** Whether a stream can carry several revisions of one document id. */
public enum Revisions {
    /**
     * Each id arrives once (events straight from ingest, dead letters): any subtask may write any
     * document, no shuffle needed.
     */
    ONE_PER_ID,
    /**
     * Correlation upserts: a newer revision of an id follows an older one. All revisions of an id
     * come from one subtask of one keyed operator, so sinks that keep order per id (NDJSON files)
     * stay on that subtask's channel.
     */
    MANY_PER_ID
}
