package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.redact.Redactor;
import dev.runtrail.ingest.windows.EventDataMap;
import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.ingest.windows.evtx.binxml.XmlSink;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Picks the {@code System} header fields and the {@code EventData}/{@code UserData} fields out of a
 * walked record (which piece goes where is {@link RecordShape}'s rule) and builds a {@link
 * WindowsRecord}. It also holds the redaction of the record's values: whoever renders a record
 * redacts each value through {@link #redact} before it reaches the XML or this collector, and the
 * rules that fired are kept until the next record.
 */
public final class WindowsRecordCollector implements XmlSink {
    private final Redactor.ValueRedaction redaction = Redactor.defaults().forValues();
    private final RecordShape shape = new RecordShape();

    /** The current element's text. */
    private final TextPieces text = new TextPieces(128);

    private String providerName;
    private String providerGuid;
    private long eventId;
    private Integer version;
    private Integer level;
    private Integer task;
    private Integer opcode;
    private String keywords;
    private Instant timeCreated;
    private long recordId;
    private String channel;
    private String computer;
    private Long processId;
    private Long threadId;
    private String userSid;
    private EventDataMap eventData;
    private String message;

    /** Prepares for the next record. */
    public void reset() {
        redaction.clear();
        clearText();
        shape.reset();
        providerName = null;
        providerGuid = null;
        eventId = 0;
        version = null;
        level = null;
        task = null;
        opcode = null;
        keywords = null;
        timeCreated = null;
        recordId = 0;
        channel = null;
        computer = null;
        processId = null;
        threadId = null;
        userSid = null;
        // Sized for the 20-odd fields of logon and process events, so it does not grow; one map
        // serves every record, as each record is mapped before the next is read.
        if (eventData == null) {
            eventData = new EventDataMap(24);
        } else {
            eventData.clear();
        }
        message = null;
    }

    /**
     * The collected record; {@code fallbackRecordId} and {@code fallbackTime} come from the record
     * frame and fill in when the XML lacks them. Its EventData map is this collector's own and is
     * emptied by the next {@link #reset}: use the record before collecting the next one.
     */
    public WindowsRecord build(long fallbackRecordId, Instant fallbackTime) {
        return new WindowsRecord(
                providerName,
                providerGuid,
                eventId,
                version,
                level,
                task,
                opcode,
                keywords,
                timeCreated != null ? timeCreated : fallbackTime,
                recordId != 0 ? recordId : fallbackRecordId,
                channel,
                computer,
                processId,
                threadId,
                userSid,
                eventData,
                message);
    }

    /** A value of the record redacted, or the same instance when no rule changed it. */
    String redact(String value) {
        return redaction.redact(value);
    }

    /** The names of the redaction rules that changed a value of this record. */
    Set<String> redactedBy() {
        return redaction.fired();
    }

    @Override
    public void startElement(String name) {
        shape.start(name);
        clearText();
    }

    @Override
    public void attribute(String name, String value) {
        int target = shape.attribute(name);
        if (target == RecordShape.DATA_NAME) {
            shape.dataName(value);
        } else if (target != RecordShape.NONE) {
            store(target, null, value);
        }
    }

    @Override
    public void text(String s) {
        text.add(s);
    }

    @Override
    public void cdata(String s) {
        text(s);
    }

    private String currentText() {
        return text.text();
    }

    private void clearText() {
        text.clear();
    }

    @Override
    public void processingInstruction(String target, String data) {}

    @Override
    public void endElement(String name) {
        int target = shape.end(name);
        if (target != RecordShape.NONE) {
            store(target, shape.key(), currentText());
        }
        clearText();
    }

    /**
     * Stores a value for a {@link RecordShape} target; {@code key} names the EventData field of an
     * {@link RecordShape#EVENT_DATA} target.
     */
    void store(int target, String key, String value) {
        store(target, key, null, value);
    }

    /**
     * Like {@link #store(int, String, String)}; {@code ecsField} is the ECS field of an {@link
     * RecordShape#EVENT_DATA} key when the caller has it at hand, else null.
     */
    void store(int target, String key, String ecsField, String value) {
        switch (target) {
            case RecordShape.PROVIDER_NAME -> providerName = value;
            case RecordShape.PROVIDER_GUID -> providerGuid = value;
            case RecordShape.TIME_CREATED -> timeCreated = parseInstant(value);
            case RecordShape.PROCESS_ID -> processId = parseBoxed(value);
            case RecordShape.THREAD_ID -> threadId = parseBoxed(value);
            case RecordShape.USER_ID -> userSid = value;
            case RecordShape.EVENT_ID -> eventId = parseLong(value, 0L);
            case RecordShape.VERSION -> version = parseInt(value);
            case RecordShape.LEVEL -> level = parseInt(value);
            case RecordShape.TASK -> task = parseInt(value);
            case RecordShape.OPCODE -> opcode = parseInt(value);
            case RecordShape.KEYWORDS -> keywords = value.isEmpty() ? null : value;
            case RecordShape.EVENT_RECORD_ID -> recordId = parseLong(value, 0L);
            case RecordShape.CHANNEL -> channel = value.isEmpty() ? null : value;
            case RecordShape.COMPUTER -> computer = value.isEmpty() ? null : value;
            case RecordShape.EVENT_DATA -> eventData.put(key, ecsField, value);
            case RecordShape.MESSAGE -> message = value;
            default -> {}
        }
    }

    /**
     * Stores {@code TimeCreated} already as an instant (equal to what parsing its text would give),
     * so the text need not be parsed back.
     */
    void timeCreated(Instant instant) {
        timeCreated = instant;
    }

    /**
     * Lets the EventData map take a plan's names when nothing is stored yet (see {@link
     * EventDataMap#adopt}).
     */
    void adoptEventData(EventDataMap.Layout layout) {
        eventData.adopt(layout);
    }

    private static Long parseBoxed(String value) {
        long v = smallDecimal(value);
        return v >= 0 ? Long.valueOf(v) : parseLong(value);
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z}, the shape FILETIME and SYSTEMTIME values are
     * rendered in, without a DateTimeFormatter (that was a fifth of the parse time); anything else
     * goes through {@link Instant#parse}.
     */
    static Instant parseInstant(String v) {
        int n = v.length();
        if (n >= 20
                && v.charAt(4) == '-'
                && v.charAt(7) == '-'
                && v.charAt(10) == 'T'
                && v.charAt(13) == ':'
                && v.charAt(16) == ':'
                && v.charAt(n - 1) == 'Z') {
            int year = digits(v, 0, 4);
            int month = digits(v, 5, 2);
            int day = digits(v, 8, 2);
            int hour = digits(v, 11, 2);
            int minute = digits(v, 14, 2);
            int second = digits(v, 17, 2);
            int nanos = 0;
            boolean ok =
                    year >= 0
                            && month >= 1
                            && month <= 12
                            && day >= 1
                            && day <= 31
                            && hour >= 0
                            && hour < 24
                            && minute >= 0
                            && minute < 60
                            && second >= 0
                            && second < 60;
            if (ok && n > 20) {
                int fraction = n - 21;
                ok = v.charAt(19) == '.' && fraction >= 1 && fraction <= 9;
                if (ok) {
                    nanos = digits(v, 20, fraction);
                    ok = nanos >= 0;
                    for (int i = fraction; i < 9; i++) {
                        nanos *= 10;
                    }
                }
            } else if (ok) {
                ok = n == 20;
            }
            if (ok && day <= java.time.YearMonth.of(year, month).lengthOfMonth()) {
                long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(
                        days * 86400L + hour * 3600L + minute * 60L + second, nanos);
            }
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The decimal number in {@code v[from, from + count)}, or -1 if any character is not a digit.
     */
    private static int digits(String v, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = v.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static Integer parseInt(String value) {
        long v = smallDecimal(value);
        if (v >= 0) {
            return (int) v;
        }
        Long parsed = parseLong(value);
        return parsed == null ? null : (int) (long) parsed;
    }

    private static long parseLong(String value, long fallback) {
        long v = smallDecimal(value);
        if (v >= 0) {
            return v;
        }
        Long parsed = parseLong(value);
        return parsed == null ? fallback : parsed;
    }

    /**
     * The value of 1 to 18 plain decimal digits (how System numbers are written), without boxing;
     * -1 for anything else, which {@link #parseLong(String)} then handles.
     */
    private static long smallDecimal(String value) {
        int n = value == null ? 0 : value.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int d = value.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Decimal or {@code 0x} hex (some producers write hex integers in System fields). */
    private static Long parseLong(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (value.startsWith("0x") || value.startsWith("0X")) {
                return Long.parseUnsignedLong(value.substring(2), 16);
            }
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
