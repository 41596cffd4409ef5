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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DAG-run and event-log JSON from Airflow's REST API: golden tests on the shared dagRuns samples,
 * and event-log fixtures written from the v1/v2 OpenAPI schemas (no real event-log response is in
 * the samples).
 */
class AirflowApiJsonTest {
    private static final AirflowDagRunFormat DAG_RUNS = new AirflowDagRunFormat();
    private static final AirflowEventLogFormat EVENT_LOGS = new AirflowEventLogFormat();

    @Test
    void v1DagRunListResponse() throws IOException {
        Path file =
                Reads.sample("airflow-api/dagRuns_v1_list_nahidhasan94-apache-airflow-api.json");
        Reads.Result r = Reads.read(DAG_RUNS, file);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(4); // "total_entries": 4
        // positions: byte offset of each element's "{" (the lines "    {" of the pretty print)
        String text = Files.readString(file);
        List<Long> starts = new ArrayList<>();
        for (int i = text.indexOf("\n    {"); i >= 0; i = text.indexOf("\n    {", i + 1)) {
            starts.add((long) i + 5);
        }
        assertThat(r.events())
                .extracting(e -> e.getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .containsExactlyElementsOf(starts);
        EcsDocument first = r.event(0);
        assertThat(first.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("example_trigger_target_dag");
        assertThat(first.getString(Ecs.AIRFLOW_RUN_ID)).isEqualTo("example_trigger_target_dag");
        assertThat(first.getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
        assertThat(first.getInstant(Ecs.EVENT_START))
                .isEqualTo(Instant.parse("2021-12-30T07:51:18.815929Z"));
        assertThat(first.getInstant(Ecs.EVENT_END))
                .isEqualTo(Instant.parse("2021-12-30T07:51:31.480677Z"));
        assertThat(first.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2021-12-30T07:36:37.752Z"));
        // no queued_at in 2.2: created and @timestamp fall back to start_date
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2021-12-30T07:51:18.815929Z"));
        assertThat(first.getInstant(Ecs.EVENT_CREATED))
                .isEqualTo(Instant.parse("2021-12-30T07:51:18.815929Z"));
        assertThat(first.has(Ecs.AIRFLOW_RUN_TYPE)).isFalse();
        assertThat(first.getString(Ecs.RUNTRAIL_RUN_KEY))
                .isEqualTo(Keys.run("example_trigger_target_dag", "example_trigger_target_dag"));
        assertThat(first.getString(Ecs.EVENT_ORIGINAL))
                .startsWith("{")
                .endsWith("}")
                .contains("\"message\": \"i am here\"");
        assertThat(first.getString(Ecs.EVENT_HASH))
                .isEqualTo(
                        Hashing.sha256Hex(
                                first.getString(Ecs.EVENT_ORIGINAL)
                                        .getBytes(StandardCharsets.UTF_8)));
        // "manual2021-..." lost its "__" in the README: no run type
        assertThat(r.event(1).has(Ecs.AIRFLOW_RUN_TYPE)).isFalse();
        EcsDocument last = r.event(3);
        assertThat(last.getString(Ecs.AIRFLOW_RUN_ID))
                .isEqualTo("manual__2021-12-30T07:55:27.528053+00:00");
        assertThat(last.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("manual");
        assertThat(last.getString(Ecs.EVENT_DATASET)).isEqualTo("airflow.dagrun");
        assertThat(Formats.detect(InputSource.of(file)))
                .get()
                .extracting(f -> f.name())
                .isEqualTo(AirflowDagRunFormat.NAME);
    }

    @Test
    void v2PostResponseWithTriggeringUser() throws IOException {
        Path file = Reads.sample("airflow-api/dagRuns_v2_post_wiki-eventstreamer_INSTALL2.json");
        Reads.Result r = Reads.read(DAG_RUNS, file);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(1);
        EcsDocument run = r.event(0);
        assertThat(run.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("db_conntest");
        assertThat(run.getString(Ecs.AIRFLOW_RUN_ID))
                .isEqualTo("manual__2025-12-11T21:00:00+00:00");
        assertThat(run.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("manual");
        assertThat(run.getString(Ecs.AIRFLOW_STATE)).isEqualTo("queued");
        assertThat(run.getString(Ecs.AIRFLOW_TRIGGERED_BY)).isEqualTo("rest_api");
        assertThat(run.getString(Ecs.AIRFLOW_TRIGGERING_USER)).isEqualTo("dagtrig");
        assertThat(run.timestamp()).isEqualTo(Instant.parse("2025-12-11T20:43:39.796346Z"));
        assertThat(run.getInstant(Ecs.EVENT_CREATED))
                .isEqualTo(Instant.parse("2025-12-11T20:43:39.796346Z"));
        assertThat(run.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2025-12-11T21:00:00Z"));
        assertThat(run.has(Ecs.EVENT_START)).isFalse();
        assertThat(run.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isZero();
        assertThat(Formats.detect(InputSource.of(file)))
                .get()
                .extracting(f -> f.name())
                .isEqualTo(AirflowDagRunFormat.NAME);
    }

    @Test
    void truncatedListResponseKeepsCompleteElementsAndDeadLettersTheRest() throws IOException {
        String json =
                "{\"dag_runs\": [\n"
                        + "  {\"dag_id\": \"a\", \"dag_run_id\": \"manual__1\", \"state\": \"running\"},\n"
                        + "  {\"dag_id\": \"a\", \"dag_run_id\": \"manual__2\", \"sta";
        Reads.Result r = Reads.read(DAG_RUNS, "runs.json", json);
        assertThat(r.events()).hasSize(1);
        DeadLetter dl = r.deadLetters().get(0);
        assertThat(r.deadLetters()).hasSize(1);
        long second = json.indexOf("{\"dag_id\": \"a\", \"dag_run_id\": \"manual__2\"");
        assertThat(dl.position()).isEqualTo(second);
        assertThat(new String(dl.raw(), StandardCharsets.UTF_8))
                .isEqualTo(json.substring((int) second));
        assertThat(dl.reason()).contains("well-formed JSON").contains("to the end of the input");
        assertThat(dl.format()).isEqualTo(AirflowDagRunFormat.NAME);
    }

    @Test
    void badElementsAreDeadLetteredAndReadingGoesOn() throws IOException {
        String json =
                "{\"total_entries\": 4, \"dag_runs\": [{\"dag_id\": \"a\", \"dag_run_id\": \"r1\"}, 42,"
                        + " {\"dag_run_id\": \"r3\"}, [1], {\"dag_id\": \"a\", \"run_id\": \"scheduled__x\","
                        + " \"state\": \"SUCCESS\", \"run_type\": \"scheduled\"}]}";
        Reads.Result r = Reads.read(DAG_RUNS, "runs.json", json);
        assertThat(r.all()).hasSize(5);
        assertThat(r.events()).hasSize(2);
        assertThat(r.deadLetters()).hasSize(3);
        assertThat(r.deadLetters().get(0).position()).isEqualTo(json.indexOf("42"));
        assertThat(r.deadLetters().get(0).reason()).contains("element 1 of 'dag_runs'");
        assertThat(r.deadLetters().get(1).reason()).contains("'dag_id' is missing");
        assertThat(new String(r.deadLetters().get(2).raw(), StandardCharsets.UTF_8))
                .isEqualTo("[1]");
        assertThat(r.event(1).getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
        assertThat(r.event(1).getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("scheduled");
    }

    @Test
    void notJsonAtAllIsOneDeadLetterAndEmptyInputNothing() throws IOException {
        Reads.Result r = Reads.read(DAG_RUNS, "runs.json", "<html>502 Bad Gateway</html>\n");
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.position()).isZero();
                            assertThat(d.rawLength())
                                    .isEqualTo("<html>502 Bad Gateway</html>\n".length());
                        });
        assertThat(Reads.read(DAG_RUNS, "runs.json", "").all()).isEmpty();
    }

    @Test
    void pagesAppendedToOneFileAreReadInTurn() throws IOException {
        String page =
                "{\"dag_runs\":[{\"dag_id\":\"a\",\"dag_run_id\":\"r%d\"}],\"total_entries\":2}";
        String json = String.format(page, 1) + "\n" + String.format(page, 2) + "\n";
        Reads.Result r = Reads.read(DAG_RUNS, "runs.json", json);
        assertThat(r.events())
                .extracting(e -> e.getString(Ecs.AIRFLOW_RUN_ID))
                .containsExactly("r1", "r2");
        assertThat(r.event(1).getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo(json.indexOf("{\"dag_id\":\"a\",\"dag_run_id\":\"r2\"}"));
    }

    @Test
    void prettyPrintedSingleRunAndTopLevelArray() throws IOException {
        String single =
                """
                {
                  "dag_run_id": "asset_triggered__2025-01-01T00:00:00+00:00",
                  "dag_id": "consumer",
                  "state": "running",
                  "start_date": "2025-01-01T00:00:05Z",
                  "conf": {"nested": {"deep": [1, 2]}}
                }
                """;
        Reads.Result r = Reads.read(DAG_RUNS, "run.json", single);
        assertThat(r.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.getString(Ecs.AIRFLOW_RUN_TYPE))
                                    .isEqualTo("asset_triggered");
                            assertThat(e.getString(Ecs.EVENT_ORIGINAL)).isEqualTo(single.strip());
                            assertThat(e.timestamp())
                                    .isEqualTo(Instant.parse("2025-01-01T00:00:05Z"));
                        });
        String array =
                "[{\"dag_id\":\"a\",\"dag_run_id\":\"r1\"},{\"dag_id\":\"a\",\"dag_run_id\":\"r2\"}]";
        Reads.Result arr = Reads.read(DAG_RUNS, "runs.json", array);
        assertThat(arr.events())
                .extracting(e -> e.getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .containsExactly(1L, (long) array.indexOf("{", 2));
    }

    // Written from the v1 OpenAPI EventLog schema (event_log_id, when, dag_id, task_id, run_id,
    // map_index, try_number, event, execution_date, owner, extra).
    private static final String V1_EVENT_LOGS =
            """
            {
              "event_logs": [
                {
                  "event_log_id": 101,
                  "when": "2024-05-01T12:00:00.123456+00:00",
                  "dag_id": "win_etl",
                  "task_id": null,
                  "run_id": null,
                  "map_index": null,
                  "try_number": null,
                  "event": "trigger",
                  "execution_date": "2024-05-01T12:00:00+00:00",
                  "owner": "alice",
                  "extra": "[('dag_id', 'win_etl'), ('origin', '/home')]"
                },
                {
                  "event_log_id": 102,
                  "when": "2024-05-01T12:05:00+00:00",
                  "dag_id": "win_etl",
                  "task_id": "copy",
                  "run_id": "manual__2024-05-01T12:00:00+00:00",
                  "map_index": -1,
                  "try_number": 1,
                  "event": "success",
                  "execution_date": "2024-05-01T12:00:00+00:00",
                  "owner": "airflow",
                  "extra": null
                }
              ],
              "total_entries": 2
            }
            """;

    @Test
    void v1EventLogResponse() throws IOException {
        Reads.Result r = Reads.read(EVENT_LOGS, "eventLogs.json", V1_EVENT_LOGS);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(2);
        EcsDocument trigger = r.event(0);
        assertThat(trigger.id())
                .isEqualTo(Hashing.docId("airflow-eventlog", "101", "2024-05-01T12:00:00.123456Z"));
        assertThat(trigger.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456Z"));
        assertThat(trigger.getString(Ecs.EVENT_ACTION)).isEqualTo("trigger");
        assertThat(trigger.getString(Ecs.USER_NAME)).isEqualTo("alice");
        assertThat(trigger.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("win_etl");
        assertThat(trigger.has(Ecs.AIRFLOW_TASK_ID)).isFalse();
        assertThat(trigger.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(trigger.getString(Ecs.AIRFLOW_AUDIT_EXTRA))
                .isEqualTo("[('dag_id', 'win_etl'), ('origin', '/home')]");
        assertThat(trigger.getString(Ecs.EVENT_DATASET)).isEqualTo("airflow.audit");
        EcsDocument success = r.event(1);
        String run = "manual__2024-05-01T12:00:00+00:00";
        assertThat(success.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("manual");
        assertThat(success.getString(Ecs.RUNTRAIL_ATTEMPT_KEY))
                .isEqualTo(Keys.attempt("win_etl", run, "copy", -1, 1));
        assertThat(success.has(Ecs.AIRFLOW_AUDIT_EXTRA)).isFalse();
        assertThat(Formats.detect("eventLogs.json", V1_EVENT_LOGS.getBytes(StandardCharsets.UTF_8)))
                .get()
                .extracting(f -> f.name())
                .isEqualTo(AirflowEventLogFormat.NAME);
    }

    @Test
    void v2EventLogsOnePerLineWithBadLines() throws IOException {
        // v2 EventLogResponse fields: event_log_id, when, dag_id, task_id, run_id, map_index,
        // try_number, event, logical_date, owner, extra, dag_display_name, task_display_name
        String lines =
                "{\"event_log_id\":7,\"when\":\"2025-06-01T08:00:00Z\",\"dag_id\":\"db_conntest\",\"task_id\":null,\"run_id\":\"manual__2025-06-01T08:00:00+00:00\",\"map_index\":null,\"try_number\":null,\"event\":\"trigger_dag_run\",\"logical_date\":\"2025-06-01T08:00:00Z\",\"owner\":\"dagtrig\",\"extra\":\"{\\\"method\\\": \\\"POST\\\"}\",\"dag_display_name\":\"db_conntest\",\"task_display_name\":null}\n"
                        + "{\"event_log_id\":8,\"when\":\"2025-06-01T08:00:05Z\",\"event\"\n"
                        + "{\"event_log_id\":9,\"event\":\"cli_task_run\"}\n"
                        + "{\"event_log_id\":10,\"when\":\"2025-06-01T08:01:00Z\",\"dag_id\":\"db_conntest\",\"task_id\":\"load\",\"run_id\":\"manual__2025-06-01T08:00:00+00:00\",\"map_index\":3,\"try_number\":2,\"event\":\"running\",\"logical_date\":\"2025-06-01T08:00:00Z\",\"owner\":\"airflow\",\"extra\":null}\n";
        Reads.Result r = Reads.read(EVENT_LOGS, "eventlogs.ndjson", lines);
        assertThat(r.all()).hasSize(4);
        assertThat(r.events()).hasSize(2);
        assertThat(r.deadLetters()).extracting(DeadLetter::line).containsExactly(2L, 3L);
        assertThat(r.deadLetters().get(0).reason()).contains("invalid JSON");
        assertThat(r.deadLetters().get(1).reason()).contains("'when' is missing");
        EcsDocument trigger = r.event(0);
        assertThat(trigger.getString(Ecs.EVENT_ACTION)).isEqualTo("trigger_dag_run");
        assertThat(trigger.getString(Ecs.USER_NAME)).isEqualTo("dagtrig");
        assertThat(trigger.getString(Ecs.AIRFLOW_AUDIT_EXTRA)).isEqualTo("{\"method\": \"POST\"}");
        assertThat(trigger.getString(Ecs.RUNTRAIL_RUN_KEY))
                .isEqualTo(Keys.run("db_conntest", "manual__2025-06-01T08:00:00+00:00"));
        EcsDocument running = r.event(1);
        assertThat(running.getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(3L);
        assertThat(running.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(2L);
        assertThat(running.getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo(lines.indexOf("{\"event_log_id\":10"));
    }

    @Test
    void truncatedEventLogResponse() throws IOException {
        String cut = V1_EVENT_LOGS.substring(0, V1_EVENT_LOGS.indexOf("\"owner\": \"airflow\""));
        Reads.Result r = Reads.read(EVENT_LOGS, "eventLogs.json", cut);
        assertThat(r.events()).hasSize(1);
        assertThat(r.deadLetters())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.position())
                                    .isEqualTo(cut.indexOf("{\n      \"event_log_id\": 102"));
                            assertThat(d.rawLength()).isEqualTo(cut.length() - d.position());
                        });
    }
}
