package dev.runtrail.ingest.airflow;

/**
 * Airflow's audit trail: {@code /api/v1/eventLogs} and {@code /api/v2/eventLogs} responses ({@code
 * {"event_logs": [...], "total_entries": N}}), top-level arrays of records, or one record per line.
 */
public final class AirflowEventLogFormat extends ApiJsonFormat {
    public static final String NAME = "airflow-eventlog-json";
    public static final String DATASET = "airflow.audit";

    public AirflowEventLogFormat() {
        super(
                NAME,
                DATASET,
                "event_logs",
                "event_log_id",
                EventLogMapper::new,
                "an Airflow event-log record");
    }
}
