package dev.runtrail.sinks.elasticsearch;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns a document Elasticsearch refused into a dead letter: the refused JSON kept whole in {@code
 * event.original}, the reason in {@code error.message}, and where it was meant to go. The dead
 * letter's id and {@code @timestamp} derive from the refused document, so a replay refuses into the
 * same dead letter instead of a new one.
 */
public final class RejectedDocuments {
    private RejectedDocuments() {}

    public static EcsDocument toDeadLetter(BulkOutcome.Rejected rejected, Instant now) {
        BulkEntry entry = rejected.entry();
        String json = new String(entry.source(), StandardCharsets.UTF_8);
        EcsDocument original = parseQuietly(json);
        Instant timestamp = original == null ? null : original.timestamp();
        EcsDocument doc =
                new EcsDocument(
                        Kind.DEADLETTER, Hashing.docId("es-rejected", entry.kind(), entry.id()));
        doc.put(Ecs.TIMESTAMP, timestamp != null ? timestamp : now);
        doc.put(Ecs.EVENT_KIND, "pipeline_error");
        doc.put(Ecs.EVENT_INGESTED, now);
        doc.put(Ecs.ERROR_TYPE, rejected.errorType());
        doc.put(Ecs.ERROR_MESSAGE, "Elasticsearch refused the document: " + rejected.reason());
        doc.put(Ecs.EVENT_ORIGINAL, json);
        doc.put("runtrail.rejected.index", entry.index());
        doc.put("runtrail.rejected.id", entry.id());
        doc.put("runtrail.rejected.kind", entry.kind());
        doc.put("runtrail.rejected.status", (long) rejected.status());
        if (original != null) {
            for (String key :
                    new String[] {
                        Ecs.EVENT_HASH, Ecs.EVENT_DATASET, Ecs.RUNTRAIL_FORMAT, Ecs.RUNTRAIL_SOURCE
                    }) {
                doc.put(key, original.getString(key));
            }
            // only a number fits the long field; the refusal may have been about this very value
            doc.put(Ecs.RUNTRAIL_SOURCE_POSITION, original.getLong(Ecs.RUNTRAIL_SOURCE_POSITION));
        }
        return doc;
    }

    private static EcsDocument parseQuietly(String json) {
        try {
            return EcsJson.fromSource(Kind.EVENTS, null, json);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
