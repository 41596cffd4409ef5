package dev.runtrail.correlate;

/**
 * Field names that correlation writes on its output documents, beyond those in {@link
 * dev.runtrail.model.Ecs}. Kept here so that other stages can read them without the model module
 * growing with every correlation detail.
 */
public final class Fields {
    private Fields() {}

    /** True on an event that arrived after the watermark had passed its timestamp. */
    public static final String LATE = "runtrail.late";

    /** Attempt keys that could own an ambiguous session. */
    public static final String MATCH_CANDIDATES = "runtrail.match.candidates";

    /** The host clock skew (host minus worker, ms) the link decision allowed for. */
    public static final String MATCH_SKEW_MS = "runtrail.match.skew_ms";

    /** Privileges assigned at logon (4672), one per element. */
    public static final String SESSION_PRIVILEGES = "runtrail.session.privileges";

    /**
     * Processes created in the session (4688), as parallel lists; "-" or -1 mark an absent value.
     */
    public static final String SESSION_PROCESS_TIME = "runtrail.session.processes.time";

    public static final String SESSION_PROCESS_PID = "runtrail.session.processes.pid";
    public static final String SESSION_PROCESS_PARENT_PID = "runtrail.session.processes.parent_pid";
    public static final String SESSION_PROCESS_EXECUTABLE = "runtrail.session.processes.executable";
    public static final String SESSION_PROCESS_COMMAND_LINE =
            "runtrail.session.processes.command_line";

    /** How many processes were not kept because the list reached its bound. */
    public static final String SESSION_PROCESSES_DROPPED = "runtrail.session.processes.dropped";

    /** The other half of a split-token logon (TargetLinkedLogonId), normalized hex. */
    public static final String SESSION_LINKED_LOGON_ID = "runtrail.session.linked_logon_id";

    /** Why the session ended: {@code logoff}, {@code ttl} or {@code superseded}. */
    public static final String SESSION_CLOSE_REASON = "runtrail.session.close_reason";

    /** Explicit-credential uses (4648) inside the session: {@code user@domain -> target}. */
    public static final String SESSION_EXPLICIT_CREDENTIALS =
            "runtrail.session.explicit_credentials";

    /** Account, group, service and scheduled-task changes made from the session. */
    public static final String SESSION_CHANGES = "runtrail.session.changes";

    /** Emission counter of the session builder; the linker derives the revision from it. */
    public static final String SESSION_SEQUENCE = "runtrail.session.sequence";

    /** True when the attempt has ended (finished line seen). */
    public static final String ATTEMPT_FINISHED = "runtrail.attempt.finished";

    /** Last time any line of the attempt was seen. */
    public static final String ATTEMPT_LAST_SEEN = "runtrail.attempt.last_seen";

    /** Who the run is attributed to: the triggering human, or {@code scheduler}. */
    public static final String IDENTITY_ACTOR = "runtrail.identity.actor";

    /**
     * The user Airflow itself recorded for the trigger (event log owner / triggering_user_name).
     */
    public static final String IDENTITY_AIRFLOW_USER = "runtrail.identity.airflow_user";

    /** True when the proxy-authenticated user and Airflow's record disagree. */
    public static final String IDENTITY_MISMATCH = "runtrail.identity.mismatch";

    /** True for a manual run without an authenticated trigger request in the proxy log. */
    public static final String IDENTITY_UNAUTHENTICATED = "runtrail.identity.unauthenticated";

    /** Source address of the trigger request. */
    public static final String IDENTITY_SOURCE_IP = "runtrail.identity.source_ip";

    /** Time of the trigger request. */
    public static final String IDENTITY_TRIGGER_TIME = "runtrail.identity.trigger_time";

    /** Fields the contract names that {@link dev.runtrail.model.Ecs} has no constant for yet. */
    public static final String AIRFLOW_TRIGGERED_BY = "airflow.triggered_by";

    public static final String AIRFLOW_AUDIT_EXTRA = "airflow.audit.extra";

    /** Host of the Airflow connection a remote-connection line names (from the connection). */
    public static final String CONNECTION_HOST = "runtrail.connection.host";

    /** Login of the Airflow connection a remote-connection line names (from the connection). */
    public static final String CONNECTION_LOGIN = "runtrail.connection.login";
}
