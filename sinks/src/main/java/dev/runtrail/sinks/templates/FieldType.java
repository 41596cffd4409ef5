package dev.runtrail.sinks.templates;

/**
 * The kinds of field runtrail maps. Some render differently depending on what the cluster supports
 * ({@link ClusterCapabilities}): the local integ-test node has neither {@code wildcard} nor {@code
 * match_only_text}, a full cluster has both.
 */
public enum FieldType {
    /** Exact-match strings; the default for every string field. */
    KEYWORD,
    /**
     * A value unique to its document (an id, a hash): searched by exact value, never aggregated or
     * sorted, so a keyword without doc values.
     */
    IDENTIFIER,
    /** ISO-8601 instants. */
    DATE,
    /** IPv4 or IPv6 literal. */
    IP,
    /** Whole numbers. */
    LONG,
    /** Fractional numbers. */
    DOUBLE,
    BOOLEAN,
    /** Long, free-form strings searched by substring: {@code wildcard}, else keyword + text. */
    COMMAND_LINE,
    /** Human prose: {@code match_only_text}, else {@code text}. */
    PROSE,
    /**
     * An object of arbitrary names indexed as one field: every leaf a keyword, searched as {@code
     * object.name}, no mapping change for a new name.
     */
    FLATTENED,
    /** Kept in {@code _source} only: neither indexed nor in doc values (raw evidence). */
    STORED_ONLY
}
