package dev.runtrail.sampledata.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccuracyReportTest {
    private static final String TRUTH =
            """
            {"runs": [
              {"dag_id": "d", "run_id": "manual__1", "run_type": "manual", "triggered_by": "alice@corp.example"},
              {"dag_id": "d", "run_id": "manual__2", "run_type": "manual", "triggered_by": "bob@corp.example"},
              {"dag_id": "d", "run_id": "scheduled__3", "run_type": "scheduled", "triggered_by": "scheduler"}
             ],
             "attempts": [
              {"dag_id": "d", "run_id": "manual__1", "task_id": "t", "map_index": -1, "try_number": 1,
               "sessions": [{"host": "WIN-DB01.corp.example", "logon_id": "0x0000000000477fe",
                             "logon_time": "2024-05-01T00:07:02.2947604Z", "method": "host_account_ip"}]},
              {"dag_id": "d", "run_id": "manual__2", "task_id": "t", "map_index": -1, "try_number": 1,
               "sessions": [{"host": "WIN-DB01.corp.example", "logon_id": "0x50000",
                             "logon_time": "2024-05-01T01:00:00Z", "method": "command_line"}]}
             ]}
            """;

    private static EcsDocument session(
            String host, String logonId, String time, String attempt, String method) {
        return new EcsDocument(Kind.SESSIONS, host + logonId)
                .put(Ecs.HOST_NAME, host)
                .put(Ecs.WINLOG_LOGON_ID, logonId)
                .put(Ecs.TIMESTAMP, Instant.parse(time))
                .put(Ecs.RUNTRAIL_ATTEMPT_KEY, attempt)
                .put(Ecs.RUNTRAIL_MATCH_METHOD, method);
    }

    @Test
    void linksAreScoredAsPairsWithHostLogonIdAndTimeNormalized(@TempDir Path dir) throws Exception {
        Path truth = Files.writeString(dir.resolve("truth.json"), TRUTH);
        String a1 = Keys.attempt("d", "manual__1", "t", -1, 1);
        String a2 = Keys.attempt("d", "manual__2", "t", -1, 1);
        List<EcsDocument> out =
                List.of(
                        // right session (NetBIOS name, unpadded id, ms time) to the right attempt
                        session(
                                "win-db01",
                                "0x477fe",
                                "2024-05-01T00:07:02.294Z",
                                a1,
                                "host_account_ip"),
                        // right session, wrong attempt
                        session(
                                "WIN-DB01",
                                "0x50000",
                                "2024-05-01T01:00:00Z",
                                a1,
                                "host_account_time"),
                        // a noise session nobody should link, left unlinked: not counted
                        session("WIN-DB01", "0x3e7", "2024-05-01T01:00:00Z", null, null),
                        new EcsDocument(Kind.RUNS, Keys.run("d", "manual__1"))
                                .put(Ecs.AIRFLOW_RUN_TYPE, "manual")
                                .put(Ecs.USER_EMAIL, "Alice@corp.example")
                                .put(Ecs.RUNTRAIL_MATCH_METHOD, "proxy_trigger"),
                        new EcsDocument(Kind.RUNS, Keys.run("d", "manual__2"))
                                .put(Ecs.AIRFLOW_RUN_TYPE, "manual")
                                .put(Ecs.USER_NAME, "mallory"));

        AccuracyReport report = AccuracyReport.score(truth, out);

        assertThat(report.sessionLinks().truePositives()).isEqualTo(1);
        assertThat(report.sessionLinks().predicted()).isEqualTo(2);
        assertThat(report.sessionLinks().expected()).isEqualTo(2);
        assertThat(report.sessionLinks().precision()).isEqualTo(0.5);
        assertThat(report.sessionLinks().byMethod().get("truth:command_line"))
                .containsExactly(0, 0, 1);
        assertThat(report.runHumans().truePositives()).isEqualTo(1);
        assertThat(report.runHumans().predicted()).isEqualTo(2);
        assertThat(report.runHumans().expected()).isEqualTo(2);
    }

    @Test
    void theLatestRevisionOfEachDocumentCounts() {
        EcsDocument older =
                new EcsDocument(Kind.RUNS, "r")
                        .put(Ecs.RUNTRAIL_REVISION, 2L)
                        .put(Ecs.USER_NAME, "old");
        EcsDocument newer =
                new EcsDocument(Kind.RUNS, "r")
                        .put(Ecs.RUNTRAIL_REVISION, 3L)
                        .put(Ecs.USER_NAME, "new");

        assertThat(AccuracyReport.latest(List.of(newer, older)).get("r").getString(Ecs.USER_NAME))
                .isEqualTo("new");
    }
}
