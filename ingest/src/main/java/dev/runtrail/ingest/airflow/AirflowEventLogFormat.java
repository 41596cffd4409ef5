package dev.runtrail.ingest.airflow;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import java.io.IOException;
import java.util.Set;

/**
 * Airflow's audit trail: {@code /api/v1/eventLogs} and {@code /api/v2/eventLogs} responses ({@code
 * {"event_logs": [...], "total_entries": N}}), top-level arrays of records, or one record per line.
 */
public final class AirflowEventLogFormat implements Format {
    public static final String NAME = "airflow-eventlog-json";
    public static final String DATASET = "airflow.audit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String dataset() {
        return DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        if (Sniff.contains(head, "\"event_logs\"")) {
            return 95;
        }
        return Sniff.contains(head, "\"event_log_id\"") ? 85 : 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return ApiJson.open(
                input,
                NAME,
                DATASET,
                Set.of("event_logs"),
                new EventLogMapper(),
                "an Airflow event-log record");
    }
}
