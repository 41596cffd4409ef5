package dev.runtrail.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.sampledata.ScenarioOutput.WinRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** truth.json agrees with the files it describes: logs, proxy triggers, audit rows, anomalies. */
class TruthConsistencyTest {
    private static final Pattern PROXY =
            Pattern.compile(
                    "^(\\S+) - (\\S+) - (\\S+) \\[(\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d)] \\S+ (GET|POST|PATCH|DELETE) \\S+ \"([^\"]*)\".*$");
    private static final DateTimeFormatter PROXY_TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private record Request(String user, Instant time, String method, String uri) {}

    static ScenarioOutput output;
    static List<Request> requests;

    @BeforeAll
    static void read() throws Exception {
        output = new ScenarioOutput(Path.of("../sample-data"));
        requests =
                Files.readAllLines(output.dir.resolve("proxy/oauth2-proxy.log")).stream()
                        .map(PROXY::matcher)
                        .filter(Matcher::matches)
                        .map(
                                m ->
                                        new Request(
                                                m.group(3),
                                                LocalDateTime.parse(m.group(4), PROXY_TIME)
                                                        .toInstant(ZoneOffset.UTC),
                                                m.group(5),
                                                m.group(6)))
                        .toList();
    }

    @Test
    void everyAttemptHasItsTaskLogAndEveryTaskLogAnAttempt() throws Exception {
        long files;
        try (Stream<Path> walk = Files.walk(output.dir.resolve("airflow/logs"))) {
            files = walk.filter(p -> p.toString().endsWith(".log")).count();
        }
        assertThat(output.truth.get("attempts").size()).isEqualTo((int) files);
        for (JsonNode a : output.truth.get("attempts")) {
            List<String> lines = Files.readAllLines(output.logFile(a));
            assertThat(lines).anyMatch(l -> l.endsWith("> on host " + a.get("worker").asText()));
            assertThat(lines)
                    .anyMatch(
                            l ->
                                    l.contains(
                                            "Starting attempt "
                                                    + a.get("try_number").asInt()
                                                    + " of "));
            assertThat(lines)
                    .anyMatch(
                            l ->
                                    l.contains(
                                            "Marking task as "
                                                    + a.get("state").asText().toUpperCase()));
        }
    }

    @Test
    void everyManualRunHasItsAuthenticatedTriggerExceptTheInjectedOne() {
        Set<String> hidden = new HashSet<>();
        for (JsonNode anomaly : output.truth.get("anomalies")) {
            if (anomaly.get("kind").asText().equals("manual_run_without_trigger")) {
                hidden.add(anomaly.get("run_id").asText());
            }
        }
        assertThat(hidden).isNotEmpty();
        int manual = 0;
        for (JsonNode run : output.truth.get("runs")) {
            String dagId = run.get("dag_id").asText();
            String runId = run.get("run_id").asText();
            if (!run.get("run_type").asText().equals("manual")) {
                assertThat(runId).startsWith("scheduled__");
                assertThat(run.get("triggered_by").asText()).isEqualTo("scheduler");
                continue;
            }
            manual++;
            Instant created =
                    Instant.parse(runId.substring("manual__".length()).replace("+00:00", "Z"));
            List<Request> triggers =
                    requests.stream()
                            .filter(
                                    r ->
                                            r.method().equals("POST")
                                                    && isTrigger(r.uri(), dagId)
                                                    && Duration.between(created, r.time())
                                                                    .abs()
                                                                    .compareTo(
                                                                            Duration.ofSeconds(120))
                                                            <= 0)
                            .toList();
            if (hidden.contains(runId)) {
                assertThat(triggers).isEmpty();
                assertThat(run.get("triggered_by").isNull()).isTrue();
            } else {
                assertThat(triggers).hasSize(1);
                Request trigger = triggers.get(0);
                assertThat(trigger.user()).isEqualTo(run.get("triggered_by").asText());
                assertThat(Duration.between(created, trigger.time()).abs())
                        .isLessThan(Duration.ofSeconds(2));
            }
        }
        assertThat(manual).isGreaterThan(hidden.size());
    }

    private static boolean isTrigger(String uri, String dagId) {
        return uri.equals("/api/v1/dags/" + dagId + "/dagRuns")
                || uri.startsWith("/dags/" + dagId + "/trigger");
    }

