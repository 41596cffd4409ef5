package dev.runtrail.ingest;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.SourceRef;

/**
 * Adds what every event carries regardless of format: the raw record ({@code event.original}), its
 * SHA-256 ({@code event.hash}), the dataset, the source position, and a deterministic id when the
 * parser did not derive a better one.
 */
public final class EventStamp {
    private EventStamp() {}

    /**
     * @param original the raw record as text, exactly as received
     * @param raw the raw bytes that {@code event.hash} covers
     */
    public static EcsDocument stamp(
            EcsDocument event,
            String original,
            byte[] raw,
            SourceRef source,
            long position,
            String format,
            String dataset) {
        return stamp(event, original, raw, 0, raw.length, source, position, format, dataset);
    }

    /**
     * Like {@link #stamp(EcsDocument, String, byte[], SourceRef, long, String, String)}, with the
     * raw record given as a slice of a larger buffer (e.g. an EVTX chunk), so it need not be copied
     * out only to be hashed.
     */
    public static EcsDocument stamp(
            EcsDocument event,
            String original,
            byte[] raw,
            int rawOffset,
            int rawLength,
            SourceRef source,
            long position,
            String format,
            String dataset) {
        event.put(Ecs.EVENT_ORIGINAL, original);
        event.put(Ecs.EVENT_HASH, Hashing.sha256Hex(raw, rawOffset, rawLength));
        if (!event.has(Ecs.EVENT_DATASET)) {
            event.put(Ecs.EVENT_DATASET, dataset);
        }
        event.put(Ecs.RUNTRAIL_FORMAT, format);
        event.put(Ecs.RUNTRAIL_SOURCE, source.name());
        event.put(Ecs.RUNTRAIL_SOURCE_POSITION, position);
        if (event.id() == null) {
            event.id(Hashing.docId(source.identity(), Long.toString(position)));
        }
        event.put(Ecs.EVENT_ID, event.id());
        return event;
    }
}
