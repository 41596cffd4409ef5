package dev.runtrail.sinks.elasticsearch;

import java.io.Serializable;

/**
 * One document on its way to Elasticsearch: an index operation with a deterministic id and the
 * document's JSON. This is what the sink buffers and checkpoints.
 *
 * @param index concrete monthly index, e.g. {@code runtrail-runs-2024.05}
 * @param id deterministic document id
 * @param source the {@code _source} JSON, UTF-8
 * @param version the record's revision for upserted kinds (indexed with {@code external_gte}
 *     versioning so an older revision never overwrites a newer one), or null
 * @param kind the document kind's id ({@code events}, {@code runs}, ...)
 * @param attempts how many times this document has been sent and failed retryably
 */
public record BulkEntry(
        String index, String id, byte[] source, Long version, String kind, int attempts)
        implements Serializable {

    /** The same entry after one more failed try. */
    public BulkEntry retried() {
        return new BulkEntry(index, id, source, version, kind, attempts + 1);
    }

    /** Bytes this entry adds to a bulk request: source plus the action line. */
    public long sizeInBytes() {
        return source.length + index.length() + id.length() + 48L;
    }

    /** Whether this entry is itself a dead letter (so it cannot be dead-lettered again). */
    public boolean isDeadLetter() {
        return "deadletter".equals(kind);
    }

    @Override
    public String toString() {
        return "BulkEntry["
                + index
                + "/"
                + id
                + ", "
                + source.length
                + " bytes, try "
                + (attempts + 1)
                + "]";
    }
}
