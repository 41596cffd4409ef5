package dev.runtrail.model;

import java.util.Locale;

/** The kinds of document runtrail writes; each has its own index alias and NDJSON file. */
public enum Kind {
    EVENTS,
    RUNS,
    ATTEMPTS,
    SESSIONS,
    ALERTS,
    DEADLETTER;

    /** Lower-case name used in index names, topic names and file names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Alias (and index name stem) for this kind, e.g. {@code runtrail-events}. */
    public String alias(String indexPrefix) {
        return indexPrefix + "-" + id();
    }

    /** File name of this kind in an NDJSON output directory, e.g. {@code events.ndjson}. */
    public String fileName() {
        return id() + ".ndjson";
    }
}
