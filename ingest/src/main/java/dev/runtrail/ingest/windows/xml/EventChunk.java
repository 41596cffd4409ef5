package dev.runtrail.ingest.windows.xml;

/**
 * The raw bytes of one {@code <Event>} element as cut from the input, before XML parsing.
 *
 * @param bytes the element's bytes, cut to the splitter's limit when {@code length} exceeds it
 * @param offset byte offset of the element's {@code <} in the input
 * @param line 1-based line of the element's start
 * @param length the element's full length in bytes
 * @param sha256 SHA-256 of the whole element when it was cut, else null
 * @param problem why the element is incomplete (no closing tag), or null when it is whole
 */
record EventChunk(
        byte[] bytes, long offset, long line, long length, String sha256, String problem) {
    boolean truncated() {
        return length > bytes.length;
    }
}
