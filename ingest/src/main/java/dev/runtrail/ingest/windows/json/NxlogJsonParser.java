package dev.runtrail.ingest.windows.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.windows.WindowsTimes;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One flat Windows event per line, as NXLog's {@code im_msvistalog} (often behind Logstash) and the
 * OTRF Security-Datasets write it: header fields ({@code EventID}, {@code Hostname}, {@code
 * Channel}, {@code SourceName}, ...) and the EventData fields side by side at the top level. Every
 * top-level scalar that is not a known header or collector field is an EventData field.
 */
final class NxlogJsonParser extends WindowsJsonLineParser {
    /** Fields NXLog and Logstash add that are neither the System header nor EventData. */
    private static final Set<String> COLLECTOR_FIELDS =
            Set.of(
                    "EventType",
                    "EventTypeOrignal",
                    "SeverityValue",
                    "Severity",
                    "Opcode",
                    "Category",
                    "SourceModuleName",
                    "SourceModuleType",
                    "EventReceivedTime",
                    "@version",
                    "@metadata",
                    "host",
                    "port",
                    "tags",
                    "ActivityID",
                    "RelatedActivityID");

    /**
     * Fields NXLog derives from the record's UserID. Without a UserID they are EventData (7045 has
     * its own AccountName, for one).
     */
    private static final Set<String> USER_FIELDS = Set.of("AccountName", "AccountType", "Domain");

    /** NXLog's EventTime is local time; offsets are whole quarter hours. */
    private static final long QUARTER_HOUR_SECONDS = 15 * 60;

    NxlogJsonParser(SourceRef source, String format) {
        super(source, format);
    }

    @Override
    public Parsed parse(String text, Line line) {
        RecordBuilder b = new RecordBuilder();
        String timeCreated = null;
        String eventTime = null;
        String receivedTime = null;
        String timestamp = null;
        Map<String, String> userFields = null;
        try (JsonParser p =
                JsonLines.FACTORY.createParser(line.buffer(), line.start(), line.size())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return dead(
                        line, "The line is not a JSON object; expected one flat Windows event.");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                String value = JsonLines.text(p, " ");
                switch (name) {
                    case "EventID" -> b.eventId = value;
                    case "Hostname" -> b.computer = value;
                    case "SourceName" -> b.providerName = value;
                    case "ProviderGuid" -> b.providerGuid = value;
                    case "Channel" -> b.channel = value;
                    case "RecordNumber" -> b.recordId = value;
                    case "Version" -> b.version = value;
                    case "Level" -> b.level = value;
                    case "Task" -> b.task = value;
                    case "OpcodeValue" -> b.opcode = value;
                    case "Keywords" -> b.keywords = keywords(value);
                    case "ExecutionProcessID", "ProcessID" -> b.processId = value;
                    case "ThreadID" -> b.threadId = value;
                    case "UserID" -> b.userSid = value;
                    case "Message" -> b.message = value;
                    case "TimeCreated" -> timeCreated = value;
                    case "EventTime" -> eventTime = value;
                    case "@timestamp" -> timestamp = value;
                    default -> {
                        if (name.equals("EventReceivedTime")) {
                            receivedTime = value;
                        } else if (USER_FIELDS.contains(name) && value != null) {
                            if (userFields == null) {
                                userFields = new LinkedHashMap<>(4);
                            }
                            userFields.put(name, value);
                        } else if (value != null && !COLLECTOR_FIELDS.contains(name)) {
                            b.data.put(name, value);
                        }
                    }
                }
            }
            if (!JsonLines.atEnd(p)) {
                return trailingText(line);
            }
        } catch (JsonParseException e) {
            return invalidJson(line, e, "one flat Windows event object per line");
        } catch (IOException e) {
            return unreadable(line, e);
        }
        if (userFields != null && b.userSid == null) {
            b.data.putAll(userFields);
        }
        b.time = time(timeCreated, eventTime, receivedTime, timestamp);
        return toEcs(
                line,
                b.build(),
                "The JSON object has no numeric EventID; expected a flat Windows event with"
                        + " EventID, Hostname and Channel.",
                "The event has no parseable TimeCreated, EventTime or @timestamp; expected an"
                        + " ISO-8601 time.");
    }

    /**
     * The event's creation time: TimeCreated (UTC, written by the OTRF exports) when present; else
     * NXLog's local EventTime shifted by the collector's UTC offset, which is learnt from the same
     * record's local EventReceivedTime and Logstash's UTC @timestamp; else @timestamp.
     */
    static Instant time(
            String timeCreated, String eventTime, String receivedTime, String timestamp) {
        Instant created = WindowsTimes.parse(timeCreated);
        if (created != null) {
            return created;
        }
        Instant utc = WindowsTimes.parse(timestamp);
        Instant local = WindowsTimes.parse(eventTime);
        Instant localReceived = WindowsTimes.parse(receivedTime);
        if (local != null && utc != null && localReceived != null) {
            long skew = Duration.between(localReceived, utc).getSeconds();
            long offset = Math.round((double) skew / QUARTER_HOUR_SECONDS) * QUARTER_HOUR_SECONDS;
            return local.plusSeconds(offset);
        }
        return utc;
    }

    /** NXLog writes keywords as a signed decimal; the mapper reads hex bit masks. */
    private static String keywords(String value) {
        if (value == null || value.startsWith("0x") || value.startsWith("0X")) {
            return value;
        }
        Long n = RecordBuilder.number(value);
        return n == null ? value : "0x" + Long.toHexString(n);
    }
}
