package dev.runtrail.ingest.windows.json;

import com.fasterxml.jackson.core.JsonParseException;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.text.LineParser;
import dev.runtrail.ingest.windows.DocumentLayouts;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;

/**
 * Base of the parsers that read one Windows event JSON object per line: the dead letters for a line
 * that is not one JSON object, and the checks a collected record passes before it is mapped.
 */
abstract class WindowsJsonLineParser implements LineParser {
    private final SourceRef source;
    private final String format;

    /**
     * The fields the events of each id had lately, so that the next one is made expecting them (as
     * the EVTX reader does): it then neither indexes its field names nor grows its arrays. One per
     * thread rather than per parser: a raw record from Kafka gets a parser of its own.
     */
    private static final ThreadLocal<DocumentLayouts> LAYOUTS =
            ThreadLocal.withInitial(DocumentLayouts::new);

    /** The layouts {@link #returned} was made with (those of the thread that read it). */
    private DocumentLayouts layouts;

    /** The event returned last, until it is {@link #stamped}, and what it was made expecting. */
    private EcsDocument returned;

    private long returnedEventId;
    private EcsDocument.Layout returnedExpected;

    WindowsJsonLineParser(SourceRef source, String format) {
        this.source = source;
        this.format = format;
    }

    /** The line Jackson rejected, with its message and column and what one line should hold. */
    final DeadLetter invalidJson(Line line, JsonParseException e, String expected) {
        return dead(
                line,
                "The line is not valid JSON ("
                        + e.getOriginalMessage()
                        + " at column "
                        + e.getLocation().getColumnNr()
                        + "); expected "
                        + expected
                        + ".");
    }

    final DeadLetter unreadable(Line line, IOException e) {
        return dead(line, "The line could not be read as JSON: " + e.getMessage());
    }

    /** One record per line: no look at the next line, and the parse keeps no line bytes. */
    @Override
    public final boolean oneLinePerRecord() {
        return true;
    }

    final DeadLetter trailingText(Line line) {
        return dead(line, "Text follows the JSON object; expected one object per line.");
    }

    /**
     * The mapped event, or a dead letter when the record is null (no event id) or has no time.
     *
     * @param noEventId the reason when the line held no event id
     * @param noTime the reason when the line held no parseable time
     */
    final Parsed toEcs(Line line, WindowsRecord record, String noEventId, String noTime) {
        return toEcs(line, record, noEventId, noTime, false);
    }

    /**
     * @param valuesRedacted every value of the record and the line's text are redacted already (see
     *     {@link WindowsEventMapper#toEcs(WindowsRecord, dev.runtrail.model.EcsDocument.Layout,
     *     boolean)})
     */
    final Parsed toEcs(
            Line line,
            WindowsRecord record,
            String noEventId,
            String noTime,
            boolean valuesRedacted) {
        if (record == null) {
            return dead(line, noEventId);
        }
        if (record.timeCreated() == null) {
            return dead(line, noTime);
        }
        layouts = LAYOUTS.get();
        EcsDocument.Layout expected = layouts.expected(record.eventId());
        EcsDocument event = WindowsEventMapper.toEcs(record, expected, valuesRedacted);
        returned = event;
        returnedEventId = record.eventId();
        returnedExpected = expected;
        return event;
    }

    /** Learns the fields of the event, stamped now, for the next events of its id. */
    @Override
    public final void stamped(EcsDocument event) {
        if (event == returned) {
            layouts.learned(returnedEventId, returnedExpected, event);
        }
        returned = null;
        returnedExpected = null;
        layouts = null;
    }

    final DeadLetter dead(Line line, String reason) {
        return DeadLetter.of(
                source,
                line.offset(),
                line.number(),
                format,
                reason + " (line " + line.number() + ")",
                line.bytes());
    }
}
