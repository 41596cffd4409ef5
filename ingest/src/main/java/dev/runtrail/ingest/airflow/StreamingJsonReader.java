package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Parsed;
import java.io.CharConversionException;
import java.io.IOException;

/**
 * Base of the readers that stream records out of whole JSON documents: it keeps the input's bytes
 * until a record is cut from them, and turns invalid JSON, which cannot be resynchronised, into one
 * dead letter holding the bytes from the record being read to the end of the input.
 */
abstract class StreamingJsonReader implements RecordReader {
    final InputSource input;
    final String format;
    final String expected;
    private final RecordingInputStream stream;
    final JsonParser parser;

    /** Where unconsumed bytes begin, for the dead letter of broken JSON. */
    long resumeFrom;

    private boolean done;

    /**
     * @param expected what a record is, for dead-letter reasons
     */
    StreamingJsonReader(InputSource input, String format, String expected) throws IOException {
        this.input = input;
        this.format = format;
        this.expected = expected;
        this.stream = new RecordingInputStream(input.open(), input.length());
        this.parser = JsonFields.MAPPER.getFactory().createParser(stream);
    }

    @Override
    public final Parsed next() throws IOException {
        if (done) {
            return null;
        }
        try {
            return advance();
        } catch (JacksonException e) {
            done = true;
            return broken(e.getLocation(), e.getOriginalMessage());
        } catch (CharConversionException e) {
            // Jackson took the first bytes for UTF-16 or UTF-32 (damaged, or not JSON at all) and
            // met bytes that are no character in it
            done = true;
            return broken(
                    null,
                    "the bytes are not text in the encoding JSON was read in: " + e.getMessage());
        }
    }

    /** The next record or dead letter, or null at the end; Jackson's exceptions end the input. */
    abstract Parsed advance() throws IOException;

    /**
     * @param where where the JSON breaks, when the parser knows
     */
    private Parsed broken(JsonLocation where, String what) throws IOException {
        stream.drain();
        long end = stream.total();
        long from = Math.min(resumeFrom, end);
        byte[] raw = stream.slice(from, end);
        long errorAt = where == null ? -1 : where.getByteOffset();
        long line = where == null ? 0 : Math.max(where.getLineNr(), 0);
        return DeadLetter.of(
                input.ref(),
                from,
                line,
                format,
                "Byte "
                        + from
                        + ": expected "
                        + expected
                        + " in well-formed JSON but the JSON breaks"
                        + (errorAt >= 0 ? " at byte " + errorAt : "")
                        + " ("
                        + what
                        + "); the "
                        + (end - from)
                        + " bytes from here to the end of the input are kept in this dead letter.",
                raw);
    }

    /** The bytes from {@code start} to the parser's position, which then become releasable. */
    final byte[] cut(long start) {
        long end = endOffset();
        byte[] raw = stream.slice(start, end);
        release(end);
        return raw;
    }

    /** Bytes before {@code end} are no longer needed. */
    final void release(long end) {
        stream.release(end);
        resumeFrom = end;
    }

    final long tokenStart() {
        return parser.currentTokenLocation().getByteOffset();
    }

    final long endOffset() {
        return parser.currentLocation().getByteOffset();
    }

    final long line() {
        return parser.currentTokenLocation().getLineNr();
    }

    @Override
    public final long bytesRead() {
        return stream.total();
    }

    @Override
    public final void close() throws IOException {
        parser.close();
        stream.close();
    }
}
