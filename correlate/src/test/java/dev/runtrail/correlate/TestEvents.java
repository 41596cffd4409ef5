package dev.runtrail.correlate;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Keys;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builders for the events correlation reads, setting the fields of the event contract directly (no
 * parser involved). Ids are deterministic per builder call order.
 */
public final class TestEvents {
    private TestEvents() {}

    /** A named instant every scenario starts from. */
    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static final AtomicLong SEQ = new AtomicLong();

    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static EcsDocument windows(String host, String logonId, int code, Instant at) {
        EcsDocument e =
                EcsDocument.event(Hashing.docId("test", Long.toString(SEQ.incrementAndGet())));
        e.put(Ecs.TIMESTAMP, at);
        e.put(Ecs.EVENT_DATASET, "windows.security");
        e.put(Ecs.EVENT_CODE, Integer.toString(code));
        e.put(Ecs.WINLOG_EVENT_ID, (long) code);
        e.put(Ecs.HOST_NAME, host);
        e.put(Ecs.WINLOG_LOGON_ID, logonId);
        return e;
    }

    /** 4624 with TargetUserName, TargetDomainName, IpAddress and logon type Network. */
    public static EcsDocument logon(
            String host, String logonId, String user, String domain, String ip, Instant at) {
        EcsDocument e = windows(host, logonId, 4624, at);
        e.put(Ecs.EVENT_ACTION, "logged-in");
        e.put(Ecs.USER_NAME, user);
        e.put(Ecs.USER_DOMAIN, domain);
        e.put(Ecs.SOURCE_IP, ip);
        e.put(Ecs.WINLOG_LOGON_TYPE, "Network");
        e.put("winlog.event_data.TargetUserName", user);
        e.put("winlog.event_data.TargetLogonId", logonId);
        return e;
    }

    public static EcsDocument privileges(String host, String logonId, Instant at, String list) {
        EcsDocument e = windows(host, logonId, 4672, at);
        e.put(Ecs.EVENT_ACTION, "logged-in-special");
        e.put("winlog.event_data.PrivilegeList", list);
        return e;
    }

    public static EcsDocument process(
            String host, String logonId, Instant at, long pid, String exe, String commandLine) {
        EcsDocument e = windows(host, logonId, 4688, at);
        e.put(Ecs.EVENT_ACTION, "created-process");
        e.put(Ecs.PROCESS_PID, pid);
        e.put(Ecs.PROCESS_PARENT_PID, 4L);
        e.put(Ecs.PROCESS_EXECUTABLE, exe);
        e.put(Ecs.PROCESS_COMMAND_LINE, commandLine);
        return e;
    }

    public static EcsDocument logoff(String host, String logonId, Instant at) {
        EcsDocument e = windows(host, logonId, 4634, at);
        e.put(Ecs.EVENT_ACTION, "logged-out");
        return e;
    }

    /** An attempt identity: dag, run, task, map index, try number. */
    public record Attempt(String dag, String run, String task, long mapIndex, long tryNumber) {
        public String key() {
            return Keys.attempt(dag, run, task, mapIndex, tryNumber);
        }

        public String runKey() {
            return Keys.run(dag, run);
        }

        /** A task-log line of this attempt with the given action. */
        public EcsDocument line(String action, Instant at) {
            EcsDocument e =
                    EcsDocument.event(Hashing.docId("line", Long.toString(SEQ.incrementAndGet())));
            e.put(Ecs.TIMESTAMP, at);
            e.put(Ecs.EVENT_DATASET, "airflow.task");
            e.put(Ecs.EVENT_ACTION, action);
            e.put(Ecs.AIRFLOW_DAG_ID, dag);
            e.put(Ecs.AIRFLOW_RUN_ID, run);
            e.put(Ecs.AIRFLOW_TASK_ID, task);
            e.put(Ecs.AIRFLOW_MAP_INDEX, mapIndex);
            e.put(Ecs.AIRFLOW_TRY_NUMBER, tryNumber);
            e.put(Ecs.RUNTRAIL_ATTEMPT_KEY, key());
            e.put(Ecs.RUNTRAIL_RUN_KEY, runKey());
            if (run.startsWith("manual__")) {
                e.put(Ecs.AIRFLOW_RUN_TYPE, "manual");
            } else if (run.startsWith("scheduled__")) {
                e.put(Ecs.AIRFLOW_RUN_TYPE, "scheduled");
            }
            e.put(Ecs.MESSAGE, action);
            return e;
        }

