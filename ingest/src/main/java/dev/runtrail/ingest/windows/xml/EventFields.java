package dev.runtrail.ingest.windows.xml;

import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.ingest.windows.WindowsTimes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one event element holds, collected while scanning through it: the {@code System} header
 * fields, EventData/UserData fields in document order, and the rendered message.
 */
final class EventFields {
    /** Attribute values of the start tag being read, by local name. */
    interface Attributes {
        /** The first attribute with this local name (any prefix), or null. */
        String get(String localName);
    }

    String providerName;
    String providerGuid;
    String eventId;
    String version;
    String level;
    String task;
    String opcode;
    String keywords;
    String timeCreated;
    String recordId;
    String channel;
    String computer;
    String processId;
    String threadId;
    String userSid;
    String message;
    // sized for the two dozen fields of the larger Security events, so it is not rehashed
    final Map<String, String> data = new LinkedHashMap<>(64);

    void systemAttributes(String name, Attributes a) {
        switch (name) {
            case "Provider" -> {
                providerName = a.get("Name");
                providerGuid = a.get("Guid");
                if (providerName == null) {
                    providerName = a.get("EventSourceName");
                }
            }
            case "TimeCreated" -> timeCreated = a.get("SystemTime");
            case "Execution" -> {
                processId = a.get("ProcessID");
                threadId = a.get("ThreadID");
            }
            case "Security" -> userSid = a.get("UserID");
            default -> {}
        }
    }

    /**
     * Whether {@link #leaf} keeps the text of a leaf element, so that the text is only decoded when
     * it is used.
     */
    static boolean wants(String section, int depth, String name) {
        return switch (section) {
            case "System" -> depth == 3 && systemField(name);
            case "EventData" -> depth == 3;
            case "UserData", "ProcessingErrorData" -> depth >= 3;
            case "RenderingInfo" -> depth == 3 && name.equals("Message");
            default -> false;
        };
    }

    void leaf(String section, int depth, String name, String dataName, String text) {
        switch (section) {
            case "System" -> {
                if (depth == 3) {
                    system(name, text.trim());
                }
            }
            case "EventData" -> {
                if (depth == 3) {
                    data.put(name.equals("Data") ? dataName : name, text);
                }
            }
            // UserData and the ProcessingErrorData of unrenderable records carry their
            // fields as leaf elements under one wrapper element
            case "UserData", "ProcessingErrorData" -> {
                if (depth >= 3) {
                    data.put(name, text);
                }
            }
            case "RenderingInfo" -> {
                if (depth == 3 && name.equals("Message")) {
                    message = text;
                }
            }
            default -> {}
        }
    }

    private static boolean systemField(String name) {
        return switch (name) {
            case "EventID",
                    "Version",
                    "Level",
                    "Task",
                    "Opcode",
                    "Keywords",
                    "EventRecordID",
                    "Channel",
                    "Computer" ->
                    true;
            default -> false;
        };
    }

    private void system(String name, String text) {
        switch (name) {
            case "EventID" -> eventId = text;
            case "Version" -> version = text;
            case "Level" -> level = text;
            case "Task" -> task = text;
            case "Opcode" -> opcode = text;
            case "Keywords" -> keywords = text;
            case "EventRecordID" -> recordId = text;
            case "Channel" -> channel = text;
            case "Computer" -> computer = text;
            default -> {}
        }
    }

    WindowsRecord toRecord() throws BadEventException {
        Long id = number(eventId);
        if (id == null) {
            throw new BadEventException(
                    eventId == null
                            ? "The event has no <System><EventID>; expected an event id."
                            : "The event id '" + eventId + "' is not a number.");
        }
        Instant time = WindowsTimes.parse(timeCreated);
        if (time == null) {
            throw new BadEventException(
                    timeCreated == null
                            ? "The event has no <TimeCreated SystemTime=...>; expected a"
                                    + " creation time."
                            : "The creation time '" + timeCreated + "' is not an ISO-8601 time.");
        }
        Long record = number(recordId);
        return new WindowsRecord(
                blankToNull(providerName),
                blankToNull(providerGuid),
                id,
                integer(version),
                integer(level),
                integer(task),
                integer(opcode),
                blankToNull(keywords),
                time,
                record == null ? 0 : record,
                blankToNull(channel),
                blankToNull(computer),
                number(processId),
                number(threadId),
                blankToNull(userSid),
                data,
                blankToNull(message));
    }

    private static Long number(String s) {
        if (s == null) {
            return null;
        }
        // plain digits, the usual case, without the blank check, trim and parse
        int n = s.length();
        if (n > 0 && n <= 18) {
            long v = 0;
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                i++;
            }
            if (i == n) {
                return v;
            }
        }
        if (s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String s) {
        Long n = number(s);
        return n == null ? null : n.intValue();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
