package dev.runtrail.ingest.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a text input, without its line terminator: {@code size} bytes of {@code buffer} from
 * {@code start}. A line the splitter {@link LineSplitter#lendLines() lends} lies in its read buffer
 * and is valid only until the splitter's next call; {@link #bytes()} is a copy of it that stays.
 *
 * @param buffer the array the line's bytes lie in
 * @param start where they start in it
 * @param size how many there are: the line's, or the reader's limit when {@code length} exceeds it
 * @param offset byte offset of the line's first byte in the input
 * @param number 1-based line number
 * @param length the line's full length in bytes
 * @param truncatedSha256 SHA-256 (hex) of the whole line when it was cut, else null
 */
public record Line(
        byte[] buffer,
        int start,
        int size,
        long offset,
        long number,
        long length,
        String truncatedSha256) {
    public Line {
        Objects.checkFromIndexSize(start, size, buffer.length);
    }

    /** A line that is the whole of {@code bytes}. */
    public Line(byte[] bytes, long offset, long number, long length, String truncatedSha256) {
        this(bytes, 0, bytes.length, offset, number, length, truncatedSha256);
    }

    /** The line's bytes in an array of their own (the buffer itself when the line is all of it). */
    public byte[] bytes() {
        return start == 0 && size == buffer.length
                ? buffer
                : Arrays.copyOfRange(buffer, start, start + size);
    }

    /** Whether the line was longer than the reader keeps. */
    public boolean truncated() {
        return length > size;
    }
}
