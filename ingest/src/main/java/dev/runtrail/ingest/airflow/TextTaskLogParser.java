package dev.runtrail.ingest.airflow;

import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.text.LineParser;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.time.Instant;

/**
 * Parses one record of an Airflow 1.10 / 2.x text task log, {@code [ts] {file.py:123} LEVEL -
 * message}, with a hand-written tokenizer (one pass over the first line, no regular expressions).
 * Accepts the 2.0 double-brace origin {@code {{file.py:123}}} and every timestamp {@link
 * AirflowTime} reads.
 *
 * <p>Record boundaries: a line starting with {@code [} and four digits starts a record; any other
 * line continues the record before it (tracebacks, multi-line messages, subprocess output). A line
 * of another shape with no record before it (the top of a file) therefore becomes its own record
 * and is dead-lettered together with the lines that follow it up to the next record; a line that
 * starts like a record but is not one (bad timestamp, no level) is dead-lettered alone.
 */
final class TextTaskLogParser implements LineParser {
    private static final String[] LEVELS = {
        "DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL", "NOTSET"
    };
    private static final String TRACEBACK = "\nTraceback (most recent call last):";

    private final AttemptContext ctx;
    private final SourceRef source;
    private final String format;

    TextTaskLogParser(AttemptContext ctx, SourceRef source, String format) {
        this.ctx = ctx;
        this.source = source;
        this.format = format;
    }

    @Override
    public boolean isContinuation(byte[] line) {
        return !startsRecord(line);
    }

    /** {@code [} followed by four digits (the year of the timestamp). */
    static boolean startsRecord(byte[] line) {
        if (line.length < 5 || line[0] != '[') {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public Parsed parse(String text, Line record) {
        int n = text.length();
        int nl = text.indexOf('\n');
        int lineEnd = nl < 0 ? n : nl;
        if (n == 0 || text.charAt(0) != '[') {
            return reject(
                    record,
                    "expected an Airflow task log line '[timestamp] {file.py:line} LEVEL - message'"
                            + " but the line does not start with '['");
        }
        int close = text.indexOf(']', 1);
        if (close < 0 || close > lineEnd) {
            return reject(record, "expected ']' after the timestamp of an Airflow task log line");
        }
        boolean zoneUnknown = false;
        Instant time = AirflowTime.parse(text, 1, close);
        if (time == null) {
            time = AirflowTime.parseIgnoringZone(text, 1, close);
            if (time == null) {
                return reject(
                        record,
                        "expected an Airflow timestamp in '[...]' but found '"
                                + text.substring(1, close)
                                + "'");
            }
            zoneUnknown = true;
        }
        int p = skipSpaces(text, close + 1, lineEnd);
        if (p >= lineEnd || text.charAt(p) != '{') {
            return reject(record, "expected '{file.py:line}' after the timestamp");
        }
        int braces = p + 1 < lineEnd && text.charAt(p + 1) == '{' ? 2 : 1;
        int innerStart = p + braces;
        int innerEnd = text.indexOf('}', innerStart);
        if (innerEnd < 0 || innerEnd > lineEnd) {
            return reject(record, "expected '}' closing the '{file.py:line}' origin");
        }
        String file;
        Long fileLine = null;
        int colon = text.lastIndexOf(':', innerEnd);
        if (colon > innerStart) {
            file = text.substring(innerStart, colon);
            fileLine = TaskFacts.leadingLong(text, colon + 1);
        } else {
            file = text.substring(innerStart, innerEnd);
        }
        p = innerEnd + 1;
        if (braces == 2 && p < lineEnd && text.charAt(p) == '}') {
            p++;
        }
        p = skipSpaces(text, p, lineEnd);
        String level = level(text, p, lineEnd);
        if (level == null) {
            return reject(
                    record,
                    "expected a log level (DEBUG, INFO, WARNING, ERROR, CRITICAL) after the origin");
        }
        p = skipSpaces(text, p + level.length(), lineEnd);
        if (p < lineEnd && text.charAt(p) == '-') {
            p++;
            if (p < n && text.charAt(p) == ' ') {
                p++;
            }
        } else if (p < lineEnd) {
            return reject(record, "expected ' - ' between the log level and the message");
        }
        String message = text.substring(p);

        EcsDocument doc = TaskLogEvents.start(time, level);
        doc.put(Ecs.LOG_ORIGIN_FILE_NAME, file);
        doc.put(Ecs.LOG_ORIGIN_FILE_LINE, fileLine);
        doc.put(Ecs.MESSAGE, message);
        if (zoneUnknown) {
            doc.add(Ecs.TAGS, "airflow_timezone_unknown");
        }
        if (nl >= 0) {
            traceback(message, doc);
        }
        TaskFacts.extract(message, time, doc, ctx);
        ctx.apply(doc);
        return doc;
    }

    /** A Python traceback inside a multi-line message: stack trace, exception type and text. */
    private static void traceback(String message, EcsDocument doc) {
        int at = message.indexOf(TRACEBACK);
        if (at < 0) {
            return;
        }
        String trace = message.substring(at + 1);
        doc.put(Ecs.ERROR_STACK_TRACE, trace);
        int last = trace.lastIndexOf('\n');
        String lastLine = trace.substring(last + 1);
        int sep = lastLine.indexOf(": ");
        if (!lastLine.isEmpty() && lastLine.charAt(0) != ' ' && sep > 0) {
            doc.put(Ecs.ERROR_TYPE, lastLine.substring(0, sep));
            doc.put(Ecs.ERROR_MESSAGE, lastLine.substring(sep + 2));
        }
    }

    private static String level(String text, int p, int end) {
        for (String level : LEVELS) {
            int after = p + level.length();
            if (after <= end
                    && text.startsWith(level, p)
                    && (after == end || text.charAt(after) == ' ')) {
                return level;
            }
        }
        return null;
    }

    private static int skipSpaces(String text, int p, int end) {
        while (p < end && text.charAt(p) == ' ') {
            p++;
        }
        return p;
    }

    private DeadLetter reject(Line record, String reason) {
        return DeadLetter.of(
                source,
                record.offset(),
                record.number(),
                format,
                "Line " + record.number() + ": " + reason + ".",
                record.bytes());
    }
}
