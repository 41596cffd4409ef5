package dev.runtrail.ingest.windows.json;

import dev.runtrail.ingest.windows.EventDataMap;
import dev.runtrail.ingest.windows.WindowsRecord;
import java.time.Instant;

/**
 * Collects the fields of one JSON-exported Windows event while its line is streamed. A parser may
 * reuse one builder for every line ({@link #clear()}): the record it builds is mapped to ECS before
 * the next line is read, and the mapping copies the values out.
 */
final class RecordBuilder {
    String providerName;
    String providerGuid;
    String eventId;
    String version;
    String level;
    String task;
    String opcode;
    String keywords;
    Instant time;
    String recordId;
    String channel;
    String computer;
    String hostName;
    String processId;
    String threadId;
    String userSid;
    String message;
    final EventDataMap data = new EventDataMap(32);

    /** Forgets the previous line's fields. */
    void clear() {
        providerName = null;
        providerGuid = null;
        eventId = null;
        version = null;
        level = null;
        task = null;
        opcode = null;
        keywords = null;
        time = null;
        recordId = null;
        channel = null;
        computer = null;
        hostName = null;
        processId = null;
        threadId = null;
        userSid = null;
        message = null;
        data.clear();
    }

    /** The record, or null when the line lacks an event id (not a Windows event). */
    WindowsRecord build() {
        Long id = number(eventId);
        if (id == null) {
            return null;
        }
        Long record = number(recordId);
        return new WindowsRecord(
                providerName,
                providerGuid,
                id,
                integer(version),
                integer(level),
                integer(task),
                integer(opcode),
                keywords,
                time,
                record == null ? 0 : record,
                channel,
                computer != null ? computer : hostName,
                number(processId),
                number(threadId),
                userSid,
                data,
                message);
    }

    /**
     * A decimal number, or null: for text that is not one (names such as "Logon" in numeric slots
     * are normal in Winlogbeat documents; checked before parsing, since exceptions would cost more
     * than the parse) and for one outside the range of a long, which no Windows field holds.
     */
    static Long number(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int start = s.charAt(0) == '-' ? 1 : 0;
        int digits = s.length() - start;
        if (digits == 0 || digits > 19) {
            return null;
        }
        long value = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        if (digits == 19) {
            // NXLog's keywords are 19-digit negatives; beyond the range the loop above wrapped
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return start == 0 ? value : -value;
    }

    /** Numbers only: Winlogbeat writes task, opcode and level as names, which have no id. */
    private static Integer integer(String s) {
        Long n = number(s);
        return n == null || n != n.intValue() ? null : n.intValue();
    }
}
