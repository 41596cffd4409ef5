package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.AirflowTime;
import dev.runtrail.sampledata.airflow.AuditLog;
import dev.runtrail.sampledata.world.Human;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

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
                    new AuditLog.Entry(
                            created.minusMillis(20),
                            "cli_dag_trigger",
                            dagId,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "airflow",
                            extra));
            return null;
        }
        Human human = plan.trigger();
        if (state.chance(0.3)) {
            out.proxy.authSuccess(
                    created.minusSeconds(45),
                    human.ip(),
                    requestId(),
                    human.email(),
                    human.email().substring(0, human.email().indexOf('@')));
        }
        String ua = plan.viaApi() ? API_USER_AGENT : human.userAgent();
        Instant logged = created.plusMillis(state.between(60, 400));
        String requestId = requestId();
        String method = "POST";
        String path;
        if (plan.viaApi()) {
            path = "/api/v1/dags/" + dagId + "/dagRuns";
            out.proxy.request(
                    created.minusSeconds(state.between(5, 25)),
                    human.ip(),
                    requestId(),
                    human.email(),
                    "GET",
                    "/",
                    "/api/v1/dags/" + dagId,
                    ua,
                    200,
                    (int) state.between(900, 1600),
                    0.04);
            out.proxy.request(
                    logged,
                    human.ip(),
                    requestId,
                    human.email(),
                    method,
                    "/",
                    path,
                    ua,
                    200,
                    (int) state.between(600, 800),
                    seconds(created, logged));
            out.proxy.request(
                    logged.plusSeconds(state.between(5, 20)),
                    human.ip(),
                    requestId(),
                    human.email(),
                    "GET",
                    "/",
                    path + "/" + encode(plan.runId()),
                    ua,
                    200,
                    (int) state.between(600, 800),
                    0.03);
            out.audit.add(
                    new AuditLog.Entry(
                            created.plusMillis(10),
                            "dag_run.create",
                            dagId,
                            null,
                            null,
                            null,
                            null,
                            null,
                            human.airflowUser(),
                            "{\"conf\": {}}"));
        } else {
            String grid = "/dags/" + dagId + "/grid";
            path = "/dags/" + dagId + "/trigger?origin=" + encode(grid);
            out.proxy.request(
                    created.minusSeconds(state.between(8, 28)),
                    human.ip(),
                    requestId(),
                    human.email(),
                    "GET",
                    "/",
                    grid,
                    ua,
                    200,
                    (int) state.between(20000, 60000),
                    0.2);
            out.proxy.request(
                    logged,
                    human.ip(),
                    requestId,
                    human.email(),
                    method,
                    "/",
                    path,
                    ua,
                    302,
                    (int) state.between(250, 350),
                    seconds(created, logged));
            out.proxy.request(
                    logged.plusMillis(state.between(300, 900)),
                    human.ip(),
                    requestId(),
                    human.email(),
                    "GET",
                    "/",
                    grid,
                    ua,
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
                    new AuditLog.Entry(
                            created.plusMillis(10),
                            "trigger",
                            dagId,
                            null,
                            null,
                            null,
                            null,
                            null,
                            human.airflowUser(),
                            extra));
        }
        return Json.object()
                .put("time", logged.truncatedTo(ChronoUnit.SECONDS).toString())
                .put("source_ip", human.ip())
                .put("method", method)
                .put("path", path)
                .put("request_id", requestId)
                .put("via", plan.viaApi() ? "api" : "ui");
    }

    private String requestId() {
        return new UUID(state.random.nextLong(), state.random.nextLong()).toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }
}
