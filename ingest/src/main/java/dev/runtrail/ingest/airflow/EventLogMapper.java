package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Keys;
import java.time.Instant;

/**
 * One record of Airflow's event log (the {@code log} table), as {@code /api/v1/eventLogs} (with
 * {@code execution_date}) and {@code /api/v2/eventLogs} (with {@code logical_date}) serve it; a
 * database export's {@code id} / {@code dttm} names are accepted too. The id comes from the event
 * log id and time, so the same record exported twice is one document.
 */
final class EventLogMapper implements JsonRecordMapper {
    @Override
    public EcsDocument map(JsonNode node) throws UnmappableRecord {
        String event = JsonFields.text(node, "event");
        String whenText = JsonFields.firstText(node, "when", "dttm");
        if (event == null || whenText == null) {
            throw new UnmappableRecord(
                    "expected an Airflow event-log record with 'event' and 'when', but "
                            + (event == null ? "'event'" : "'when'")
                            + " is missing");
        }
        Instant when = AirflowTime.parse(whenText);
        if (when == null) {
            throw new UnmappableRecord(
                    "expected an ISO-8601 time in 'when' but found '" + whenText + "'");
        }
        String logId = JsonFields.firstText(node, "event_log_id", "id");
        EcsDocument doc =
                EcsDocument.event(
                        logId == null
                                ? null
                                : Hashing.docId("airflow-eventlog", logId, when.toString()));
        doc.put(Ecs.TIMESTAMP, when);
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.EVENT_MODULE, "airflow");
        doc.put(Ecs.EVENT_ACTION, event);
        String owner = JsonFields.text(node, "owner");
        doc.put(Ecs.USER_NAME, owner);
        doc.add(Ecs.RELATED_USER, owner);
        String dag = JsonFields.text(node, "dag_id");
        String run = JsonFields.text(node, "run_id");
        String task = JsonFields.text(node, "task_id");
        Long map = JsonFields.number(node, "map_index");
        Long attempt = JsonFields.number(node, "try_number");
        doc.put(Ecs.AIRFLOW_DAG_ID, dag);
        doc.put(Ecs.AIRFLOW_RUN_ID, run);
        doc.put(Ecs.AIRFLOW_RUN_TYPE, RunTypes.fromRunId(run));
        doc.put(Ecs.AIRFLOW_TASK_ID, task);
        doc.put(Ecs.AIRFLOW_MAP_INDEX, map);
        doc.put(Ecs.AIRFLOW_TRY_NUMBER, attempt);
        doc.put(
                Ecs.AIRFLOW_LOGICAL_DATE,
                AirflowTime.parse(JsonFields.firstText(node, "logical_date", "execution_date")));
        doc.put(Ecs.AIRFLOW_AUDIT_EXTRA, JsonFields.text(node, "extra"));
        if (dag != null && run != null) {
            doc.put(Ecs.RUNTRAIL_RUN_KEY, Keys.run(dag, run));
            if (task != null && attempt != null) {
                doc.put(
                        Ecs.RUNTRAIL_ATTEMPT_KEY,
                        Keys.attempt(dag, run, task, map == null ? -1 : map, attempt));
            }
        }
        return doc;
    }
}
