package dev.runtrail.model;

import java.util.Objects;

/**
 * Where raw records come from.
 *
 * @param name what a person would call the source: a file path or {@code topic/partition}
 * @param identity stable identity used in document ids; re-reading the same source must give the
 *     same identity
 */
public record SourceRef(String name, String identity) {
    public SourceRef {
        Objects.requireNonNull(name, "A source needs a name (file path or topic).");
        Objects.requireNonNull(identity, "A source needs an identity for document ids.");
    }

    /** A source whose identity is its name. */
    public static SourceRef of(String name) {
        return new SourceRef(name, name);
    }
}
