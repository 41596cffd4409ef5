package dev.runtrail.sinks.templates;

import dev.runtrail.model.Ecs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The field types of runtrail documents: the one table both the index templates and {@link
 * MappingValidator} read. Fields not listed here are typed by the dynamic rules: strings become
 * {@code keyword}, whole numbers {@code long}, fractions {@code double}; everything under {@code
 * winlog.event_data.} and {@code winlog.user_data.} is {@code keyword} whatever it looks like,
 * because the same EventData name carries numbers in one event and text in another.
 */
public final class EcsMappings {
    private EcsMappings() {}

    /** Prefixes whose fields are always keyword, regardless of the JSON value type. */
    public static final List<String> KEYWORD_PREFIXES =
            List.of(Ecs.WINLOG_EVENT_DATA, "winlog.user_data.");

    /** Longest string a keyword field indexes; longer values stay in {@code _source} only. */
    public static final int KEYWORD_IGNORE_ABOVE = 1024;

    /** Explicitly mapped fields of every kind, by dotted path. */
    public static final Map<String, FieldType> FIELDS = buildFields();

    /**
     * Extra fields of dead-letter documents (parse failures and documents Elasticsearch refused).
     */
    public static final Map<String, FieldType> DEAD_LETTER_FIELDS = buildDeadLetterFields();

    private static Map<String, FieldType> buildFields() {
        Map<String, FieldType> f = new LinkedHashMap<>();
        for (String date :
                List.of(
                        Ecs.TIMESTAMP,
                        Ecs.EVENT_CREATED,
                        Ecs.EVENT_START,
                        Ecs.EVENT_END,
                        Ecs.EVENT_INGESTED,
                        Ecs.AIRFLOW_LOGICAL_DATE,
                        Ecs.RUNTRAIL_KEY_TIME)) {
            f.put(date, FieldType.DATE);
        }
        for (String ip : List.of(Ecs.SOURCE_IP, Ecs.DESTINATION_IP, Ecs.HOST_IP, Ecs.RELATED_IP)) {
            f.put(ip, FieldType.IP);
        }
        for (String number :
                List.of(
                        Ecs.EVENT_DURATION,
                        Ecs.EVENT_SEQUENCE,
                        Ecs.EVENT_SEVERITY,
                        Ecs.LOG_OFFSET,
                        Ecs.LOG_ORIGIN_FILE_LINE,
                        Ecs.SOURCE_PORT,
                        Ecs.DESTINATION_PORT,
                        Ecs.PROCESS_PID,
                        Ecs.PROCESS_THREAD_ID,
                        Ecs.PROCESS_PARENT_PID,
                        Ecs.PROCESS_EXIT_CODE,
                        Ecs.WINLOG_VERSION,
                        Ecs.WINLOG_PROCESS_PID,
                        Ecs.WINLOG_PROCESS_THREAD_ID,
                        Ecs.HTTP_RESPONSE_STATUS_CODE,
                        Ecs.HTTP_RESPONSE_BYTES,
                        Ecs.AIRFLOW_MAP_INDEX,
                        Ecs.AIRFLOW_TRY_NUMBER,
                        Ecs.RUNTRAIL_REVISION,
                        Ecs.RUNTRAIL_SOURCE_POSITION)) {
            f.put(number, FieldType.LONG);
        }
        f.put(Ecs.RUNTRAIL_MATCH_CONFIDENCE, FieldType.DOUBLE);
        // ECS types these as keyword although Windows writes numbers: they are identifiers.
        for (String id :
                List.of(
                        Ecs.EVENT_CODE,
                        Ecs.WINLOG_EVENT_ID,
                        Ecs.WINLOG_RECORD_ID,
                        Ecs.WINLOG_LOGON_ID,
                        Ecs.WINLOG_LOGON_TYPE,
                        Ecs.WINLOG_TASK,
                        Ecs.WINLOG_OPCODE)) {
            f.put(id, FieldType.KEYWORD);
        }
        f.put(Ecs.PROCESS_COMMAND_LINE, FieldType.COMMAND_LINE);
        f.put("process.parent.command_line", FieldType.COMMAND_LINE);
        f.put(Ecs.ERROR_STACK_TRACE, FieldType.COMMAND_LINE);
        f.put(Ecs.URL_ORIGINAL, FieldType.COMMAND_LINE);
        f.put(Ecs.MESSAGE, FieldType.PROSE);
        f.put(Ecs.ERROR_MESSAGE, FieldType.PROSE);
        f.put(Ecs.EVENT_ORIGINAL, FieldType.STORED_ONLY);
        return Collections.unmodifiableMap(f);
    }

    private static Map<String, FieldType> buildDeadLetterFields() {
        Map<String, FieldType> f = new LinkedHashMap<>();
        f.put("runtrail.source.line", FieldType.LONG);
        f.put("runtrail.source.position_unit", FieldType.KEYWORD);
        f.put("runtrail.raw.length", FieldType.LONG);
        f.put("runtrail.raw.truncated", FieldType.BOOLEAN);
        f.put("runtrail.raw.base64", FieldType.STORED_ONLY);
        f.put("runtrail.rejected.index", FieldType.KEYWORD);
        f.put("runtrail.rejected.id", FieldType.KEYWORD);
        f.put("runtrail.rejected.kind", FieldType.KEYWORD);
        f.put("runtrail.rejected.status", FieldType.LONG);
        f.put(Ecs.ERROR_TYPE, FieldType.KEYWORD);
        f.put(Ecs.EVENT_KIND, FieldType.KEYWORD);
        f.put(Ecs.EVENT_HASH, FieldType.KEYWORD);
        f.put(Ecs.EVENT_DATASET, FieldType.KEYWORD);
        f.put(Ecs.RUNTRAIL_FORMAT, FieldType.KEYWORD);
        f.put(Ecs.RUNTRAIL_SOURCE, FieldType.KEYWORD);
        return Collections.unmodifiableMap(f);
    }

    /** The type a field gets in an index of the given kind's template, explicit or dynamic. */
    public static FieldType typeOf(String path, Object value, boolean deadLetter) {
        FieldType explicit = FIELDS.get(path);
        if (explicit == null && deadLetter) {
            explicit = DEAD_LETTER_FIELDS.get(path);
        }
        if (explicit != null) {
            return explicit;
        }
        for (String prefix : KEYWORD_PREFIXES) {
            if (path.startsWith(prefix)) {
                return FieldType.KEYWORD;
            }
        }
        Object sample = value instanceof List<?> list && !list.isEmpty() ? list.get(0) : value;
        if (sample instanceof Long || sample instanceof Integer) {
            return FieldType.LONG;
        }
        if (sample instanceof Double || sample instanceof Float) {
            return FieldType.DOUBLE;
        }
        if (sample instanceof Boolean) {
            return FieldType.BOOLEAN;
        }
        return FieldType.KEYWORD;
    }
}
