package dev.runtrail.sinks.templates;

import dev.runtrail.correlate.Fields;
import dev.runtrail.ingest.proxy.AirflowEndpoints;
import dev.runtrail.ingest.proxy.ProxyFields;
import dev.runtrail.ingest.proxy.SquidFormat;
import dev.runtrail.model.Ecs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The field types of runtrail documents: the one table both the index templates and {@link
 * MappingValidator} read. Fields not listed here are typed by the dynamic rules: strings become
 * {@code keyword}, whole numbers {@code long}, fractions {@code double}. {@code winlog.event_data}
 * and {@code winlog.user_data} are each one {@code flattened} field ({@link #FLATTENED_OBJECTS}):
 * their values are keywords whatever they look like, because the same EventData name carries
 * numbers in one event and text in another.
 */
public final class EcsMappings {
    private EcsMappings() {}

    /**
     * Objects mapped as one {@code flattened} field each. Windows providers name their EventData
     * fields freely. Mapped one by one, every name a monthly index had not seen yet cost a mapping
     * update, a cluster-state change that the node applies one after another: importing the shared
     * samples into fresh indices made 439 of them. And a name that is also the prefix of another
     * ({@code Param} and {@code Param.Sub}) could not be mapped at all. A flattened field needs no
     * update for a new name, and its subfields are still searched and aggregated by name ({@code
     * winlog.event_data.TargetUserName: alice}).
     */
    public static final List<String> FLATTENED_OBJECTS =
            List.of(
                    Ecs.WINLOG_EVENT_DATA.substring(0, Ecs.WINLOG_EVENT_DATA.length() - 1),
                    "winlog.user_data");

    /** Prefixes whose fields are always keyword, regardless of the JSON value type. */
    public static final List<String> KEYWORD_PREFIXES =
            FLATTENED_OBJECTS.stream().map(object -> object + ".").toList();

    /** Longest string a keyword field indexes; longer values stay in {@code _source} only. */
    public static final int KEYWORD_IGNORE_ABOVE = 1024;

    /**
     * Fields of names, identifiers and codes that no other rule below types. The dynamic rule would
     * make them keyword too, but only through a mapping update in every new monthly index.
     */
    private static final List<String> KEYWORDS =
            List.of(
                    Ecs.TAGS,
                    Ecs.EVENT_KIND,
                    Ecs.EVENT_CATEGORY,
                    Ecs.EVENT_TYPE,
                    Ecs.EVENT_ACTION,
                    Ecs.EVENT_OUTCOME,
                    Ecs.EVENT_DATASET,
                    Ecs.EVENT_MODULE,
                    Ecs.EVENT_PROVIDER,
                    Ecs.LOG_LEVEL,
                    Ecs.LOG_LOGGER,
                    Ecs.LOG_FILE_PATH,
                    Ecs.LOG_ORIGIN_FILE_NAME,
                    Ecs.USER_NAME,
                    Ecs.USER_DOMAIN,
                    Ecs.USER_ID,
                    Ecs.USER_EMAIL,
                    Ecs.USER_TARGET_NAME,
                    Ecs.USER_TARGET_DOMAIN,
                    Ecs.USER_TARGET_ID,
                    Ecs.USER_EFFECTIVE_NAME,
                    Ecs.USER_EFFECTIVE_DOMAIN,
                    Ecs.GROUP_NAME,
                    Ecs.GROUP_ID,
                    Ecs.GROUP_DOMAIN,
                    Ecs.SOURCE_DOMAIN,
                    Ecs.DESTINATION_DOMAIN,
                    Ecs.HOST_NAME,
                    Ecs.HOST_HOSTNAME,
                    Ecs.PROCESS_NAME,
                    Ecs.PROCESS_EXECUTABLE,
                    Ecs.PROCESS_PARENT_NAME,
                    Ecs.PROCESS_PARENT_EXECUTABLE,
                    Ecs.SERVICE_NAME,
                    Ecs.WINLOG_CHANNEL,
                    Ecs.WINLOG_COMPUTER_NAME,
                    Ecs.WINLOG_PROVIDER_NAME,
                    Ecs.WINLOG_PROVIDER_GUID,
                    Ecs.WINLOG_KEYWORDS,
                    Ecs.WINLOG_USER_IDENTIFIER,
                    Ecs.URL_PATH,
                    Ecs.URL_QUERY,
                    Ecs.URL_DOMAIN,
                    Ecs.URL_SCHEME,
                    Ecs.HTTP_REQUEST_METHOD,
                    Ecs.HTTP_REQUEST_ID,
                    Ecs.HTTP_VERSION,
                    Ecs.USER_AGENT_ORIGINAL,
                    Ecs.ERROR_TYPE,
                    Ecs.RELATED_USER,
                    Ecs.RELATED_HOSTS,
                    Ecs.AIRFLOW_DAG_ID,
                    Ecs.AIRFLOW_RUN_ID,
                    Ecs.AIRFLOW_RUN_TYPE,
                    Ecs.AIRFLOW_TASK_ID,
                    Ecs.AIRFLOW_STATE,
                    Ecs.AIRFLOW_HOSTNAME,
                    Ecs.AIRFLOW_OPERATOR,
                    Ecs.AIRFLOW_CONN_ID,
                    Ecs.AIRFLOW_REMOTE_HOST,
                    Ecs.AIRFLOW_CONN_TYPE,
                    Ecs.AIRFLOW_CONN_SCHEMA,
                    Ecs.AIRFLOW_CONN_USER,
                    Ecs.AIRFLOW_CONN_EXTRA,
                    Ecs.AIRFLOW_ACTION,
                    Ecs.AIRFLOW_OWNER,
                    Ecs.AIRFLOW_TRIGGERING_USER,
                    Ecs.AIRFLOW_TRIGGERED_BY,
                    Ecs.AIRFLOW_AUDIT_EXTRA,
                    Ecs.RUNTRAIL_RUN_KEY,
                    Ecs.RUNTRAIL_ATTEMPT_KEY,
                    Ecs.RUNTRAIL_SESSION_KEY,
                    Ecs.RUNTRAIL_MATCH_METHOD,
                    Ecs.RUNTRAIL_SOC2_CONTROLS,
                    Ecs.RUNTRAIL_SOURCE,
                    Ecs.RUNTRAIL_FORMAT,
                    Ecs.RUNTRAIL_PRIVILEGES,
                    Ecs.RUNTRAIL_REDACTED,
                    Fields.MATCH_CANDIDATES,
                    Fields.SESSION_PRIVILEGES,
                    Fields.SESSION_PROCESS_EXECUTABLE,
                    Fields.SESSION_LINKED_LOGON_ID,
                    Fields.SESSION_CLOSE_REASON,
                    Fields.SESSION_EXPLICIT_CREDENTIALS,
                    Fields.SESSION_CHANGES,
                    Fields.IDENTITY_ACTOR,
                    Fields.IDENTITY_AIRFLOW_USER,
                    Fields.CONNECTION_HOST,
                    Fields.CONNECTION_LOGIN,
                    AirflowEndpoints.API_VERSION,
                    AirflowEndpoints.VARIABLE_KEY,
                    ProxyFields.NETWORK_FORWARDED_IP,
                    ProxyFields.DESTINATION_ADDRESS,
                    ProxyFields.HTTP_REFERRER,
                    ProxyFields.OBSERVER_PRODUCT,
                    SquidFormat.RESULT_CODE,
                    SquidFormat.HIERARCHY_CODE,
                    "http.response.mime_type",
                    "oauth2_proxy.upstream");

    /** Explicitly mapped fields of every kind, by dotted path. */
    public static final Map<String, FieldType> FIELDS = buildFields();

    /**
     * Extra fields of dead-letter documents (parse failures and documents Elasticsearch refused).
     */
    public static final Map<String, FieldType> DEAD_LETTER_FIELDS = buildDeadLetterFields();

    private static Map<String, FieldType> buildFields() {
        Map<String, FieldType> f = new LinkedHashMap<>();
        type(
                f,
                FieldType.DATE,
                Ecs.TIMESTAMP,
                Ecs.EVENT_CREATED,
                Ecs.EVENT_START,
                Ecs.EVENT_END,
                Ecs.EVENT_INGESTED,
                Ecs.AIRFLOW_LOGICAL_DATE,
                Ecs.RUNTRAIL_KEY_TIME);
        type(f, FieldType.IP, Ecs.SOURCE_IP, Ecs.DESTINATION_IP, Ecs.HOST_IP, Ecs.RELATED_IP);
        type(
                f,
                FieldType.LONG,
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
                Ecs.RUNTRAIL_SOURCE_POSITION);
        type(f, FieldType.DOUBLE, Ecs.RUNTRAIL_MATCH_CONFIDENCE);
        // ECS types these as keyword although Windows writes numbers: they are identifiers.
        type(
                f,
                FieldType.KEYWORD,
                Ecs.EVENT_CODE,
                Ecs.WINLOG_EVENT_ID,
                Ecs.WINLOG_RECORD_ID,
                Ecs.WINLOG_LOGON_ID,
                Ecs.WINLOG_LOGON_TYPE,
                Ecs.WINLOG_TASK,
                Ecs.WINLOG_OPCODE);
        type(
                f,
                FieldType.COMMAND_LINE,
                Ecs.PROCESS_COMMAND_LINE,
                "process.parent.command_line",
                Ecs.ERROR_STACK_TRACE,
                Ecs.URL_ORIGINAL,
                Fields.SESSION_PROCESS_COMMAND_LINE);
        type(f, FieldType.PROSE, Ecs.MESSAGE, Ecs.ERROR_MESSAGE);
        type(f, FieldType.STORED_ONLY, Ecs.EVENT_ORIGINAL);
        type(f, FieldType.IDENTIFIER, Ecs.EVENT_ID, Ecs.EVENT_HASH);
        // Correlation's own fields: times as dates, counts as numbers.
        type(
                f,
                FieldType.DATE,
                Fields.ATTEMPT_LAST_SEEN,
                Fields.IDENTITY_TRIGGER_TIME,
                Fields.SESSION_PROCESS_TIME);
        type(
                f,
                FieldType.LONG,
                Fields.SESSION_PROCESS_PID,
                Fields.SESSION_PROCESS_PARENT_PID,
                Fields.SESSION_PROCESSES_DROPPED,
                Fields.MATCH_SKEW_MS,
                Fields.SESSION_SEQUENCE);
        type(
                f,
                FieldType.BOOLEAN,
                Fields.LATE,
                Fields.ATTEMPT_FINISHED,
                Fields.IDENTITY_MISMATCH,
                Fields.IDENTITY_UNAUTHENTICATED);
        type(f, FieldType.IP, Fields.IDENTITY_SOURCE_IP);
        type(f, FieldType.KEYWORD, KEYWORDS.toArray(String[]::new));
        return Collections.unmodifiableMap(f);
    }

    /** Gives each path the type; a path typed twice is a mistake in this table. */
    private static void type(Map<String, FieldType> f, FieldType type, String... paths) {
        for (String path : paths) {
            if (f.putIfAbsent(path, type) != null) {
                throw new IllegalStateException(path + " is typed twice");
            }
        }
    }

    private static Map<String, FieldType> buildDeadLetterFields() {
        Map<String, FieldType> f = new LinkedHashMap<>();
        f.put("runtrail.source.line", FieldType.LONG);
        f.put("runtrail.source.position_unit", FieldType.KEYWORD);
        f.put("runtrail.raw.length", FieldType.LONG);
        f.put("runtrail.raw.truncated", FieldType.BOOLEAN);
        f.put(Ecs.RUNTRAIL_RAW_BASE64, FieldType.STORED_ONLY);
        f.put("runtrail.rejected.index", FieldType.KEYWORD);
        f.put("runtrail.rejected.id", FieldType.KEYWORD);
        f.put("runtrail.rejected.kind", FieldType.KEYWORD);
        f.put("runtrail.rejected.status", FieldType.LONG);
        f.put(Ecs.ERROR_TYPE, FieldType.KEYWORD);
        f.put(Ecs.EVENT_KIND, FieldType.KEYWORD);
        f.put(Ecs.EVENT_HASH, FieldType.IDENTIFIER);
        f.put(Ecs.EVENT_DATASET, FieldType.KEYWORD);
        f.put(Ecs.RUNTRAIL_FORMAT, FieldType.KEYWORD);
        f.put(Ecs.RUNTRAIL_SOURCE, FieldType.KEYWORD);
        return Collections.unmodifiableMap(f);
    }

    /**
     * Every path the templates declare: the typed fields of all kinds and the flattened objects. A
     * field an index maps beyond these was mapped dynamically.
     */
    public static Set<String> declaredPaths() {
        Set<String> paths = new TreeSet<>(FIELDS.keySet());
        paths.addAll(DEAD_LETTER_FIELDS.keySet());
        paths.addAll(FLATTENED_OBJECTS);
        return paths;
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
