package dev.runtrail.ingest;

import dev.runtrail.ingest.redact.Redactor;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

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
        Redactor redactor = Redactor.defaults();
        if (parsed instanceof EcsDocument event) {
            return redactor.redact(event);
        }
        // raw bytes that are not text are masked as bytes, their base64 is left alone
        Set<String> masked = new LinkedHashSet<>(2);
        EcsDocument doc =
                ((DeadLetter) parsed).toDocument(ingested, raw -> redactor.maskBytes(raw, masked));
        Redactor.addRuleNames(doc, masked);
        return redactor.redact(doc);
    }
}
