package dev.runtrail.ingest.airflow;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import java.io.IOException;
import java.util.Set;

/**
 * Airflow DAG runs from the REST API: {@code /api/v1|v2/dags/{id}/dagRuns} list responses ({@code
 * {"dag_runs": [...]}}), single run objects (POST / GET one run), arrays, or one run per line.
 */
public final class AirflowDagRunFormat implements Format {
    public static final String NAME = "airflow-dagrun-json";
    public static final String DATASET = "airflow.dagrun";

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
        if (Sniff.contains(head, "\"dag_runs\"")) {
            return 95;
        }
        return Sniff.contains(head, "\"dag_run_id\"") ? 85 : 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return ApiJson.open(
                input,
                NAME,
                DATASET,
                Set.of("dag_runs"),
                new DagRunMapper(),
                "an Airflow DAG run object");
    }
}
