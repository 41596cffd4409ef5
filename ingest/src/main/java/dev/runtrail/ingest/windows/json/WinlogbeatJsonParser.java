package dev.runtrail.ingest.windows.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runtrail.ingest.redact.Redactor;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.windows.WindowsTimes;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;

/**
 * One Winlogbeat / Elastic Agent document per line: the 7.x/8.x shape ({@code winlog.*}, {@code
 * event.code}, {@code host.name}) and the 6.x shape ({@code event_id}, {@code computer_name},
 * {@code log_name}, {@code event_data} at the top). Picks the fields it needs; everything else
 * stays only in {@code event.original}.
 *
 * <p>Lines are read with {@link JsonCursor}, which steps over the unused parts of the byte[]
 * without building tokens; a line it leaves alone (invalid or unusual JSON) is read with Jackson,
 * field for field the same way, so the result and any dead letter are Jackson's.
 */
final class WinlogbeatJsonParser extends WindowsJsonLineParser {
    private static final String NO_EVENT_ID =
            "The JSON object has no numeric winlog.event_id, event.code or event_id; expected a"
                    + " Winlogbeat Windows event.";
    private static final String NO_TIME =
            "The event has no parseable @timestamp; expected an ISO-8601 time.";

    private final JsonCursor cursor = new JsonCursor();

    /** Reused for every line the cursor reads (see {@link RecordBuilder}). */
    private final RecordBuilder builder = new RecordBuilder();

    /** Redacts, as the cursor reads them, the values of a line whose text no rule can change. */
    private final Redactor.ValueRedaction redaction = Redactor.defaults().forValues();

    WinlogbeatJsonParser(SourceRef source, String format) {
        super(source, format);
    }

    /**
     * @param line its bytes must be valid UTF-8, which {@link
     *     dev.runtrail.ingest.text.LineRecordReader} checks before it calls a parser
     */
    @Override
    public Parsed parse(String text, Line line) {
        // When no rule can change the line, none can change a run of it either: the values that
        // are runs of it need no redaction, the others are redacted as they are read, and the
        // final pass need not scan the event's copies of them (nor event.original) again.
        boolean clean = redaction.leavesAlone(text);
        Parsed fast = parseFast(line, clean ? redaction : null);
        if (fast == null || clean && !redaction.fired().isEmpty()) {
            // A value the rules changed only once it was decoded: the line spells a secret with
            // escapes. Read the long way, the final pass finds it in the values again and masks
            // it in event.original too (Redactor.maskElsewhere). Rare, so the cost does not count.
            return parseWithJackson(line);
        }
        return fast;
    }

    /** The line read with {@link JsonCursor}, or null when the cursor leaves it to Jackson. */
    Parsed parseFast(Line line) {
        return parseFast(line, null);
    }

    /**
     * @param redaction null, or for a line whose text it {@link Redactor.ValueRedaction#leavesAlone
     *     leaves alone}: the values that are not runs of the line are redacted with it as they are
     *     read, and the event is marked so (see {@link
     *     dev.runtrail.model.EcsDocument#markSourceTextRedacted})
     */
    private Parsed parseFast(Line line, Redactor.ValueRedaction redaction) {
        RecordBuilder b = builder;
        b.clear();
        if (redaction != null) {
            redaction.clear();
        }
        try {
            cursor.reset(line.buffer(), line.start(), line.start() + line.size(), redaction);
            if (!cursor.atObject()) {
                throw JsonCursor.UNSUPPORTED;
            }
            Fast.top(cursor, b);
            if (!cursor.atEnd()) {
                throw JsonCursor.UNSUPPORTED;
            }
        } catch (JsonCursor.Unsupported e) {
            return null;
        }
        Parsed parsed = toEcs(line, b.build(), NO_EVENT_ID, NO_TIME, redaction != null);
        if (redaction != null && parsed instanceof EcsDocument event) {
            Redactor.addRuleNames(event, redaction.fired());
        }
        return parsed;
    }

