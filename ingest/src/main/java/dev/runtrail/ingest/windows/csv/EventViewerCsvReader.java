package dev.runtrail.ingest.windows.csv;

import dev.runtrail.ingest.EventStamp;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.text.LineSplitter;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads Event Viewer "Save as CSV" exports: a header {@code Level,Date and Time,Source,Event
 * ID,Task Category} (the Security log says {@code Keywords} instead of {@code Level}), then one
 * record per event whose sixth, unnamed column is the rendered message, quoted and usually spread
 * over several lines. The export has no computer, channel or record id, so events get positional
 * ids and no EventData; the message is kept whole.
 */
public final class EventViewerCsvReader implements RecordReader {
    /** Tag on events whose time was read without a zone and taken as UTC. */
    public static final String LOCAL_TIME_TAG = "local-time-as-utc";

    private static final int REQUIRED_COLUMNS = 5;

    private final InputSource input;
    private final String format;
    private final String dataset;
    private final int maxRecordBytes;
    private final LineSplitter splitter;
    private final CharsetDecoder utf8 =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean firstRecord = true;
    private boolean securityLog;

    public EventViewerCsvReader(
            InputSource input, String format, String dataset, int maxRecordBytes)
            throws IOException {
        this.input = input;
        this.format = format;
        this.dataset = dataset;
        this.maxRecordBytes = maxRecordBytes;
        this.splitter = new LineSplitter(input.open(), maxRecordBytes);
    }

    @Override
    public Parsed next() throws IOException {
        while (true) {
            Line first = splitter.next();
            if (first == null) {
                return null;
            }
            if (first.length() == 0) {
                continue;
            }
            Record record = join(first);
            if (record.oversized) {
                return dead(
                        record,
                        "The CSV record is over the limit of "
                                + maxRecordBytes
                                + " bytes; expected one event per record.");
            }
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(record.bytes)).toString();
            } catch (CharacterCodingException e) {
                return dead(record, "Invalid UTF-8 in the CSV record; expected UTF-8 text.");
            }
            if (firstRecord) {
                firstRecord = false;
                if (isHeader(text)) {
                    continue;
                }
            }
            return parse(text, record);
        }
    }

    private boolean isHeader(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("level,") || lower.startsWith("keywords,")) {
            securityLog = lower.startsWith("keywords,");
            return true;
        }
        return false;
    }

    private Parsed parse(String text, Record record) {
        List<String> fields = CsvFields.split(text);
        if (fields == null) {
            return dead(record, "A quoted field is not closed; expected a closing quote.");
        }
        if (fields.size() < REQUIRED_COLUMNS) {
            return dead(
                    record,
                    "The CSV record has "
                            + fields.size()
                            + " columns; expected at least "
                            + REQUIRED_COLUMNS
                            + " (Level, Date and Time, Source, Event ID, Task Category).");
        }
        Long eventId = number(fields.get(3));
        if (eventId == null) {
            return dead(
                    record,
                    "The Event ID column holds '" + fields.get(3) + "'; expected a number.");
        }
        Instant time = EventViewerTimes.parse(fields.get(1));
        if (time == null) {
            return dead(
                    record,
                    "The Date and Time column holds '"
                            + fields.get(1)
                            + "'; expected M/d/yyyy h:mm:ss AM/PM or an ISO-8601 time.");
        }
        String source = blankToNull(fields.get(2));
        String levelOrKeywords = blankToNull(fields.get(0));
        boolean security = securityLog || "Microsoft-Windows-Security-Auditing".equals(source);
        WindowsRecord r =
                new WindowsRecord(
                        source,
                        null,
                        eventId,
                        null,
                        security ? null : level(levelOrKeywords),
                        null,
                        null,
                        security ? levelOrKeywords : null,
                        time,
                        0,
                        security ? "Security" : null,
                        null,
                        null,
                        null,
                        null,
                        Map.of(),
                        fields.size() > REQUIRED_COLUMNS ? blankToNull(fields.get(5)) : null);
        EcsDocument event = WindowsEventMapper.toEcs(r);
        event.put(Ecs.WINLOG_TASK, blankToNull(fields.get(4)));
        event.add(Ecs.TAGS, LOCAL_TIME_TAG);
        return EventStamp.stamp(
                event, text, record.bytes, input.ref(), record.offset, format, dataset);
    }

    /** Event Viewer's level names; the Security log has keywords in this column instead. */
    private static Integer level(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "Critical" -> 1;
            case "Error" -> 2;
            case "Warning" -> 3;
            case "Information" -> 4;
            case "Verbose" -> 5;
            default -> null;
        };
    }

    /** The record starting at this line, with the lines its open quoted field spans. */
    private Record join(Line first) throws IOException {
        Record r = new Record(first.offset(), first.number());
        if (first.truncated()) {
            r.bytes = first.bytes();
            r.oversized = true;
            return r;
        }
        boolean open = CsvFields.opensQuote(first.bytes(), false);
        if (!open) {
            r.bytes = first.bytes();
            return r;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream(first.bytes().length * 4);
        joined.write(first.bytes());
        Line previous = first;
        while (open) {
            Line next = splitter.next();
            if (next == null) {
                break;
            }
            // the splitter drops line terminators; put back the one the input had, so that the
            // record's raw bytes (and event.hash) are exactly what was read
            if (next.offset() - (previous.offset() + previous.length()) == 2) {
                joined.write('\r');
            }
            joined.write('\n');
            joined.write(next.bytes());
            previous = next;
            if (next.truncated() || joined.size() > maxRecordBytes) {
                r.oversized = true;
                break;
            }
            open = CsvFields.opensQuote(next.bytes(), true);
        }
        r.bytes = joined.toByteArray();
        return r;
    }

    private DeadLetter dead(Record record, String reason) {
        return DeadLetter.of(
                input.ref(),
                record.offset,
                record.line,
                format,
                reason + " (record at line " + record.line + ")",
                record.bytes);
    }

    private static Long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public long bytesRead() {
        return splitter.bytesRead();
    }

    @Override
    public void close() throws IOException {
        splitter.close();
    }

    /** One CSV record's raw bytes and where it starts. */
    private static final class Record {
        final long offset;
        final long line;
        byte[] bytes;
        boolean oversized;

        Record(long offset, long line) {
            this.offset = offset;
            this.line = line;
        }
    }
}
