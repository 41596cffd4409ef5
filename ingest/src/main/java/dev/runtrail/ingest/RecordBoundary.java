package dev.runtrail.ingest;

/**
 * Where a record can start in a file of some format, so that a large file can be cut into byte
 * ranges that are parsed in parallel: a range begins at the first record start at or after its
 * offset and ends where the next range begins.
 */
public enum RecordBoundary {
    /** Records cannot be found from the middle of the file (multi-line records, JSON arrays). */
    NONE,
    /** Every line is one record: a record starts right after a line feed. */
    LINE,
    /**
     * Windows event XML: a record starts at {@code <Event} followed by white space, {@code >} or
     * {@code /}; a raw {@code <} never occurs in XML text, so the pattern is only ever a tag.
     */
    XML_EVENT
}
