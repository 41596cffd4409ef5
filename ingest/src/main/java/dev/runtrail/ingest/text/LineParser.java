package dev.runtrail.ingest.text;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;

/**
 * Parses one text record (a line, or a line with its continuation lines) of a line-oriented format.
 * One instance serves one input, so it may keep per-file context. It returns an event, or a dead
 * letter with a reason; throwing is treated as a parser bug and dead-letters the record with the
 * exception's message.
 */
public interface LineParser {
    /**
     * @param text the record without its final line terminator (continuation lines joined with
     *     {@code \n})
     * @param record position of the record's first line; {@code record.bytes()} are the raw bytes
     */
    Parsed parse(String text, Line record);

    /**
     * Whether this line continues the previous record rather than starting a new one (a traceback
     * line of a log message, for example). Default: every line is a record.
     */
    default boolean isContinuation(byte[] line) {
        return false;
    }

    /**
     * Called with each event {@link #parse} returned, once the reader has stamped it ({@code
     * event.original}, {@code event.hash}, source, id) and before it hands the event on, in the
     * reader's thread: the event is complete and no one else holds it yet. Default: nothing.
     */
    default void stamped(EcsDocument event) {}
}
