package dev.runtrail.ingest.windows.xml;

import java.util.Arrays;

/**
 * The raw bytes of one {@code <Event>} element as cut from the input, before XML parsing. The
 * splitter reuses one instance and its buffer for every element, so it is valid only until the next
 * element is cut; {@link #bytes()} copies what must outlive that (a dead letter's raw bytes).
 */
final class EventChunk {
    /** Holds the element's bytes from {@link #from}, cut to the splitter's limit. */
    byte[] buffer;

    /** Index of the element's first byte in {@link #buffer}. */
    int from;

    /** Bytes of the element in {@link #buffer}. */
    int kept;

    /** Byte offset of the element's {@code <} in the input. */
    long offset;

    /** 1-based line of the element's start. */
    long line;

    /** The element's full length in bytes. */
    long length;

    /** SHA-256 of the whole element when it was cut, else null. */
    String sha256;

    /** Why the element is incomplete (no closing tag), or null when it is whole. */
    String problem;

    boolean truncated() {
        return length > kept;
    }

    /** A copy of the kept bytes. */
    byte[] bytes() {
        return Arrays.copyOfRange(buffer, from, from + kept);
    }
}
