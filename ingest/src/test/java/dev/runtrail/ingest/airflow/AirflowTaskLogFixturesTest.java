package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written task log fixtures: hook messages, final states, and bad input. */
class AirflowTaskLogFixturesTest {
    private static final AirflowTaskLogFormat FORMAT = new AirflowTaskLogFormat();
    private static final String PATH_23 =
            "/opt/airflow/logs/dag_id=win_etl/run_id=manual__2024-05-01T12:00:00+00:00/"
                    + "task_id=copy/map_index=2/attempt=3.log";

    @Test
    void attemptFactsOfAnAirflow2WinRmTask() throws IOException {
        String log =
                """
                [2024-05-01T12:00:01.000+0000] {taskinstance.py:1157} INFO - Starting attempt 3 of 4
                [2024-05-01T12:00:01.010+0000] {taskinstance.py:1178} INFO - Executing <Task(WinRMOperator): copy> on 2024-05-01 12:00:00+00:00
                [2024-05-01T12:00:01.020+0000] {standard_task_runner.py:57} INFO - Started process 4242 to run task
                [2024-05-01T12:00:01.100+0000] {task_command.py:410} INFO - Running <TaskInstance: win_etl.copy manual__2024-05-01T12:00:00+00:00 map_index=2 [running]> on host worker-7.corp.example
                [2024-05-01T12:00:02.000+0000] {base.py:73} INFO - Using connection ID 'winrm_fileserver' for task execution.
                [2024-05-01T12:00:02.001+0000] {winrm.py:155} DEBUG - Creating WinRM client for conn_id: winrm_fileserver
                [2024-05-01T12:00:02.002+0000] {winrm.py:239} INFO - Establishing WinRM connection to host: fs01.corp.example
                [2024-05-01T12:00:03.000+0000] {winrm.py:250} INFO - Running command: 'robocopy a b'...
                [2024-05-01T12:00:09.000+0000] {taskinstance.py:1400} INFO - Marking task as UP_FOR_RETRY. dag_id=win_etl, task_id=copy, run_id=manual__2024-05-01T12:00:00+00:00, map_index=2, logical_date=20240501T120000, start_date=20240501T120001, end_date=20240501T120009
                [2024-05-01T12:00:09.500+0000] {local_task_job_runner.py:240} INFO - Task exited with return code 1
                """;
        Reads.Result r = Reads.read(FORMAT, PATH_23, log);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(10);
        String run = "manual__2024-05-01T12:00:00+00:00";
        String attemptKey = Keys.attempt("win_etl", run, "copy", 2, 3);
        assertThat(r.events())
                .allSatisfy(
                        e -> {
                            assertThat(e.getString(Ecs.RUNTRAIL_ATTEMPT_KEY)).isEqualTo(attemptKey);
                            assertThat(e.getString(Ecs.RUNTRAIL_RUN_KEY))
                                    .isEqualTo(Keys.run("win_etl", run));
                            assertThat(e.getLong(Ecs.AIRFLOW_MAP_INDEX)).isEqualTo(2L);
                            assertThat(e.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("manual");
                        });
        assertThat(r.event(0).timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:01Z"));
        assertThat(r.event(0).getString(Ecs.EVENT_ACTION)).isEqualTo("task-started");
        assertThat(r.event(1).getString(Ecs.AIRFLOW_OPERATOR)).isEqualTo("WinRMOperator");
        assertThat(r.event(2).getLong(Ecs.PROCESS_PID)).isEqualTo(4242L);
        EcsDocument host = r.event(3);
        assertThat(host.getString(Ecs.EVENT_ACTION)).isEqualTo("task-host");
        assertThat(host.getString(Ecs.AIRFLOW_HOSTNAME)).isEqualTo("worker-7.corp.example");
        assertThat(host.getString(Ecs.HOST_HOSTNAME)).isEqualTo("worker-7.corp.example");
        assertThat(r.event(4).getString(Ecs.EVENT_ACTION)).isEqualTo("remote-connection");
        assertThat(r.event(4).getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("winrm_fileserver");
        assertThat(r.event(5).getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("winrm_fileserver");
        EcsDocument remote = r.event(6);
        assertThat(remote.getString(Ecs.EVENT_ACTION)).isEqualTo("remote-connection");
        assertThat(remote.getString(Ecs.AIRFLOW_REMOTE_HOST)).isEqualTo("fs01.corp.example");
        assertThat(remote.getString(Ecs.DESTINATION_DOMAIN)).isEqualTo("fs01.corp.example");
        // the hook named the connection id two lines earlier
        assertThat(remote.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("winrm_fileserver");
        assertThat(r.event(7).has(Ecs.EVENT_ACTION)).isFalse();
        EcsDocument marking = r.event(8);
        assertThat(marking.getString(Ecs.AIRFLOW_STATE)).isEqualTo("up_for_retry");
        assertThat(marking.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(marking.getInstant(Ecs.EVENT_START))
                .isEqualTo(Instant.parse("2024-05-01T12:00:01Z"));
        assertThat(marking.getInstant(Ecs.EVENT_END))
                .isEqualTo(Instant.parse("2024-05-01T12:00:09Z"));
        EcsDocument exited = r.event(9);
        assertThat(exited.getString(Ecs.EVENT_ACTION)).isEqualTo("task-exited");
        assertThat(exited.getLong(Ecs.PROCESS_EXIT_CODE)).isEqualTo(1L);
    }

    @Test
    void psrpSshAndLegacyConnectionMessages() throws IOException {
        String log =
                """
                [2020-03-08 16:42:15,368] {logging_mixin.py:112} INFO - Running %s on host %s <TaskInstance: etl.load 2020-03-06T01:00:00+00:00 [running]> worker-1.local
                [2020-03-08 16:42:16,000] {base_hook.py:89} INFO - Using connection to: id: ssh_backup. Host: 10.1.2.3, Port: 22, Schema: None, Login: svc_backup, Password: XXXXXXXX, extra: {}
                [2020-03-08 16:42:16,100] {ssh_hook.py:150} DEBUG - Creating SSH client for conn_id: ssh_backup
                [2020-03-08 16:42:17,000] {psrp.py:120} INFO - Establishing WinRM connection psrp_dc to host: dc01.corp.example
                [2020-03-08 16:42:18,000] {taskinstance.py:1065} INFO - Marking task as SUCCESS.dag_id=etl, task_id=load, execution_date=20200306T010000, start_date=20200308T164215, end_date=20200308T164218
                """;
        Reads.Result r = Reads.read(FORMAT, "/logs/etl/load/2020-03-06T01:00:00+00:00/1.log", log);
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(5);
        assertThat(r.event(0).getString(Ecs.AIRFLOW_HOSTNAME)).isEqualTo("worker-1.local");
        EcsDocument legacy = r.event(1);
        assertThat(legacy.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("ssh_backup");
        assertThat(legacy.getString(Ecs.AIRFLOW_REMOTE_HOST)).isEqualTo("10.1.2.3");
        assertThat(legacy.getString(Ecs.DESTINATION_IP)).isEqualTo("10.1.2.3");
        assertThat(legacy.getString(Ecs.USER_NAME)).isEqualTo("svc_backup");
        assertThat(r.event(2).getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("ssh_backup");
        EcsDocument psrp = r.event(3);
        assertThat(psrp.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("psrp_dc");
        assertThat(psrp.getString(Ecs.AIRFLOW_REMOTE_HOST)).isEqualTo("dc01.corp.example");
        EcsDocument marking = r.event(4);
        assertThat(marking.getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
        assertThat(marking.getInstant(Ecs.AIRFLOW_LOGICAL_DATE))
                .isEqualTo(Instant.parse("2020-03-06T01:00:00Z"));
        // 1.10: the execution date stands where a run id would, so no run id is invented
        assertThat(marking.has(Ecs.AIRFLOW_RUN_ID)).isFalse();
        assertThat(marking.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);
    }

    @Test
    void sshOperatorLinesCarryTheConnectionIdNamedBefore() throws IOException {
        String log =
                """
                [2024-05-01T12:00:00.000+0000] {ssh.py:124} INFO - ssh_hook is not provided or invalid. Trying ssh_conn_id to create SSHHook.
                [2024-05-01T12:00:00.010+0000] {base.py:84} INFO - Using connection ID 'ssh_oracle' for task execution.
                [2024-05-01T12:00:00.020+0000] {ssh.py:134} INFO - Creating ssh_client
                [2024-05-01T12:00:00.300+0000] {transport.py:1909} INFO - Connected (version 2.0, client OpenSSH_8.0)
                """;
        Reads.Result r = Reads.read(FORMAT, PATH_23, log);
        assertThat(r.events()).hasSize(4);
        assertThat(r.event(0).has(Ecs.EVENT_ACTION)).isFalse();
        assertThat(r.events().subList(1, 4))
                .allSatisfy(
                        e -> {
                            assertThat(e.getString(Ecs.EVENT_ACTION))
                                    .isEqualTo("remote-connection");
                            assertThat(e.getString(Ecs.AIRFLOW_CONN_ID)).isEqualTo("ssh_oracle");
                        });
    }

    @Test
    void killedBySignalIsANegativeExitCode() throws IOException {
        Reads.Result r =
                Reads.read(
                        FORMAT,
                        PATH_23,
                        "[2024-05-01T12:00:00+0000] {local_task_job_runner.py:234} INFO - Task exited"
                                + " with return code Negsignal.SIGKILL\n");
        assertThat(r.event(0).getString(Ecs.EVENT_ACTION)).isEqualTo("task-exited");
        assertThat(r.event(0).getLong(Ecs.PROCESS_EXIT_CODE)).isEqualTo(-9L);
    }

    @Test
    void unknownTimezoneAbbreviationKeepsTheLineAndFlagsIt() throws IOException {
        Reads.Result r =
                Reads.read(FORMAT, PATH_23, "[2024-05-01, 12:00:00 XYZT] {x.py:1} INFO - hello\n");
        assertThat(r.events()).hasSize(1);
        assertThat(r.event(0).timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(r.event(0).get(Ecs.TAGS)).isEqualTo(List.of("airflow_timezone_unknown"));
    }

    @Test
    void badLinesAreDeadLetteredWithPositionAndReason() throws IOException {
        String log =
                "garbage before the first record\n" // 0: no record before it -> dead letter
                        + "  and its continuation\n" // joined to the line above
                        + "[2024-05-01T12:00:00+0000] {a.py:1} INFO - good one\n"
                        + "an unknown shape after a record\n" // continuation of "good one"
                        + "[2024-05-01 nonsense] {a.py:2} INFO - bad time\n"
                        + "[2024-05-01T12:00:01+0000] no origin here\n"
                        + "[2024-05-01T12:00:02+0000] {a.py:3} LOUD - bad level\n"
                        + "[2024-05-01T12:00:03+0000] {a.py:4} INFO - good two\n";
        Reads.Result r = Reads.read(FORMAT, PATH_23, log);
        assertThat(r.all()).hasSize(6);
        assertThat(r.events()).hasSize(2);
        assertThat(r.deadLetters()).hasSize(4);
        assertThat(r.event(0).getString(Ecs.MESSAGE))
                .isEqualTo("good one\nan unknown shape after a record");
        assertThat(r.event(1).getString(Ecs.MESSAGE)).isEqualTo("good two");

        DeadLetter top = r.deadLetters().get(0);
        assertThat(top.position()).isZero();
        assertThat(top.line()).isEqualTo(1);
        assertThat(top.reason()).contains("does not start with '['");
        assertThat(new String(top.raw(), StandardCharsets.UTF_8))
                .isEqualTo("garbage before the first record\n  and its continuation");

        DeadLetter badTime = r.deadLetters().get(1);
        assertThat(badTime.line()).isEqualTo(5);
        assertThat(badTime.position()).isEqualTo(log.indexOf("[2024-05-01 nonsense]"));
        assertThat(badTime.reason()).contains("expected an Airflow timestamp").contains("nonsense");
        assertThat(r.deadLetters().get(2).reason()).contains("expected '{file.py:line}'");
        assertThat(r.deadLetters().get(3).reason()).contains("expected a log level");
        assertThat(r.deadLetters())
                .allSatisfy(d -> assertThat(d.format()).isEqualTo("airflow-task-log"));
    }

    @Test
    void invalidUtf8IsOneDeadLetterAndReadingGoesOn() throws IOException {
        byte[] good =
                "[2024-05-01T12:00:00+0000] {a.py:1} INFO - ok\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'[', '2', '0', '2', '4', '-', (byte) 0xC3, (byte) 0x28, '\n'};
        byte[] all = new byte[good.length * 2 + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        System.arraycopy(good, 0, all, good.length + bad.length, good.length);
        Reads.Result r = Reads.read(FORMAT, InputSource.of(SourceRef.of(PATH_23), PATH_23, all));
        assertThat(r.events()).hasSize(2);
        assertThat(r.deadLetters())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.position()).isEqualTo(good.length);
                            assertThat(d.reason()).contains("Invalid UTF-8");
                        });
    }

    @Test
    void sameInputGivesSameIds() throws IOException {
        String log =
                "[2024-05-01T12:00:00+0000] {a.py:1} INFO - ok\n[2024-05-01T12:00:01+0000] {a.py:1} INFO - ok\n";
        Reads.Result a = Reads.read(FORMAT, PATH_23, log);
        Reads.Result b = Reads.read(FORMAT, PATH_23, log);
        assertThat(a.events())
                .extracting(EcsDocument::id)
                .doesNotContainNull()
                .doesNotHaveDuplicates();
        assertThat(a.events())
                .extracting(EcsDocument::id)
                .containsExactlyElementsOf(b.events().stream().map(EcsDocument::id).toList());
    }

    @Test
    void customTemplateIsTriedFirst() throws IOException {
        AirflowTaskLogFormat custom =
                new AirflowTaskLogFormat(
                        "{{ ti.dag_id }}/{{ ti.run_id }}/{{ ti.task_id }}/{{ try_number }}.log");
        Reads.Result r =
                Reads.read(
                        custom,
                        "/var/log/airflow/etl/scheduled__2024-01-01T00:00:00+00:00/load/2.log",
                        "[2024-05-01T12:00:00+0000] {a.py:1} INFO - ok\n");
        EcsDocument e = r.event(0);
        assertThat(e.getString(Ecs.AIRFLOW_DAG_ID)).isEqualTo("etl");
        assertThat(e.getString(Ecs.AIRFLOW_RUN_ID))
                .isEqualTo("scheduled__2024-01-01T00:00:00+00:00");
        assertThat(e.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("load");
        assertThat(e.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(2L);
        assertThat(e.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("scheduled");
    }
}
