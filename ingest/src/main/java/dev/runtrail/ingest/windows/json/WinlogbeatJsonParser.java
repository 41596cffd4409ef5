package dev.runtrail.ingest.windows.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.windows.WindowsTimes;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;

/**
 * One Winlogbeat / Elastic Agent document per line: the 7.x/8.x shape ({@code winlog.*}, {@code
 * event.code}, {@code host.name}) and the 6.x shape ({@code event_id}, {@code computer_name},
 * {@code log_name}, {@code event_data} at the top). Streams the line with Jackson and picks the
 * fields it needs; everything else stays only in {@code event.original}.
 */
final class WinlogbeatJsonParser extends WindowsJsonLineParser {
    WinlogbeatJsonParser(SourceRef source, String format) {
        super(source, format);
    }

    @Override
    public Parsed parse(String text, Line line) {
        RecordBuilder b = new RecordBuilder();
        try (JsonParser p = JsonLines.FACTORY.createParser(line.bytes())) {
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
        return toEcs(
                line,
                b.build(),
                "The JSON object has no winlog.event_id, event.code or event_id; expected a"
                        + " Winlogbeat Windows event.",
                "The event has no parseable @timestamp; expected an ISO-8601 time.");
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
}
