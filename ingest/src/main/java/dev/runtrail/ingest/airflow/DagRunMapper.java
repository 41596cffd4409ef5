package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Keys;
import java.time.Instant;
import java.util.Locale;

/**
 * One DAG run object of the REST API ({@code /api/v1} and {@code /api/v2} {@code dagRuns}, list
 * elements or a single POST/GET response). The document is an observation of the run in one state:
 * its id is (dag id, run id, state), so re-reading the same export gives the same ids while a later
 * export of the finished run is a new observation; correlation upserts the run itself by {@code
 * runtrail.run_key}.
 */
final class DagRunMapper implements JsonRecordMapper {
    @Override
    public EcsDocument map(JsonNode node) throws UnmappableRecord {
        String dag = JsonFields.text(node, "dag_id");
        String run = JsonFields.firstText(node, "dag_run_id", "run_id");
        if (dag == null || run == null) {
            throw new UnmappableRecord(
                    "expected an Airflow DAG run with 'dag_id' and 'dag_run_id', but "
                            + (dag == null ? "'dag_id'" : "'dag_run_id'")
                            + " is missing");
        }
        String state = JsonFields.text(node, "state");
        EcsDocument doc =
                EcsDocument.event(
                        Hashing.docId("airflow-dagrun", dag, run, state == null ? "" : state));
        Instant queued = JsonFields.instant(node, "queued_at");
        Instant start = JsonFields.instant(node, "start_date");
        Instant end = JsonFields.instant(node, "end_date");
        Instant logical = JsonFields.instant(node, "logical_date");
        if (logical == null) {
            logical = JsonFields.instant(node, "execution_date");
        }
        doc.put(Ecs.TIMESTAMP, first(queued, start, logical));
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.EVENT_MODULE, "airflow");
        doc.put(Ecs.AIRFLOW_DAG_ID, dag);
        doc.put(Ecs.AIRFLOW_RUN_ID, run);
        String runType = JsonFields.text(node, "run_type");
        doc.put(
                Ecs.AIRFLOW_RUN_TYPE,
                runType != null ? runType.toLowerCase(Locale.ROOT) : RunTypes.fromRunId(run));
        doc.put(Ecs.AIRFLOW_STATE, state == null ? null : state.toLowerCase(Locale.ROOT));
        doc.put(Ecs.AIRFLOW_LOGICAL_DATE, logical);
        doc.put(Ecs.EVENT_CREATED, queued != null ? queued : start);
        doc.put(Ecs.EVENT_START, start);
        doc.put(Ecs.EVENT_END, end);
        doc.put(Ecs.AIRFLOW_TRIGGERED_BY, JsonFields.text(node, "triggered_by"));
        String user = JsonFields.text(node, "triggering_user_name");
        doc.put(Ecs.AIRFLOW_TRIGGERING_USER, user);
        doc.add(Ecs.RELATED_USER, user);
        doc.put(Ecs.RUNTRAIL_RUN_KEY, Keys.run(dag, run));
        return doc;
    }

    private static Instant first(Instant... candidates) {
        for (Instant i : candidates) {
            if (i != null) {
                return i;
            }
        }
        return null;
    }
}
