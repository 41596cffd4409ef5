package dev.runtrail.model;

/**
 * Field names of the documents runtrail writes: Elastic Common Schema names, the {@code airflow.*}
 * context and the {@code runtrail.*} correlation keys. Documents hold these as dotted keys; the
 * JSON writers nest them.
 */
public final class Ecs {
    private Ecs() {}

    public static final String TIMESTAMP = "@timestamp";
    public static final String MESSAGE = "message";
    public static final String TAGS = "tags";

    /** The document id, repeated inside the document so NDJSON readers see it. */
    public static final String EVENT_ID = "event.id";

    public static final String EVENT_KIND = "event.kind";
    public static final String EVENT_CATEGORY = "event.category";
    public static final String EVENT_TYPE = "event.type";
    public static final String EVENT_ACTION = "event.action";
    public static final String EVENT_CODE = "event.code";
    public static final String EVENT_OUTCOME = "event.outcome";
    public static final String EVENT_DATASET = "event.dataset";
    public static final String EVENT_MODULE = "event.module";
    public static final String EVENT_PROVIDER = "event.provider";
    public static final String EVENT_ORIGINAL = "event.original";
    public static final String EVENT_HASH = "event.hash";
    public static final String EVENT_CREATED = "event.created";
    public static final String EVENT_INGESTED = "event.ingested";
    public static final String EVENT_START = "event.start";
    public static final String EVENT_END = "event.end";
    public static final String EVENT_DURATION = "event.duration";
    public static final String EVENT_SEQUENCE = "event.sequence";
    public static final String EVENT_SEVERITY = "event.severity";

    public static final String LOG_LEVEL = "log.level";
    public static final String LOG_LOGGER = "log.logger";
    public static final String LOG_FILE_PATH = "log.file.path";
    public static final String LOG_OFFSET = "log.offset";
    public static final String LOG_ORIGIN_FILE_NAME = "log.origin.file.name";
    public static final String LOG_ORIGIN_FILE_LINE = "log.origin.file.line";

    public static final String USER_NAME = "user.name";
    public static final String USER_DOMAIN = "user.domain";
    public static final String USER_ID = "user.id";
    public static final String USER_EMAIL = "user.email";
    public static final String USER_TARGET_NAME = "user.target.name";
    public static final String USER_TARGET_DOMAIN = "user.target.domain";
    public static final String USER_TARGET_ID = "user.target.id";
    public static final String USER_EFFECTIVE_NAME = "user.effective.name";
    public static final String USER_EFFECTIVE_DOMAIN = "user.effective.domain";
    public static final String GROUP_NAME = "group.name";
    public static final String GROUP_ID = "group.id";
    public static final String GROUP_DOMAIN = "group.domain";

    public static final String SOURCE_IP = "source.ip";
    public static final String SOURCE_PORT = "source.port";
    public static final String SOURCE_DOMAIN = "source.domain";
    public static final String DESTINATION_IP = "destination.ip";
    public static final String DESTINATION_PORT = "destination.port";
    public static final String DESTINATION_DOMAIN = "destination.domain";

    public static final String HOST_NAME = "host.name";
    public static final String HOST_HOSTNAME = "host.hostname";
    public static final String HOST_IP = "host.ip";

    public static final String PROCESS_NAME = "process.name";
    public static final String PROCESS_EXECUTABLE = "process.executable";
    public static final String PROCESS_COMMAND_LINE = "process.command_line";
    public static final String PROCESS_PID = "process.pid";
    public static final String PROCESS_THREAD_ID = "process.thread.id";
    public static final String PROCESS_PARENT_NAME = "process.parent.name";
    public static final String PROCESS_PARENT_EXECUTABLE = "process.parent.executable";
    public static final String PROCESS_PARENT_PID = "process.parent.pid";
    public static final String PROCESS_EXIT_CODE = "process.exit_code";

    public static final String SERVICE_NAME = "service.name";

    public static final String WINLOG_EVENT_ID = "winlog.event_id";
    public static final String WINLOG_RECORD_ID = "winlog.record_id";
    public static final String WINLOG_CHANNEL = "winlog.channel";
    public static final String WINLOG_COMPUTER_NAME = "winlog.computer_name";
    public static final String WINLOG_PROVIDER_NAME = "winlog.provider_name";
    public static final String WINLOG_PROVIDER_GUID = "winlog.provider_guid";
    public static final String WINLOG_TASK = "winlog.task";
    public static final String WINLOG_OPCODE = "winlog.opcode";
    public static final String WINLOG_KEYWORDS = "winlog.keywords";
    public static final String WINLOG_VERSION = "winlog.version";
    public static final String WINLOG_PROCESS_PID = "winlog.process.pid";
    public static final String WINLOG_PROCESS_THREAD_ID = "winlog.process.thread.id";
    public static final String WINLOG_USER_IDENTIFIER = "winlog.user.identifier";
    public static final String WINLOG_LOGON_ID = "winlog.logon.id";
    public static final String WINLOG_LOGON_TYPE = "winlog.logon.type";

    /** Prefix of every EventData / UserData field, kept verbatim by name. */
    public static final String WINLOG_EVENT_DATA = "winlog.event_data.";

