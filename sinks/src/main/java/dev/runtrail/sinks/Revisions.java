package dev.runtrail.sinks;

/** Whether a stream can carry several revisions of one document id. */
public enum Revisions {
    /**
     * Each id arrives once (events straight from ingest, dead letters): any subtask may write any
     * document, no shuffle needed.
     */
    ONE_PER_ID,
    /**
     * Correlation upserts: a newer revision of an id may follow an older one, possibly from another
     * operator, so sinks that keep order per id (NDJSON files) route all revisions of an id to one
     * writer.
     */
    MANY_PER_ID
}