    /** The same reading as {@link Fast}, streamed by Jackson, for the lines the cursor leaves. */
    Parsed parseWithJackson(Line line) {
        RecordBuilder b = new RecordBuilder();
        try (JsonParser p =
                JsonLines.FACTORY.createParser(line.buffer(), line.start(), line.size())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return dead(line, "The line is not a JSON object; expected one Winlogbeat event.");
            }
            top(p, b);
            if (!JsonLines.atEnd(p)) {
                return trailingText(line);
            }
        } catch (JsonParseException e) {
            return invalidJson(line, e, "one Winlogbeat event object per line");
        } catch (IOException e) {
            return unreadable(line, e);
        }
        return toEcs(line, b.build(), NO_EVENT_ID, NO_TIME);
    }

    private static void top(JsonParser p, RecordBuilder b) throws IOException {
        JsonLines.fields(
                p,
                name -> {
                    switch (name) {
                        case "@timestamp" -> b.time = WindowsTimes.parse(JsonLines.text(p, ","));
                        case "message" -> b.message = JsonLines.text(p, "\n");
                        case "winlog" -> winlog(p, b);
                        case "event" -> event(p, b);
                        case "host" -> host(p, b);
                        // Winlogbeat 6.x kept the winlog fields at the top level
                        case "event_data", "user_data" -> data(p, b);
                        case "user" -> user(p, b);
                        default -> legacy(name, p, b);
                    }
                });
    }

    private static void legacy(String name, JsonParser p, RecordBuilder b) throws IOException {
        switch (name) {
            case "event_id" -> b.eventId = JsonLines.text(p, ",");
            case "record_number" -> b.recordId = JsonLines.text(p, ",");
            case "computer_name" -> b.computer = JsonLines.text(p, ",");
            case "log_name" -> b.channel = JsonLines.text(p, ",");
            case "source_name" -> b.providerName = JsonLines.text(p, ",");
            case "provider_guid" -> b.providerGuid = JsonLines.text(p, ",");
            case "process_id" -> b.processId = JsonLines.text(p, ",");
            case "thread_id" -> b.threadId = JsonLines.text(p, ",");
            case "version" -> b.version = JsonLines.text(p, ",");
            case "task" -> b.task = JsonLines.text(p, ",");
            case "opcode" -> b.opcode = JsonLines.text(p, ",");
            case "keywords" -> b.keywords = JsonLines.text(p, ",");
            default -> {
                JsonToken value = p.currentToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
        }
    }

    private static void winlog(JsonParser p, RecordBuilder b) throws IOException {
        JsonLines.fields(
                p,
                name -> {
                    switch (name) {
                        case "event_id" -> b.eventId = JsonLines.text(p, ",");
                        case "record_id" -> b.recordId = JsonLines.text(p, ",");
                        case "channel" -> b.channel = JsonLines.text(p, ",");
                        case "computer_name" -> b.computer = JsonLines.text(p, ",");
                        case "provider_name" -> b.providerName = JsonLines.text(p, ",");
                        case "provider_guid" -> b.providerGuid = JsonLines.text(p, ",");
                        case "version" -> b.version = JsonLines.text(p, ",");
                        case "task" -> b.task = JsonLines.text(p, ",");
                        case "opcode" -> b.opcode = JsonLines.text(p, ",");
                        case "keywords" -> b.keywords = JsonLines.text(p, ",");
                        case "event_data", "user_data" -> data(p, b);
                        case "process" -> process(p, b);
                        case "user" -> user(p, b);
                        default -> p.skipChildren();
                    }
                });
    }

    private static void event(JsonParser p, RecordBuilder b) throws IOException {
        JsonLines.fields(
                p,
                name -> {
                    switch (name) {
                        case "code" -> {
                            String code = JsonLines.text(p, ",");
                            if (b.eventId == null) {
                                b.eventId = code;
                            }
                        }
                        case "provider" -> {
                            String provider = JsonLines.text(p, ",");
                            if (b.providerName == null) {
                                b.providerName = provider;
                            }
                        }
                        default -> p.skipChildren();
                    }
                });
    }

    private static void host(JsonParser p, RecordBuilder b) throws IOException {
        JsonLines.fields(
                p,
                name -> {
                    if (name.equals("name")) {
                        b.hostName = JsonLines.text(p, ",");
                    } else {
                        p.skipChildren();
                    }
                });
    }

    private static void process(JsonParser p, RecordBuilder b) throws IOException {
        JsonLines.fields(
                p,
                name -> {
                    if (name.equals("pid")) {
                        b.processId = JsonLines.text(p, ",");
                    } else if (name.equals("thread")) {
                        thread(p, b);
                    } else {
                        p.skipChildren();
                    }
                });
    }

    private static void thread(JsonParser p, RecordBuilder b) throws IOException {
        JsonLines.fields(
                p,
                name -> {
                    if (name.equals("id")) {
                        b.threadId = JsonLines.text(p, ",");
                    } else {
                        p.skipChildren();
                    }
                });
    }

    private static void user(JsonParser p, RecordBuilder b) throws IOException {
        JsonLines.fields(
                p,
                name -> {
                    if (name.equals("identifier")) {
                        b.userSid = JsonLines.text(p, ",");
                    } else {
                        p.skipChildren();
                    }
                });
    }

    /**
     * EventData / UserData fields by name. Winlogbeat nests UserData under its wrapper element
     * (with the wrapper's name in {@code xml_name}), so nested objects are walked for their leaves.
     * Arrays (PrivilegeList after Elastic's pipeline split it) are joined with spaces.
     */
    private static void data(JsonParser p, RecordBuilder b) throws IOException {
        JsonLines.fields(
                p,
                name -> {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        data(p, b);
                    } else if (!name.equals("xml_name")) {
                        String value = JsonLines.text(p, " ");
                        if (value != null) {
                            b.data.put(name, value);
                        }
                    }
                });
    }

    /**
     * The fields read with {@link JsonCursor}: the same names, the same assignments in the same
     * order as the Jackson methods above, so a document with repeated or misplaced fields yields
     * the same record either way.
     */
    private static final class Fast {
        private static final JsonCursor.Name TIMESTAMP = JsonCursor.Name.of("@timestamp");
        private static final JsonCursor.Name MESSAGE = JsonCursor.Name.of("message");
        private static final JsonCursor.Name WINLOG = JsonCursor.Name.of("winlog");
        private static final JsonCursor.Name EVENT = JsonCursor.Name.of("event");
        private static final JsonCursor.Name HOST = JsonCursor.Name.of("host");
        private static final JsonCursor.Name EVENT_DATA = JsonCursor.Name.of("event_data");
        private static final JsonCursor.Name USER_DATA = JsonCursor.Name.of("user_data");
        private static final JsonCursor.Name USER = JsonCursor.Name.of("user");
        private static final JsonCursor.Name EVENT_ID = JsonCursor.Name.of("event_id");
        private static final JsonCursor.Name RECORD_NUMBER = JsonCursor.Name.of("record_number");
        private static final JsonCursor.Name RECORD_ID = JsonCursor.Name.of("record_id");
        private static final JsonCursor.Name COMPUTER_NAME = JsonCursor.Name.of("computer_name");
        private static final JsonCursor.Name LOG_NAME = JsonCursor.Name.of("log_name");
        private static final JsonCursor.Name CHANNEL = JsonCursor.Name.of("channel");
        private static final JsonCursor.Name SOURCE_NAME = JsonCursor.Name.of("source_name");
        private static final JsonCursor.Name PROVIDER_NAME = JsonCursor.Name.of("provider_name");
        private static final JsonCursor.Name PROVIDER_GUID = JsonCursor.Name.of("provider_guid");
        private static final JsonCursor.Name PROCESS_ID = JsonCursor.Name.of("process_id");
        private static final JsonCursor.Name THREAD_ID = JsonCursor.Name.of("thread_id");
        private static final JsonCursor.Name VERSION = JsonCursor.Name.of("version");
        private static final JsonCursor.Name TASK = JsonCursor.Name.of("task");
        private static final JsonCursor.Name OPCODE = JsonCursor.Name.of("opcode");
        private static final JsonCursor.Name KEYWORDS = JsonCursor.Name.of("keywords");
        private static final JsonCursor.Name PROCESS = JsonCursor.Name.of("process");
        private static final JsonCursor.Name CODE = JsonCursor.Name.of("code");
        private static final JsonCursor.Name PROVIDER = JsonCursor.Name.of("provider");
        private static final JsonCursor.Name NAME = JsonCursor.Name.of("name");
        private static final JsonCursor.Name PID = JsonCursor.Name.of("pid");
        private static final JsonCursor.Name THREAD = JsonCursor.Name.of("thread");
        private static final JsonCursor.Name ID = JsonCursor.Name.of("id");
        private static final JsonCursor.Name IDENTIFIER = JsonCursor.Name.of("identifier");
        private static final JsonCursor.Name XML_NAME = JsonCursor.Name.of("xml_name");

        private Fast() {}

        static void top(JsonCursor c, RecordBuilder b) {
            if (!c.firstField()) {
                return;
            }
            do {
                if (c.nameIs(TIMESTAMP)) {
                    b.time = WindowsTimes.parse(c.text(","));
                } else if (c.nameIs(MESSAGE)) {
                    b.message = c.text("\n");
                } else if (c.nameIs(WINLOG)) {
                    winlog(c, b);
                } else if (c.nameIs(EVENT)) {
                    event(c, b);
                } else if (c.nameIs(HOST)) {
                    host(c, b);
                } else if (c.nameIs(EVENT_DATA) || c.nameIs(USER_DATA)) {
                    data(c, b);
                } else if (c.nameIs(USER)) {
                    user(c, b);
                } else {
                    legacy(c, b);
                }
            } while (c.nextField());
        }

        private static void legacy(JsonCursor c, RecordBuilder b) {
            if (c.nameIs(EVENT_ID)) {
                b.eventId = c.text(",");
            } else if (c.nameIs(RECORD_NUMBER)) {
                b.recordId = c.text(",");
            } else if (c.nameIs(COMPUTER_NAME)) {
                b.computer = c.text(",");
            } else if (c.nameIs(LOG_NAME)) {
                b.channel = c.text(",");
            } else if (c.nameIs(SOURCE_NAME)) {
                b.providerName = c.text(",");
            } else if (c.nameIs(PROVIDER_GUID)) {
                b.providerGuid = c.text(",");
            } else if (c.nameIs(PROCESS_ID)) {
                b.processId = c.text(",");
            } else if (c.nameIs(THREAD_ID)) {
                b.threadId = c.text(",");
            } else if (c.nameIs(VERSION)) {
                b.version = c.text(",");
            } else if (c.nameIs(TASK)) {
                b.task = c.text(",");
            } else if (c.nameIs(OPCODE)) {
                b.opcode = c.text(",");
            } else if (c.nameIs(KEYWORDS)) {
                b.keywords = c.text(",");
            } else {
                c.skipValue();
            }
        }

        private static void winlog(JsonCursor c, RecordBuilder b) {
            if (!c.firstField()) {
                return;
            }
            do {
                if (c.nameIs(EVENT_ID)) {
                    b.eventId = c.text(",");
                } else if (c.nameIs(RECORD_ID)) {
                    b.recordId = c.text(",");
                } else if (c.nameIs(CHANNEL)) {
                    b.channel = c.text(",");
                } else if (c.nameIs(COMPUTER_NAME)) {
                    b.computer = c.text(",");
                } else if (c.nameIs(PROVIDER_NAME)) {
                    b.providerName = c.text(",");
                } else if (c.nameIs(PROVIDER_GUID)) {
                    b.providerGuid = c.text(",");
                } else if (c.nameIs(VERSION)) {
                    b.version = c.text(",");
                } else if (c.nameIs(TASK)) {
                    b.task = c.text(",");
                } else if (c.nameIs(OPCODE)) {
                    b.opcode = c.text(",");
                } else if (c.nameIs(KEYWORDS)) {
                    b.keywords = c.text(",");
                } else if (c.nameIs(EVENT_DATA) || c.nameIs(USER_DATA)) {
                    data(c, b);
                } else if (c.nameIs(PROCESS)) {
                    process(c, b);
                } else if (c.nameIs(USER)) {
                    user(c, b);
                } else {
                    c.skipValue();
                }
            } while (c.nextField());
        }

        private static void event(JsonCursor c, RecordBuilder b) {
            if (!c.firstField()) {
                return;
            }
            do {
                if (c.nameIs(CODE)) {
                    String code = c.text(",");
                    if (b.eventId == null) {
                        b.eventId = code;
                    }
                } else if (c.nameIs(PROVIDER)) {
                    String provider = c.text(",");
                    if (b.providerName == null) {
                        b.providerName = provider;
                    }
                } else {
                    c.skipValue();
                }
            } while (c.nextField());
        }

        private static void host(JsonCursor c, RecordBuilder b) {
            if (!c.firstField()) {
                return;
            }
            do {
                if (c.nameIs(NAME)) {
                    b.hostName = c.text(",");
                } else {
                    c.skipValue();
                }
            } while (c.nextField());
        }

        private static void process(JsonCursor c, RecordBuilder b) {
            if (!c.firstField()) {
                return;
            }
            do {
                if (c.nameIs(PID)) {
                    b.processId = c.text(",");
                } else if (c.nameIs(THREAD)) {
                    thread(c, b);
                } else {
                    c.skipValue();
                }
            } while (c.nextField());
        }

        private static void thread(JsonCursor c, RecordBuilder b) {
            if (!c.firstField()) {
                return;
            }
            do {
                if (c.nameIs(ID)) {
                    b.threadId = c.text(",");
                } else {
                    c.skipValue();
                }
            } while (c.nextField());
        }

        private static void user(JsonCursor c, RecordBuilder b) {
            if (!c.firstField()) {
                return;
            }
            do {
                if (c.nameIs(IDENTIFIER)) {
                    b.userSid = c.text(",");
                } else {
                    c.skipValue();
                }
            } while (c.nextField());
        }

        /** See {@link WinlogbeatJsonParser#data(JsonParser, RecordBuilder)}. */
        private static void data(JsonCursor c, RecordBuilder b) {
            if (!c.firstField()) {
                return;
            }
            do {
                if (c.atObject()) {
                    data(c, b);
                } else if (!c.nameIs(XML_NAME)) {
                    String name = c.nameString();
                    String value = c.text(" ");
                    if (value != null) {
                        b.data.put(name, value);
                    }
                } else if (c.atArray()) {
                    // the Jackson reading leaves such an array unread and loses its place in
                    // the line; only it can reproduce that
                    throw JsonCursor.UNSUPPORTED;
                } else {
                    c.skipValue();
                }
            } while (c.nextField());
        }
    }
}