    public static final String URL_PATH = "url.path";
    public static final String URL_QUERY = "url.query";
    public static final String URL_ORIGINAL = "url.original";
    public static final String URL_DOMAIN = "url.domain";
    public static final String URL_SCHEME = "url.scheme";
    public static final String HTTP_REQUEST_METHOD = "http.request.method";
    public static final String HTTP_REQUEST_ID = "http.request.id";
    public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
    public static final String HTTP_RESPONSE_BYTES = "http.response.body.bytes";
    public static final String HTTP_VERSION = "http.version";
    public static final String USER_AGENT_ORIGINAL = "user_agent.original";

    public static final String ERROR_MESSAGE = "error.message";
    public static final String ERROR_TYPE = "error.type";
    public static final String ERROR_STACK_TRACE = "error.stack_trace";

    public static final String RELATED_USER = "related.user";
    public static final String RELATED_IP = "related.ip";
    public static final String RELATED_HOSTS = "related.hosts";

    public static final String AIRFLOW_DAG_ID = "airflow.dag_id";
    public static final String AIRFLOW_RUN_ID = "airflow.run_id";
    public static final String AIRFLOW_RUN_TYPE = "airflow.run_type";
    public static final String AIRFLOW_LOGICAL_DATE = "airflow.logical_date";
    public static final String AIRFLOW_TASK_ID = "airflow.task_id";
    public static final String AIRFLOW_MAP_INDEX = "airflow.map_index";
    public static final String AIRFLOW_TRY_NUMBER = "airflow.try_number";
    public static final String AIRFLOW_STATE = "airflow.state";
    public static final String AIRFLOW_HOSTNAME = "airflow.hostname";
    public static final String AIRFLOW_OPERATOR = "airflow.operator";
    public static final String AIRFLOW_CONN_ID = "airflow.conn_id";
    public static final String AIRFLOW_REMOTE_HOST = "airflow.remote_host";

    /** Connection type of an Airflow connection ({@code winrm}, {@code ssh}, ...). */
    public static final String AIRFLOW_CONN_TYPE = "airflow.conn_type";

    /** The {@code schema} field of an Airflow connection (database, path), as written. */
    public static final String AIRFLOW_CONN_SCHEMA = "airflow.conn_schema";

    /**
     * The user part of an Airflow connection's login without its domain ({@code svc} for {@code
     * CORP\svc} or {@code svc@corp.example.com}); the login as written is {@code user.name}.
     */
    public static final String AIRFLOW_CONN_USER = "airflow.conn_user";

    /** An Airflow connection's {@code extra} JSON with every sensitive value masked. */
    public static final String AIRFLOW_CONN_EXTRA = "airflow.conn_extra";

    public static final String AIRFLOW_ACTION = "airflow.action";
    public static final String AIRFLOW_OWNER = "airflow.owner";
    public static final String AIRFLOW_TRIGGERING_USER = "airflow.triggering_user_name";
    public static final String AIRFLOW_TRIGGERED_BY = "airflow.triggered_by";

    /** The raw {@code extra} string of an Airflow event-log (audit) record. */
    public static final String AIRFLOW_AUDIT_EXTRA = "airflow.audit.extra";

    public static final String RUNTRAIL_RUN_KEY = "runtrail.run_key";
    public static final String RUNTRAIL_ATTEMPT_KEY = "runtrail.attempt_key";
    public static final String RUNTRAIL_SESSION_KEY = "runtrail.session_key";
    public static final String RUNTRAIL_MATCH_METHOD = "runtrail.match.method";
    public static final String RUNTRAIL_MATCH_CONFIDENCE = "runtrail.match.confidence";
    public static final String RUNTRAIL_REVISION = "runtrail.revision";
    public static final String RUNTRAIL_SOC2_CONTROLS = "runtrail.soc2.controls";

    /**
     * The time that is part of a correlated record's identity and never changes across revisions:
     * the logon time of a session, the logical date (or creation time) of a run, and the run's
     * logical date for an attempt. The Elasticsearch sink picks the monthly index by it, so every
     * revision of a record lands in the same index.
     */
    public static final String RUNTRAIL_KEY_TIME = "runtrail.key_time";

    /** Where the record came from: file path or topic/partition. */
    public static final String RUNTRAIL_SOURCE = "runtrail.source.name";

    /** Byte offset (files), record offset (Kafka) or record id of the raw record in its source. */
    public static final String RUNTRAIL_SOURCE_POSITION = "runtrail.source.position";

    /** Name of the parser format that produced the event, e.g. {@code evtx}. */
    public static final String RUNTRAIL_FORMAT = "runtrail.format";

    /**
     * Privileges named by a Windows event (4672 PrivilegeList, 4673/4674 PrivilegeList), one list
     * element per privilege; the raw string stays under {@code winlog.event_data.PrivilegeList}.
     */
    public static final String RUNTRAIL_PRIVILEGES = "runtrail.privileges";

    /**
     * A dead letter's raw bytes in base64, when they are not UTF-8 text (text goes to {@code
     * event.original}); secrets that text inside them spells are masked byte for byte first.
     */
    public static final String RUNTRAIL_RAW_BASE64 = "runtrail.raw.base64";

    /** Names of the redaction rules that changed this event. */
    public static final String RUNTRAIL_REDACTED = "runtrail.redacted";
}
