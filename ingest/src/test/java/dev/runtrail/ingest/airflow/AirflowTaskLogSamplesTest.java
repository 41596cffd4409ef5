package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Golden tests on the real Airflow 2.x text task logs in the shared samples. Expected values were
 * written by reading the sample files (see each test), not by running the parser.
 */
class AirflowTaskLogSamplesTest {
    private static final AirflowTaskLogFormat FORMAT = new AirflowTaskLogFormat();

    @Test
    void uiStyleTimestampsPre23PathAndRunIdFromTaskInstanceLine() throws IOException {
        Path file = Reads.sample("airflow/dag_id/task_id/2022-03-13T08:10:00+00:00/1.log");
        Reads.Result r = Reads.read(FORMAT, file);
        // 8 lines: one blank, one "-----" continuation -> 6 records
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(6);
        EcsDocument first = r.event(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2022-03-13T09:10:59Z"));
        assertThat(first.getString(Ecs.LOG_LEVEL)).isEqualTo("INFO");
        assertThat(first.getString(Ecs.LOG_ORIGIN_FILE_NAME)).isEqualTo("taskinstance.py");
        assertThat(first.getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(1027L);
        assertThat(first.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("dag_id");
        assertThat(first.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("task_id");
        assertThat(first.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
        assertThat(first.getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(-1L);
        assertThat(first.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2022-03-13T08:10:00Z"));
        // the path has no run id; the first line names the TaskInstance with it
        String runId = "scheduled__2022-03-13T08:10:00+00:00";
        assertThat(first.getString(Ecs.AIRFLOW_RUN_ID)).isEqualTo(runId);
        assertThat(first.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("scheduled");
        assertThat(first.getString(Ecs.RUNTRAIL_RUN_KEY)).isEqualTo(Keys.run("dag_id", runId));
        assertThat(first.getString(Ecs.RUNTRAIL_ATTEMPT_KEY))
                .isEqualTo(Keys.attempt("dag_id", runId, "task_id", -1, 1));
        // "INFO -" followed by the dashes line on the next physical line
        EcsDocument separator = r.event(4);
        assertThat(separator.getString(Ecs.MESSAGE)).isEqualTo("\n" + "-".repeat(80));
        assertThat(separator.getString(Ecs.EVENT_ORIGINAL)).contains("\n----");
        EcsDocument last = r.event(5);
        assertThat(last.getString(Ecs.MESSAGE)).isEqualTo("Starting attempt 1 of 3");
        assertThat(last.getString(Ecs.EVENT_ACTION)).isEqualTo("task-started");
        assertThat(last.getInstant(Ecs.EVENT_START))
                .isEqualTo(Instant.parse("2022-03-13T09:11:16Z"));
        // byte offset of the last line: everything before it
        String text = Files.readString(file);
        assertThat(last.getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo((long) text.lastIndexOf("[2022-03-13, 09:11:16 UTC]"));
    }

    @Test
    void sshTaskWithWestTimezoneMarkdownPidAndMarkingSuccess() throws IOException {
        Path file =
                Reads.sample(
                        "airflow/dag_id=CS00007002_Correcao_Dados_Oracle/run_id=CS00007002_Correcao_Dados_Oracle_WO0000000812045_2024-07-23T16:44:06.792767+01:00/task_id=remote_actions.ssh_command_remove_operator/attempt=1.log");
        Reads.Result r = Reads.read(FORMAT, file);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(4);
        String dag = "CS00007002_Correcao_Dados_Oracle";
        String run =
                "CS00007002_Correcao_Dados_Oracle_WO0000000812045_2024-07-23T16:44:06.792767+01:00";
        String task = "remote_actions.ssh_command_remove_operator";
        EcsDocument pid = r.event(0);
        // 16:45:35 WEST = 15:45:35 UTC
        assertThat(pid.timestamp()).isEqualTo(Instant.parse("2024-07-23T15:45:35Z"));
        assertThat(pid.getString(Ecs.EVENT_ACTION)).isEqualTo("task-pid");
        assertThat(pid.getLong(Ecs.PROCESS_PID)).isEqualTo(4029044L);
        assertThat(pid.getString(Ecs.MESSAGE)).contains("**4029044**");
        for (EcsDocument e : r.events()) {
            assertThat(e.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo(dag);
            assertThat(e.getString(Ecs.AIRFLOW_RUN_ID)).isEqualTo(run);
            assertThat(e.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo(task);
            assertThat(e.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
            assertThat(e.has(Ecs.AIRFLOW_RUN_TYPE)).as("custom run id has no type").isFalse();
            assertThat(e.getString(Ecs.RUNTRAIL_ATTEMPT_KEY))
                    .isEqualTo(Keys.attempt(dag, run, task, -1, 1));
        }
        EcsDocument marking = r.event(3);
        assertThat(marking.getString(Ecs.EVENT_ACTION)).isEqualTo("task-finished");
        assertThat(marking.getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
        assertThat(marking.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2024-07-23T15:44:06Z"));
        assertThat(marking.getInstant(Ecs.EVENT_START))
                .isEqualTo(Instant.parse("2024-07-23T15:45:35Z"));
        assertThat(marking.getInstant(Ecs.EVENT_END))
                .isEqualTo(Instant.parse("2024-07-23T15:45:36Z"));
    }

    @Test
    void tracebackStaysWithItsLine() throws IOException {
        Path file =
                Reads.sample(
                        "airflow/dag_id=test_bowrna/run_id=manual__2022-11-09T09:59:32.540415+00:00/task_id=failure_case/attempt=1.log");
        Reads.Result r = Reads.read(FORMAT, file);
        // 12 lines: an ERROR line with 8 traceback lines, then 3 DEBUG lines
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(4);
        EcsDocument error = r.event(0);
        assertThat(error.getString(Ecs.LOG_LEVEL)).isEqualTo("ERROR");
        assertThat(error.timestamp()).isEqualTo(Instant.parse("2022-11-09T09:59:40Z"));
        assertThat(error.getString(Ecs.MESSAGE))
                .startsWith("Task failed with exception\nTraceback (most recent call last):")
                .endsWith("Failure case test for cluster policy");
        assertThat(error.getString(Ecs.MESSAGE).split("\n")).hasSize(9);
        assertThat(error.getString(Ecs.ERROR_TYPE))
                .isEqualTo("airflow.exceptions.AirflowFailException");
        assertThat(error.getString(Ecs.ERROR_MESSAGE))
                .isEqualTo("Failure case test for cluster policy");
        assertThat(error.getString(Ecs.ERROR_STACK_TRACE)).startsWith("Traceback");
        assertThat(error.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("manual");
        assertThat(r.event(3).getString(Ecs.LOG_LEVEL)).isEqualTo("DEBUG");
        assertThat(r.event(3).getString(Ecs.MESSAGE))
                .isEqualTo("Clearing next_method and next_kwargs.");
    }

    @Test
    void winRmOperatorStartAndPid() throws IOException {
        Path file =
                Reads.sample(
                        "airflow/dag_id=winrm_connection_test/run_id=manual__2023-11-24T10:04:01.385245+00:00/task_id=wintask3/attempt=1.log");
        Reads.Result r = Reads.read(FORMAT, file);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(5);
        assertThat(r.event(0).timestamp()).isEqualTo(Instant.parse("2023-11-24T10:04:03Z"));
        EcsDocument starting = r.event(2);
        assertThat(starting.getString(Ecs.EVENT_ACTION)).isEqualTo("task-started");
        assertThat(starting.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
        EcsDocument executing = r.event(3);
        assertThat(executing.getString(Ecs.EVENT_ACTION)).isEqualTo("task-started");
        assertThat(executing.getString(Ecs.AIRFLOW_OPERATOR)).isEqualTo("WinRMOperator");
        assertThat(executing.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2023-11-24T10:04:01.385245Z"));
        EcsDocument pid = r.event(4);
        assertThat(pid.getLong(Ecs.PROCESS_PID)).isEqualTo(11745L);
        assertThat(pid.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("winrm_connection_test");
        assertThat(pid.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("wintask3");
        assertThat(pid.getString(Ecs.AIRFLOW_RUN_ID))
                .isEqualTo("manual__2023-11-24T10:04:01.385245+00:00");
    }

    @Test
    void debugDependencyLines() throws IOException {
        Path file =
                Reads.sample(
                        "airflow/move_dag/deduplicate_unified_delta_bkg_offer/2022-01-26T03:00:00+00:00/1.log");
        Reads.Result r = Reads.read(FORMAT, file);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(3);
        assertThat(r.events())
                .allSatisfy(e -> assertThat(e.getString(Ecs.LOG_LEVEL)).isEqualTo("DEBUG"));
        EcsDocument first = r.event(0);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2022-01-27T03:09:36Z"));
        assertThat(first.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("move_dag");
        assertThat(first.getString(Ecs.AIRFLOW_TASK_ID))
                .isEqualTo("deduplicate_unified_delta_bkg_offer");
        assertThat(first.getString(Ecs.AIRFLOW_RUN_ID))
                .isEqualTo("scheduled__2022-01-26T03:00:00+00:00");
        assertThat(first.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2022-01-26T03:00:00Z"));
    }

    @Test
    void airflow20DoubleBraceOriginAndNoRunId() throws IOException {
        Path file = Reads.sample("airflow/my_dag/my_task/2021-03-23T07:56:28.535261+00:00/1.log");
        Reads.Result r = Reads.read(FORMAT, file);
        // 10 lines, two of them dashes continuing "INFO -" lines -> 8 records
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(8);
        EcsDocument first = r.event(0);
        // asctime without zone is read as UTC
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2021-03-23T09:57:29.977Z"));
        assertThat(first.getString(Ecs.LOG_ORIGIN_FILE_NAME)).isEqualTo("taskinstance.py");
        assertThat(first.getLong(Ecs.LOG_ORIGIN_FILE_LINE)).isEqualTo(851L);
        assertThat(first.getString(Ecs.MESSAGE)).startsWith("Dependencies all met for");
        EcsDocument executing = r.event(5);
        assertThat(executing.getString(Ecs.AIRFLOW_OPERATOR)).isEqualTo("BashOperator");
        assertThat(r.event(6).getLong(Ecs.PROCESS_PID)).isEqualTo(3461L);
        // Airflow 2.0 names the execution date, never a run id: no run id, so no keys
        for (EcsDocument e : r.events()) {
            assertThat(e.has(Ecs.AIRFLOW_RUN_ID)).isFalse();
            assertThat(e.has(Ecs.RUNTRAIL_ATTEMPT_KEY)).isFalse();
            assertThat(e.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                    .isEqualTo(Instant.parse("2021-03-23T07:56:28.535261Z"));
        }
    }

    @Test
    void detectorPicksTheTextFormatForEveryTextSample() throws IOException {
        for (String sample :
                new String[] {
                    "airflow/dag_id/task_id/2022-03-13T08:10:00+00:00/1.log",
                    "airflow/my_dag/my_task/2021-03-23T07:56:28.535261+00:00/1.log",
                    "airflow/move_dag/deduplicate_unified_delta_bkg_offer/2022-01-26T03:00:00+00:00/1.log"
                }) {
            assertThat(Formats.detect(dev.runtrail.ingest.InputSource.of(Reads.sample(sample))))
                    .get()
                    .extracting(f -> f.name())
                    .isEqualTo(AirflowTaskLogFormat.NAME);
        }
    }
}