        public EcsDocument started(Instant at) {
            return line("task-started", at).put(Ecs.EVENT_START, at);
        }

        public EcsDocument host(String worker, Instant at) {
            return line("task-host", at)
                    .put(Ecs.AIRFLOW_HOSTNAME, worker)
                    .put(Ecs.HOST_HOSTNAME, worker);
        }

        public EcsDocument connects(String target, String user, Instant at) {
            return line("remote-connection", at)
                    .put(Ecs.AIRFLOW_REMOTE_HOST, target)
                    .put(Ecs.DESTINATION_DOMAIN, target)
                    .put(Ecs.AIRFLOW_CONN_ID, "winrm_default")
                    .put(Ecs.USER_NAME, user);
        }

        public EcsDocument finished(String state, Instant at) {
            return line("task-finished", at).put(Ecs.AIRFLOW_STATE, state).put(Ecs.EVENT_END, at);
        }
    }

    /** A proxy request to trigger a DAG, authenticated as {@code user}. */
    public static EcsDocument proxyTrigger(String dag, String user, String email, Instant at) {
        EcsDocument e =
                EcsDocument.event(Hashing.docId("proxy", Long.toString(SEQ.incrementAndGet())));
        e.put(Ecs.TIMESTAMP, at);
        e.put(Ecs.EVENT_DATASET, "proxy.oauth2_proxy");
        e.put(Ecs.HTTP_REQUEST_METHOD, "POST");
        e.put(Ecs.URL_PATH, "/api/v1/dags/" + dag + "/dagRuns");
        e.put(Ecs.HTTP_RESPONSE_STATUS_CODE, 200L);
        e.put(Ecs.USER_NAME, user);
        e.put(Ecs.USER_EMAIL, email);
        e.put(Ecs.SOURCE_IP, "192.0.2.10");
        e.put(Ecs.AIRFLOW_ACTION, "trigger");
        e.put(Ecs.AIRFLOW_DAG_ID, dag);
        return e;
    }

    /** One dagRun export record. */
    public static EcsDocument dagRun(
            String dag, String run, String type, String state, Instant queued, String triggerer) {
        EcsDocument e = EcsDocument.event(Hashing.docId("dagrun", dag, run, state));
        e.put(Ecs.TIMESTAMP, queued);
        e.put(Ecs.EVENT_DATASET, "airflow.dagrun");
        e.put(Ecs.AIRFLOW_DAG_ID, dag);
        e.put(Ecs.AIRFLOW_RUN_ID, run);
        e.put(Ecs.AIRFLOW_RUN_TYPE, type);
        e.put(Ecs.AIRFLOW_STATE, state);
        e.put(Ecs.EVENT_CREATED, queued);
        e.put(Ecs.AIRFLOW_TRIGGERING_USER, triggerer);
        e.put(Ecs.RUNTRAIL_RUN_KEY, Keys.run(dag, run));
        return e;
    }

    /** An Airflow event-log record. */
    public static EcsDocument audit(
            String dag, String run, String event, String owner, Instant at) {
        EcsDocument e =
                EcsDocument.event(Hashing.docId("audit", Long.toString(SEQ.incrementAndGet())));
        e.put(Ecs.TIMESTAMP, at);
        e.put(Ecs.EVENT_DATASET, "airflow.audit");
        e.put(Ecs.EVENT_ACTION, event);
        e.put(Ecs.USER_NAME, owner);
        e.put(Ecs.AIRFLOW_DAG_ID, dag);
        e.put(Ecs.AIRFLOW_RUN_ID, run);
        return e;
    }
}