    @Test
    void theAuditLogNamesTheAirflowUserOfEachTrigger() throws Exception {
        JsonNode audit =
                ScenarioOutput.JSON.readTree(output.dir.resolve("airflow/eventLogs.json").toFile());
        assertThat(audit.get("total_entries").asInt()).isEqualTo(audit.get("event_logs").size());
        for (JsonNode run : output.truth.get("runs")) {
            if (run.get("trigger").isNull()) {
                continue;
            }
            boolean found = false;
            for (JsonNode row : audit.get("event_logs")) {
                String event = row.get("event").asText();
                found |=
                        (event.equals("trigger") || event.equals("dag_run.create"))
                                && row.get("dag_id").asText().equals(run.get("dag_id").asText())
                                && row.get("owner")
                                        .asText()
                                        .equals(run.get("airflow_user").asText());
            }
            assertThat(found).as("audit row for " + run).isTrue();
        }
    }

    @Test
    void everyInjectedAnomalyKindIsPresentAndItsRecordsExist() {
        Set<String> kinds = new HashSet<>();
        for (JsonNode anomaly : output.truth.get("anomalies")) {
            kinds.add(anomaly.get("kind").asText());
            for (JsonNode rec : anomaly.get("records")) {
                int eventId = rec.get("event_id").asInt();
                String field = eventId == 4624 ? "TargetLogonId" : "SubjectLogonId";
                List<WinRecord> matching =
                        output.onHost(rec.get("host").asText()).stream()
                                .filter(
                                        r ->
                                                r.eventId() == eventId
                                                        && rec.get("logon_id")
                                                                .asText()
                                                                .equals(r.get(field))
                                                        && ScenarioOutput.sameTime(
                                                                r, rec.get("time").asText()))
                                .toList();
                assertThat(matching).as(rec.toString()).hasSize(1);
            }
        }
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        "orphan_service_session",
                        "unexpected_privilege",
                        "interactive_service_logon",
                        "manual_run_without_trigger",
                        "account_change_by_run_account",
                        "audit_log_cleared",
                        "explicit_credentials");
    }

    @Test
    void theUnexpectedPrivilegeIsNotInTheBaselineOfItsDag() {
        JsonNode anomaly = null;
        for (JsonNode a : output.truth.get("anomalies")) {
            if (a.get("kind").asText().equals("unexpected_privilege")) {
                anomaly = a;
            }
        }
        JsonNode rec = anomaly.get("records").get(0);
        String dagId = anomaly.get("dag_id").asText();
        int withDebug = 0;
        for (JsonNode attempt : output.truth.get("attempts")) {
            if (!attempt.get("dag_id").asText().equals(dagId)) {
                continue;
            }
            for (JsonNode session : attempt.get("sessions")) {
                String id = session.get("logon_id").asText();
                boolean debug =
                        output.onHost(session.get("host").asText()).stream()
                                .anyMatch(
                                        r ->
                                                r.eventId() == 4672
                                                        && id.equals(r.get("SubjectLogonId"))
                                                        && r.get("PrivilegeList")
                                                                .contains("SeDebugPrivilege"));
                if (debug) {
                    withDebug++;
                    assertThat(id).isEqualTo(rec.get("logon_id").asText());
                }
            }
        }
        assertThat(withDebug).isEqualTo(1);
    }

    /** The orphan logon must not fall inside any attempt window of that host and account. */
    @Test
    void theOrphanServiceSessionHasNoAttemptThatCouldExplainIt() {
        JsonNode orphan = null;
        for (JsonNode n : output.truth.get("noise_sessions")) {
            if (n.get("kind").asText().equals("orphan_service")) {
                orphan = n;
            }
        }
        assertThat(orphan).isNotNull();
        Instant logon = Instant.parse(orphan.get("logon_time").asText());
        for (JsonNode attempt : output.truth.get("attempts")) {
            for (JsonNode session : attempt.get("sessions")) {
                if (!session.get("host").asText().equals(orphan.get("host").asText())
                        || !session.get("account")
                                .asText()
                                .equals(orphan.get("account").asText())) {
                    continue;
                }
                Instant start = Instant.parse(attempt.get("start").asText().replace("+00:00", "Z"));
                Instant end = Instant.parse(attempt.get("end").asText().replace("+00:00", "Z"));
                boolean inside =
                        !logon.isBefore(start.minusSeconds(120))
                                && !logon.isAfter(end.plusSeconds(120));
                assertThat(inside).as("orphan inside " + attempt).isFalse();
            }
        }
    }
}
