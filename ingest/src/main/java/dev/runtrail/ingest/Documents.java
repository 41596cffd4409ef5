package dev.runtrail.ingest;

import dev.runtrail.ingest.redact.Redactor;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.time.Instant;

/**
 * The last step before anything parsed leaves ingest: dead letters become dead-letter documents,
 * and every document is redacted (secrets in any string field are masked; {@code event.hash} still
 * covers the raw bytes). Every output path — Flink sources and {@code runtrail parse} — goes
 * through here, so no path can skip redaction.
 */
public final class Documents {
    private Documents() {}

    /** The document to index for a parsed record, redacted with the default rules. */
    public static EcsDocument finish(Parsed parsed, Instant ingested) {
        EcsDocument doc =
                parsed instanceof EcsDocument event
                        ? event
                        : ((DeadLetter) parsed).toDocument(ingested);
        return Redactor.defaults().redact(doc);
    }
}
