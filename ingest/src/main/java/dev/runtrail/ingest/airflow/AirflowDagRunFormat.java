package dev.runtrail.ingest.airflow;

/**
 * Airflow DAG runs from the REST API: {@code /api/v1|v2/dags/{id}/dagRuns} list responses ({@code
 * {"dag_runs": [...]}}), single run objects (POST / GET one run), arrays, or one run per line.
 */
public final class AirflowDagRunFormat extends ApiJsonFormat {
    public static final String NAME = "airflow-dagrun-json";
    public static final String DATASET = "airflow.dagrun";

    public AirflowDagRunFormat() {
        super(
                NAME,
                DATASET,
                "dag_runs",
                "dag_run_id",
                DagRunMapper::new,
                "an Airflow DAG run object");
    }
}
