package dev.runtrail.correlate;

import static dev.runtrail.correlate.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.correlate.link.LinkDecider;
import dev.runtrail.correlate.run.RunMachine;
import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs {@link Correlation#apply} on a MiniCluster over a small hand-built day. */
class CorrelationITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTestCluster.withTwoSlots();

    static final String DAG = "sql_export";
    static final String RUN = "manual__2026-03-02T10:00:00+00:00";
    static final TestEvents.Attempt EXTRACT = new TestEvents.Attempt(DAG, RUN, "extract", -1, 1);
    static final TestEvents.Attempt LOAD = new TestEvents.Attempt(DAG, RUN, "load", -1, 1);
    static final String SQL = "WIN-SQL01.corp.example.com";
    static final String WRK = "WIN-WRK01";

    static List<EcsDocument> day() {
        List<EcsDocument> in = new ArrayList<>();
        in.add(TestEvents.proxyTrigger(DAG, "alice@example.com", "alice@example.com", at(-1)));
        in.add(TestEvents.dagRun(DAG, RUN, "manual", "running", at(0), null));
        in.add(EXTRACT.started(at(5)));
        in.add(EXTRACT.host("worker-1", at(5)).put(Ecs.HOST_IP, "10.0.0.5"));
        in.add(EXTRACT.connects("win-sql01.corp.example.com", "CORP\\svc_airflow", at(10)));
        // 4672 logged in the same second as its 4624, and read first.
        in.add(
                TestEvents.privileges(
                        SQL, "0x3E7A1", at(11), "SeBackupPrivilege SeRestorePrivilege"));
        in.add(TestEvents.logon(SQL, "0x3E7A1", "svc_airflow", "CORP", "10.0.0.5", at(11)));
        in.add(
                TestEvents.process(
                        SQL,
                        "0x3e7a1",
                        at(12),
                        0x1f0,
                        "C:\\Windows\\System32\\sqlcmd.exe",
                        "sqlcmd -Q backup"));
        in.add(TestEvents.logon(SQL, "0x88001", "bob", "CORP", "10.0.0.99", at(20)));
        in.add(TestEvents.logoff(SQL, "0x3e7a1", at(50)));
        in.add(EXTRACT.finished("success", at(60)));
        in.add(LOAD.started(at(70)));
        in.add(LOAD.host("WIN-WRK01.corp.example.com", at(70)));
        in.add(TestEvents.logon(WRK, "0x5555", "svc_airflow", "CORP", "127.0.0.1", at(71)));
        in.add(
                TestEvents.process(
                        WRK,
                        "0x5555",
                        at(72),
                        0x2a0,
                        "C:\\Python311\\Scripts\\airflow.exe",
                        "airflow.exe tasks run sql_export load " + RUN + " --job-id 7 --raw"));
        in.add(TestEvents.logoff(WRK, "0x5555", at(99)));
        in.add(LOAD.finished("success", at(100)));
        EcsDocument done = TestEvents.dagRun(DAG, RUN, "manual", "success", at(0), null);
        done.put(Ecs.EVENT_END, at(101));
        in.add(done);
        return in;
    }

    @Test
    void joinsSessionsAttemptsAndTheHumanBehindTheRun() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<EcsDocument> input = day();
        CorrelatedStreams streams =
                Correlation.apply(
                        env.fromData(input, Tags.DOCUMENT), CorrelationSettings.defaults());

        List<EcsDocument> events = new ArrayList<>();
        Map<String, EcsDocument> latest = new HashMap<>();
        try (CloseableIterator<EcsDocument> it = streams.all().executeAndCollect()) {
            while (it.hasNext()) {
                EcsDocument d = it.next();
                if (d.kind() == Kind.EVENTS) {
                    events.add(d);
                } else {
                    latest.merge(d.id(), d, (a, b) -> revision(b) > revision(a) ? b : a);
                }
            }
        }

        assertThat(events).hasSize(input.size());
        String sqlSession = Keys.session("win-sql01", "0x3e7a1", at(11).toEpochMilli());
        String bobSession = Keys.session("win-sql01", "0x88001", at(20).toEpochMilli());
        String wrkSession = Keys.session("win-wrk01", "0x5555", at(71).toEpochMilli());
        assertThat(
                        events.stream()
                                .filter(
                                        e ->
                                                sqlSession.equals(
                                                        e.getString(Ecs.RUNTRAIL_SESSION_KEY))))
                .hasSize(4);

        EcsDocument s = latest.get(sqlSession);
        assertThat(s.kind()).isEqualTo(Kind.SESSIONS);
        assertThat(s.getString(Ecs.HOST_NAME)).isEqualTo(SQL);
        assertThat(s.getString(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
        assertThat(s.getString(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(s.getInstant(Ecs.EVENT_END)).isEqualTo(at(50));
        assertThat(s.get(Fields.SESSION_PRIVILEGES))
                .isEqualTo(List.of("SeBackupPrivilege", "SeRestorePrivilege"));
        assertThat(s.get(Fields.SESSION_PROCESS_COMMAND_LINE))
                .isEqualTo(List.of("sqlcmd -Q backup"));
        assertThat(s.getString(Ecs.RUNTRAIL_MATCH_METHOD))
                .isEqualTo(LinkDecider.TARGET_HOST_ACCOUNT_IP);
        assertThat(s.getString(Ecs.AIRFLOW_TASK_ID)).isEqualTo("extract");
        assertThat(s.getString(Ecs.AIRFLOW_RUN_ID)).isEqualTo(RUN);
        assertThat(s.getLong(Ecs.AIRFLOW_TRY_NUMBER)).isEqualTo(1L);

        assertThat(latest.get(bobSession).has(Ecs.RUNTRAIL_MATCH_METHOD)).isFalse();

        EcsDocument w = latest.get(wrkSession);
        assertThat(w.getString(Ecs.RUNTRAIL_MATCH_METHOD)).isEqualTo(LinkDecider.COMMAND_LINE);
        assertThat(w.getString(Ecs.RUNTRAIL_ATTEMPT_KEY)).isEqualTo(LOAD.key());

        EcsDocument extract = latest.get(EXTRACT.key());
        assertThat(extract.kind()).isEqualTo(Kind.ATTEMPTS);
        assertThat(extract.getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
        assertThat(extract.get(Ecs.RUNTRAIL_SESSION_KEY)).isEqualTo(List.of(sqlSession));
        assertThat(latest.get(LOAD.key()).get(Ecs.RUNTRAIL_SESSION_KEY))
                .isEqualTo(List.of(wrkSession));

        EcsDocument run = latest.get(Keys.run(DAG, RUN));
        assertThat(run.kind()).isEqualTo(Kind.RUNS);
        assertThat(run.getString(Ecs.AIRFLOW_RUN_TYPE)).isEqualTo("manual");
        assertThat(run.getString(Ecs.AIRFLOW_STATE)).isEqualTo("success");
        assertThat(run.getString(Ecs.USER_NAME)).isEqualTo("alice@example.com");
        assertThat(run.getString(Ecs.USER_EMAIL)).isEqualTo("alice@example.com");
        assertThat(run.getString(Ecs.RUNTRAIL_MATCH_METHOD)).isEqualTo(RunMachine.PROXY_TRIGGER);

        assertThat(s.getInstant(Ecs.RUNTRAIL_KEY_TIME)).isEqualTo(at(11));
        assertThat(extract.getInstant(Ecs.RUNTRAIL_KEY_TIME)).isEqualTo(at(0));
        assertThat(run.getInstant(Ecs.RUNTRAIL_KEY_TIME)).isEqualTo(at(0));
        assertThat(latest).hasSize(3 + 2 + 1);
    }

    private static long revision(EcsDocument d) {
        Long r = d.getLong(Ecs.RUNTRAIL_REVISION);
        return r == null ? 0 : r;
    }
}
