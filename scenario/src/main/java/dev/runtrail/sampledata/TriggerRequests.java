package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.AirflowTime;
import dev.runtrail.sampledata.airflow.AuditLog;
import dev.runtrail.sampledata.world.Human;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How a person starts a manual run: browsing to the DAG and pressing Trigger in the UI, or a script
 * calling the REST API — each leaves proxy lines and an Airflow event-log row.
 */
final class TriggerRequests {
    static final String API_USER_AGENT = "python-requests/2.31.0";

    private final SimState state;
    private final Outputs out;

    TriggerRequests(SimState state, Outputs out) {
        this.state = state;
        this.out = out;
    }

    /** Writes the trigger and returns its truth entry (null when the run had no proxy trigger). */
    Json trigger(RunPlan plan) {
        String dagId = plan.dag().dagId();
        Instant created = plan.createdAt();
        if (plan.anomalies().contains(AnomalyKind.MANUAL_RUN_WITHOUT_TRIGGER)) {
            String extra =
                    Json.object()
                            .put("host_name", "airflow-scheduler-0")
                            .put(
                                    "full_command",
                                    "['/home/airflow/.local/bin/airflow', 'dags', 'trigger', '"
                                            + dagId
                                            + "']")
                            .compact();
            out.audit.add(
                    AuditLog.Entry.ofDag(
                            created.minusMillis(20), "cli_dag_trigger", dagId, "airflow", extra));
            return null;
        }
        Human human = plan.trigger();
        if (state.chance(0.3)) {
            out.proxy.authSuccess(
                    created.minusSeconds(45),
                    human.ip(),
                    state.uuid(),
                    human.email(),
                    human.email().substring(0, human.email().indexOf('@')));
        }
        String ua = plan.viaApi() ? API_USER_AGENT : human.userAgent();
        Instant logged = created.plusMillis(state.between(60, 400));
        String requestId = state.uuid();
        String method = "POST";
        String path;
        if (plan.viaApi()) {
            path = "/api/v1/dags/" + dagId + "/dagRuns";
            out.airflowRequest(
                    human,
                    ua,
                    created.minusSeconds(state.between(5, 25)),
                    state.uuid(),
                    "GET",
                    "/api/v1/dags/" + dagId,
                    200,
                    (int) state.between(900, 1600),
                    0.04);
            out.airflowRequest(
                    human,
                    ua,
                    logged,
                    requestId,
                    method,
                    path,
                    200,
                    (int) state.between(600, 800),
                    seconds(created, logged));
            out.airflowRequest(
                    human,
                    ua,
                    logged.plusSeconds(state.between(5, 20)),
                    state.uuid(),
                    "GET",
                    path + "/" + encode(plan.runId()),
                    200,
                    (int) state.between(600, 800),
                    0.03);
            out.audit.add(
                    AuditLog.Entry.ofDag(
                            created.plusMillis(10),
                            "dag_run.create",
                            dagId,
                            human.airflowUser(),
                            "{\"conf\": {}}"));
        } else {
            String grid = "/dags/" + dagId + "/grid";
            path = "/dags/" + dagId + "/trigger?origin=" + encode(grid);
            out.airflowRequest(
                    human,
                    ua,
                    created.minusSeconds(state.between(8, 28)),
                    state.uuid(),
                    "GET",
                    grid,
                    200,
                    (int) state.between(20000, 60000),
                    0.2);
            out.airflowRequest(
                    human,
                    ua,
                    logged,
                    requestId,
                    method,
                    path,
                    302,
                    (int) state.between(250, 350),
                    seconds(created, logged));
            out.airflowRequest(
                    human,
                    ua,
                    logged.plusMillis(state.between(300, 900)),
                    state.uuid(),
                    "GET",
                    grid,
                    200,
                    (int) state.between(20000, 60000),
                    0.19);
            String extra =
                    "[('origin', '"
                            + grid
                            + "'), ('execution_date', '"
                            + AirflowTime.str(created)
                            + "'), ('conf', '{}')]";
            out.audit.add(
                    AuditLog.Entry.ofDag(
                            created.plusMillis(10), "trigger", dagId, human.airflowUser(), extra));
        }
        return Json.object()
                .put("time", logged.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("source_ip", human.ip())
                .put("method", method)
                .put("path", path)
                .put("request_id", requestId)
                .put("via", plan.viaApi() ? "api" : "ui");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }
}
