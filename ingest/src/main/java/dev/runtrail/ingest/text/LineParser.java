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
     *     (also a slice of {@code record.buffer()}, without a copy)
     */
    Parsed parse(String text, Line record);

    /**
     * Whether this line continues the previous record rather than starting a new one (a traceback
     * line of a log message, for example). Asked only of a parser that is not {@link
     * #oneLinePerRecord}. Default: every line is a record.
     */
    default boolean isContinuation(byte[] line) {
        return false;
    }

    /**
     * Whether every line is a record of its own, so that the reader need not look at the next line
     * before it hands this one on. The reader then passes {@link #parse} a line that lies in its
     * read buffer ({@link Line#buffer()} holds more than the line, and is read over after the
     * call): a parser that keeps the line's bytes keeps {@link Line#bytes()}, a copy. Default:
     * false, lines are asked {@link #isContinuation}.
     */
    default boolean oneLinePerRecord() {
        return false;
    }

    /**
     * Called with each event {@link #parse} returned, once the reader has stamped it ({@code
     * event.original}, {@code event.hash}, source, id) and before it hands the event on, in the
     * reader's thread: the event is complete and no one else holds it yet. Default: nothing.
     */
    default void stamped(EcsDocument event) {}
}
