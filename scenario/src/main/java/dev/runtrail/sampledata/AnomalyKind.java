package dev.runtrail.sampledata;

/** The anomalies the generator injects; their names are the {@code kind} values in truth.json. */
enum AnomalyKind {
    /** A service-account logon from a worker with no task attempt behind it. */
    ORPHAN_SERVICE_SESSION("orphan_service_session"),
    /** SeDebugPrivilege in the 4672 of a DAG whose account normally lacks it. */
    UNEXPECTED_PRIVILEGE("unexpected_privilege"),
    /** A service account logging on interactively (RDP, type 10). */
    INTERACTIVE_SERVICE_LOGON("interactive_service_logon"),
    /** A manual run with no authenticated trigger request at the proxy. */
    MANUAL_RUN_WITHOUT_TRIGGER("manual_run_without_trigger"),
    /** A run's account creates a local user and adds it to Administrators (4720, 4732). */
    ACCOUNT_CHANGE_BY_RUN_ACCOUNT("account_change_by_run_account"),
    /** The Security log is cleared (1102) on a host runs use. */
    AUDIT_LOG_CLEARED("audit_log_cleared"),
    /** A task uses explicit credentials (4648) inside its session. */
    EXPLICIT_CREDENTIALS("explicit_credentials");

    private final String key;

    AnomalyKind(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
