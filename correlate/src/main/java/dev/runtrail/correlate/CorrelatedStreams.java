package dev.runtrail.correlate;

import dev.runtrail.model.EcsDocument;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The outputs of {@link Correlation#apply}: every input event (enriched with the keys of its
 * session, attempt and run where known), and the upserted records of each kind.
 *
 * <p>{@code outputs} are the operator outputs that {@link #all()} unions, each as its operator
 * emits it. A sink that takes the union has several inputs, so Flink cannot chain it to any of
 * them: every document crosses one more network hop (serialize, deserialize) into the sink. A sink
 * attached to each output at that output's parallelism chains instead.
 */
public record CorrelatedStreams(
        DataStream<EcsDocument> events,
        DataStream<EcsDocument> sessions,
        DataStream<EcsDocument> attempts,
        DataStream<EcsDocument> runs,
        List<DataStream<EcsDocument>> outputs) {

    /** Sessions, attempts and runs in one stream (each document's kind tells them apart). */
    public DataStream<EcsDocument> records() {
        return sessions.union(attempts, runs);
    }

    /** Events and records in one stream. */
    public DataStream<EcsDocument> all() {
        return events.union(sessions, attempts, runs);
    }
}
