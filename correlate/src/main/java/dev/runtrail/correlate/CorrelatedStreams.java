package dev.runtrail.correlate;

import dev.runtrail.model.EcsDocument;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The outputs of {@link Correlation#apply}: every input event (enriched with the keys of its
 * session, attempt and run where known), and the upserted records of each kind.
 */
public record CorrelatedStreams(
        DataStream<EcsDocument> events,
        DataStream<EcsDocument> sessions,
        DataStream<EcsDocument> attempts,
        DataStream<EcsDocument> runs) {

    /** Sessions, attempts and runs in one stream (each document's kind tells them apart). */
    public DataStream<EcsDocument> records() {
        return sessions.union(attempts, runs);
    }

    /** Events and records in one stream. */
    public DataStream<EcsDocument> all() {
        return events.union(sessions, attempts, runs);
    }
}
