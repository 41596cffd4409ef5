package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Airflow 3 structlog task logs and Elasticsearch task handler lines: golden tests on the shared
 * samples (values read from the files) and bad-input fixtures.
 */
class AirflowJsonTaskLogTest {
    private static final AirflowJsonTaskLogFormat STRUCTLOG = new AirflowJsonTaskLogFormat();
    private static final AirflowEsTaskLogFormat ES = new AirflowEsTaskLogFormat();

    @Test
    void airflow3LogSomething() throws IOException {
        Path file =
                Reads.sample(
                        "airflow/dag_id=test_logging_dag/run_id=manual__2025-05-19T17:29:27.655588+00:00/task_id=log_something/attempt=1.log");
        Reads.Result r = Reads.read(STRUCTLOG, file);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(7);
        String run = "manual__2025-05-19T17:29:27.655588+00:00";
        EcsDocument first = r.event(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2025-05-19T17:29:28.098930Z"));
        assertThat(first.getString(Ecs.MESSAGE)).isEqualTo("DAG bundles loaded: dags-folder");
        assertThat(first.getString(Ecs.LOG_LEVEL)).isEqualTo("info");
        assertThat(first.getString(Ecs.LOG_LOGGER))
                .isEqualTo("airflow.dag_processing.bundles.manager.DagBundlesManager");
        EcsDocument details = r.event(2);
        assertThat(details.getString(Ecs.EVENT_ACTION)).isEqualTo("task-started");
        assertThat(details.getString(Ecs.AIRFLOW_OPERATOR)).isEqualTo("PythonOperator");
        assertThat(details.getInstant(Ecs.EVENT_START))
                .isEqualTo(Instant.parse("2025-05-19T17:29:28.103058Z"));
        assertThat(r.event(4).getString(Ecs.LOG_LEVEL)).isEqualTo("warning");
        assertThat(r.event(5).getString(Ecs.LOG_LEVEL)).isEqualTo("error");
        for (EcsDocument e : r.events()) {
            assertThat(e.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("test_logging_dag");
            assertThat(e.getString(Ecs.AIRFLOW_RUN_ID)).isEqualTo(run);
            assertThat(e.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("log_something");
            assertThat(e.getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(-1L);
            assertThat(e.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
            assertThat(e.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("manual");
            assertThat(e.getString(Ecs.RUNTRAIL_ATTEMPT_KEY))
                    .isEqualTo(Keys.attempt("test_logging_dag", run, "log_something", -1, 1));
            assertThat(e.getString(Ecs.EVENT_DATASET)).isEqualTo("airflow.task");
        }
    }

    @Test
    void everyAirflow3SampleParsesCompletely() throws IOException {
        Path dir = Reads.samples().resolve("airflow/dag_id=test_logging_dag");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        assertThat(files).hasSize(6);
        for (Path file : files) {
            Reads.Result r = Reads.read(STRUCTLOG, file);
            long lines = Files.readAllLines(file).size();
            assertThat(r.deadLetters()).as(file.toString()).isEmpty();
            assertThat((long) r.events().size()).as(file.toString()).isEqualTo(lines);
            // log_another_thing has 5 lines, log_something 7 (counted in the files)
            assertThat(lines).isEqualTo(file.toString().contains("log_another_thing") ? 5 : 7);
            assertThat(Formats.detect(InputSource.of(file)))
                    .get()
                    .extracting(f -> f.name())
                    .isEqualTo(AirflowJsonTaskLogFormat.NAME);
        }
    }

    @Test
    void structlogBadLines() throws IOException {
        String path =
                "logs/dag_id=d/run_id=scheduled__2025-01-01T00:00:00+00:00/task_id=t/attempt=2.log";
        String log =
                "{\"timestamp\":\"2025-01-01T00:00:01.000001\",\"level\":\"info\",\"event\":\"one\"}\n"
                        + "{\"timestamp\":\"2025-01-01T00:00:02\",\"level\":\"info\",\"event\":\"cut\n"
                        + "[1,2,3]\n"
                        + "{\"level\":\"info\"}\n"
                        + "{\"timestamp\":\"yesterday\",\"event\":\"x\"}\n"
                        + "plain text from a subprocess\n"
                        + "{\"timestamp\":\"2025-01-01T00:00:03.5Z\",\"level\":\"error\",\"event\":\"Task failed\","
                        + "\"error_detail\":[{\"exc_type\":\"ValueError\",\"exc_value\":\"boom\"}],"
                        + "\"final_state\":\"FAILED\",\"exit_code\":1}\n";
        Reads.Result r = Reads.read(STRUCTLOG, path, log);
        assertThat(r.all()).hasSize(7);
        assertThat(r.events()).hasSize(2);
        assertThat(r.deadLetters()).hasSize(5);
        assertThat(r.deadLetters())
                .extracting(DeadLetter::line)
                .containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(r.deadLetters().get(0).reason()).contains("invalid JSON");
        assertThat(r.deadLetters().get(0).position())
                .isEqualTo(log.indexOf("{\"timestamp\":\"2025-01-01T00:00:02"));
        assertThat(r.deadLetters().get(1).reason()).contains("ARRAY instead of an object");
        assertThat(r.deadLetters().get(2).reason()).contains("'timestamp' and 'event'");
        assertThat(r.deadLetters().get(3).reason()).contains("'yesterday'");
        assertThat(r.deadLetters().get(4).reason()).contains("invalid JSON");
        EcsDocument failed = r.event(1);
        assertThat(failed.getString(Ecs.EVENT_ACTION)).isEqualTo("task-finished");
        assertThat(failed.getString(Ecs.AIRFLOW_STATE)).isEqualTo("failed");
        assertThat(failed.getLong(Ecs.PROCESS_EXIT_CODE)).isEqualTo(1L);
        assertThat(failed.getString(Ecs.ERROR_TYPE)).isEqualTo("ValueError");
        assertThat(failed.getString(Ecs.ERROR_MESSAGE)).isEqualTo("boom");
        assertThat(failed.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(2L);
        assertThat(failed.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("scheduled");
    }

    @Test
    void esHandlerLineWithLogIdAndOffsetUnderLog() throws IOException {
        Path file =
                Reads.sample("airflow/es_handler/es_json_airflow-issue-39323_Owen-CH-Leung.log");
        Reads.Result r = Reads.read(ES, file);
        assertThat(r.deadLetters()).isEmpty();
        EcsDocument e = r.events().get(0);
        assertThat(r.events()).hasSize(1);
        String logId =
                "elasticsearch_sql_dag-run_es_query-manual__2024-08-20T06:52:41.314339+00:00--1-1";
        assertThat(e.id()).isEqualTo(Hashing.docId("airflow-es-log", logId, "1724136762617922560"));
        assertThat(e.getLong(Ecs.LOG_OFFSET)).isEqualTo(1724136762617922560L);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-08-20T06:52:42.617Z"));
        assertThat(e.getString(Ecs.MESSAGE)).isEqualTo("::group::Pre task execution logs");
        assertThat(e.getString(Ecs.LOG_LEVEL)).isEqualTo("INFO");
        assertThat(e.getString(Ecs.LOG_ORIGIN_FILE_NAME)).isEqualTo("local_task_job_runner.py");
        assertThat(e.getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(123L);
        assertThat(e.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("elasticsearch_sql_dag");
        assertThat(e.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("run_es_query");
        // run id recovered from log_id, since the line has only execution_date
        assertThat(e.getString(Ecs.AIRFLOW_RUN_ID))
                .isEqualTo("manual__2024-08-20T06:52:41.314339+00:00");
        assertThat(e.getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(-1L);
        assertThat(e.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
        assertThat(e.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2024-08-20T06:52:41.314339Z"));
        assertThat(e.getString(Ecs.RUNTRAIL_ATTEMPT_KEY))
                .isEqualTo(
                        Keys.attempt(
                                "elasticsearch_sql_dag",
                                "manual__2024-08-20T06:52:41.314339+00:00",
                                "run_es_query",
                                -1,
                                1));
        assertThat(Formats.detect(InputSource.of(file)))
                .get()
                .extracting(f -> f.name())
                .isEqualTo(AirflowEsTaskLogFormat.NAME);
    }

    @Test
    void esHandler110LinesWithoutLogIdOrTime() throws IOException {
        Reads.Result a =
                Reads.read(
                        ES,
                        Reads.sample("airflow/es_handler/es_json_airflow-issue-10406_eyalzek.log"));
        assertThat(a.deadLetters()).isEmpty();
        EcsDocument e = a.events().get(0);
        assertThat(e.has(Ecs.TIMESTAMP)).as("asctime is null in the sample").isFalse();
        assertThat(e.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("hello_world");
        assertThat(e.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("hello_task_3");
        assertThat(e.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
        assertThat(e.getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(77L);
        assertThat(e.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2020-08-19T14:26:07.226064Z"));
        assertThat(e.has(Ecs.AIRFLOW_RUN_ID)).isFalse();

        Reads.Result b =
                Reads.read(
                        ES,
                        Reads.sample("airflow/es_handler/es_json_airflow-issue-11085_melle2.log"));
        EcsDocument f = b.events().get(0);
        assertThat(b.all()).hasSize(1);
        assertThat(f.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("stg_cam_asm_load");
        assertThat(f.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("asm_stage");
        assertThat(f.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2020-09-21T14:00:00Z"));
        assertThat(f.getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(670L);
    }

    @Test
    void esFilebeatOffsetMappedLogIdAndBadLine() throws IOException {
        String log =
                "{\"message\":\"Marking task as SUCCESS. dag_id=d, task_id=t, run_id=backfill__2024-01-01T00:00:00+00:00, map_index=4, logical_date=20240101T000000, start_date=20240102T000000, end_date=20240102T000100\","
                        + "\"levelname\":\"INFO\",\"asctime\":\"2024-01-02 00:01:00,250\",\"dag_id\":\"d\",\"task_id\":\"t\","
                        + "\"try_number\":2,\"log_id\":\"d-t-backfill__2024-01-01T00:00:00+00:00-4-2\",\"log\":{\"offset\":77}}\n"
                        + "{\"message\": \"no closing brace\"\n"
                        + "{\"foo\":1}\n";
        Reads.Result r = Reads.read(ES, "stdout.json", log);
        assertThat(r.events()).hasSize(1);
        assertThat(r.deadLetters()).hasSize(2);
        EcsDocument e = r.event(0);
        assertThat(e.id())
                .isEqualTo(
                        Hashing.docId(
                                "airflow-es-log",
                                "d-t-backfill__2024-01-01T00:00:00+00:00-4-2",
                                "77"));
        assertThat(e.getString(Ecs.AIRFLOW_RUN_ID))
                .isEqualTo("backfill__2024-01-01T00:00:00+00:00");
        assertThat(e.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("backfill");
        assertThat(e.getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(4L);
        assertThat(e.getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-01-02T00:01:00.250Z"));
        assertThat(r.deadLetters().get(0).line()).isEqualTo(2);
        assertThat(r.deadLetters().get(1).reason()).contains("'message' and 'levelname'");
    }
}
