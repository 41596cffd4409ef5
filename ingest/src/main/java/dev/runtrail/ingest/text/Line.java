package dev.runtrail.ingest.text;

/**
 * One line of a text input, without its line terminator.
 *
 * @param bytes the line's bytes, cut to the reader's limit when {@code length} exceeds it
 * @param offset byte offset of the line's first byte in the input
 * @param number 1-based line number
 * @param length the line's full length in bytes
 * @param truncatedSha256 SHA-256 (hex) of the whole line when it was cut, else null
 */
public record Line(byte[] bytes, long offset, long number, long length, String truncatedSha256) {
    /** Whether the line was longer than the reader keeps. */
    public boolean truncated() {
        return length > bytes.length;
    }
}
