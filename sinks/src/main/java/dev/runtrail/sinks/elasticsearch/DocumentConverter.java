package dev.runtrail.sinks.elasticsearch;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.templates.IndexNames;
import java.time.Clock;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Turns a document into a {@link BulkEntry} (index, id, JSON); {@link BulkBody} writes the entries
 * of a bulk request.
 *
 * <p>Why {@code index} and not {@code update} with {@code doc_as_upsert}: correlation emits the
 * whole record on every revision, so replacing the document is the upsert. A partial update would
 * keep fields a newer revision dropped and could apply revisions out of order. Records that carry
 * {@code runtrail.revision} are indexed with {@code version_type=external_gte}: Elasticsearch
 * refuses an older revision with 409, which the {@link BulkResponseInspector} counts as done.
 * Events are indexed the same way with the rank of their copy ({@link EventCopies}), so that of two
 * copies of one event the same one is kept whatever the order they arrive in.
 */
public final class DocumentConverter implements ElementConverter<EcsDocument, BulkEntry> {
    private static final long serialVersionUID = 1L;

    private final String indexPrefix;
    private final Clock clock;

    public DocumentConverter(String indexPrefix) {
        this(indexPrefix, Clock.systemUTC());
    }

    DocumentConverter(String indexPrefix, Clock clock) {
        this.indexPrefix = indexPrefix;
        this.clock = clock;
    }

    @Override
    public BulkEntry apply(EcsDocument doc, SinkWriter.Context context) {
        return toEntry(doc);
    }

    /** The bulk entry of one document. */
    public BulkEntry toEntry(EcsDocument doc) {
        byte[] source = EcsJson.toJsonBytes(doc);
        String id = doc.id();
        if (id == null || id.isEmpty()) {
            // Never let Elasticsearch invent an id: a replay would duplicate the document.
            id = Hashing.docId(doc.kind().id(), Hashing.sha256Hex(source));
        }
        Long version = null;
        if (IndexNames.isUpserted(doc.kind())) {
            version = doc.getLong(Ecs.RUNTRAIL_REVISION);
            if (version != null && version < 0) {
                version = null;
            }
        } else if (doc.kind() == Kind.EVENTS) {
            version = EventCopies.rank(doc);
        }
        String index = IndexNames.indexFor(indexPrefix, doc, clock.instant());
        return new BulkEntry(index, id, source, version, doc.kind().id(), 0);
    }
}
