package dev.runtrail.sinks.templates;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Names of runtrail's indices: {@code <prefix>-<kind>-<yyyy.MM>}, one per kind and UTC month.
 *
 * <p>Which month a document goes to:
 *
 * <ul>
 *   <li>events, alerts and dead letters: the month of {@code @timestamp}. Their id comes from the
 *       raw record, so the same id always carries the same timestamp.
 *   <li>runs, attempts and sessions are upserted under one id while their {@code @timestamp} may
 *       move (a session first seen through a 4672 before its 4624). They use {@code
 *       runtrail.key_time}, the time that is part of the record's key (the session's logon time,
 *       the run's logical date) and never changes; only without it do they fall back to {@code
 *       @timestamp}.
 *   <li>a document without any of these: the ingest time passed by the caller.
 * </ul>
 */
public final class IndexNames {
    private IndexNames() {}

    /** The index a document belongs to. */
    public static String indexFor(String prefix, EcsDocument doc, Instant ingestTime) {
        return monthly(prefix, doc.kind(), indexTime(doc, ingestTime));
    }

    /** The time that picks a document's monthly index (see the class comment). */
    public static Instant indexTime(EcsDocument doc, Instant ingestTime) {
        Instant time = null;
        if (isUpserted(doc.kind())) {
            time = doc.getInstant(Ecs.RUNTRAIL_KEY_TIME);
        }
        if (time == null) {
            time = doc.timestamp();
        }
        return time != null ? time : ingestTime;
    }

    /** Whether documents of this kind are rewritten under the same id as they evolve. */
    public static boolean isUpserted(Kind kind) {
        return kind == Kind.RUNS || kind == Kind.ATTEMPTS || kind == Kind.SESSIONS;
    }

    /** {@code <prefix>-<kind>-yyyy.MM} for the UTC month of {@code time}. */
    public static String monthly(String prefix, Kind kind, Instant time) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        int month = utc.getMonthValue();
        return kind.alias(prefix) + "-" + utc.getYear() + (month < 10 ? ".0" : ".") + month;
    }

    /** The index pattern of one kind's monthly indices, e.g. {@code runtrail-events-*}. */
    public static String pattern(String prefix, Kind kind) {
        return kind.alias(prefix) + "-*";
    }

    /**
     * Checks that a prefix makes valid index names: lower case, no characters Elasticsearch
     * forbids, not starting with {@code -}, {@code _} or {@code +}.
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("The index prefix must not be empty.");
        }
        if (!prefix.equals(prefix.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "The index prefix '"
                            + prefix
                            + "' must be lower case: Elasticsearch index names are.");
        }
        char first = prefix.charAt(0);
        if (first == '-' || first == '_' || first == '+') {
            throw new IllegalArgumentException(
                    "The index prefix '" + prefix + "' must not start with '-', '_' or '+'.");
        }
        for (char c : prefix.toCharArray()) {
            if ("\\/*?\"<>| ,#:".indexOf(c) >= 0) {
                throw new IllegalArgumentException(
                        "The index prefix '"
                                + prefix
                                + "' contains '"
                                + c
                                + "', which Elasticsearch does not allow in index names.");
            }
        }
        return prefix;
    }
}
