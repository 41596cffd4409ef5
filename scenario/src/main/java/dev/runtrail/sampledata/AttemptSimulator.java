package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.AirflowTime;
import dev.runtrail.sampledata.airflow.AuditLog;
import dev.runtrail.sampledata.airflow.TaskLog;
import dev.runtrail.sampledata.truth.Truth;
import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.Transport;
import java.io.IOException;
import java.time.Instant;

/** Simulates one task attempt: its task log, audit rows, Windows records and truth entry. */
final class AttemptSimulator {
    private final SimState state;
    private final Outputs out;
    private final RemoteSide remote;

    AttemptSimulator(SimState state, Outputs out) {
        this.state = state;
        this.out = out;
        this.remote = new RemoteSide(state, out);
    }

    /** Returns when the attempt ended (true time). */
    Instant simulate(AttemptSpec a) throws IOException {
        Dag dag = a.run().dag();
        long jobId = ++out.jobId;
        boolean windowsWorker = dag.transport() == Transport.WINDOWS_WORKER;
        int pid = (int) (windowsWorker ? 4 * state.between(300, 4000) : state.between(1200, 65000));
        String cfgPath =
                windowsWorker
                        ? "C:\\Users\\svc_airflow\\AppData\\Local\\Temp\\tmp" + token(8)
                        : "/tmp/tmp" + token(8);
        TaskLog log = new TaskLog();
        AttemptLog.header(log, a, pid, jobId, cfgPath);
        Instant connectAt = a.start().plusMillis(state.between(1500, 3000));
        Instant end = a.start().plusSeconds(a.durationSeconds());
        if (a.outcome() == Outcome.CONNECT_FAILURE) {
            end = connectAt.plusSeconds(31);
        }
        RemoteSide.Result result = remote.execute(a, log, connectAt, end);
        AttemptLog.footer(log, a, end, result.failure(), pid, jobId);
        log.writeTo(
                out.logsDir.resolve(
                        TaskLog.relativePath(
                                dag.dagId(),
                                a.run().runId(),
                                a.task().taskId(),
                                a.mapIndex(),
                                a.tryNumber())));
        out.logFiles++;
        out.logLines += log.records();
        out.linkedSessions += result.sessions().size();
        audit(a, end, pid, jobId);
        out.truth.add(
                Truth.Section.ATTEMPTS,
                Json.object()
                        .put("dag_id", dag.dagId())
                        .put("run_id", a.run().runId())
                        .put("task_id", a.task().taskId())
                        .put("map_index", a.mapIndex())
                        .put("try_number", a.tryNumber())
                        .put("state", a.finalState())
                        .put("operator", dag.transport().operator())
                        .put("worker", a.worker().hostname())
                        .put("worker_ip", a.worker().ip())
                        .put("start", AirflowTime.iso(a.start()))
                        .put("end", AirflowTime.iso(end))
                        .put("sessions", result.sessions())
                        .put("processes", result.processes()));
        return end.plusSeconds(1);
    }

    /** An event-log row about one try of a task instance. */
    private static AuditLog.Entry taskEntry(
            AttemptSpec a, Instant when, String event, String owner, String extra) {
        return new AuditLog.Entry(
                when,
                event,
                a.run().dag().dagId(),
                a.task().taskId(),
                a.run().runId(),
                a.mapIndex(),
                a.tryNumber(),
                a.run().logicalDate(),
                owner,
                extra);
    }

    private void audit(AttemptSpec a, Instant end, int pid, long jobId) {
        Dag dag = a.run().dag();
        String runId = a.run().runId();
        String command =
                "['/home/airflow/.local/bin/airflow', 'tasks', 'run', '"
                        + dag.dagId()
                        + "', '"
                        + a.task().taskId()
                        + "', '"
                        + runId
                        + "', '--local', '--subdir', 'DAGS_FOLDER/"
                        + dag.fileName()
                        + "'"
                        + (a.mapIndex() >= 0 ? ", '--map-index', '" + a.mapIndex() + "'" : "")
                        + "]";
        String extra =
                Json.object()
                        .put("host_name", a.worker().hostname())
                        .put("full_command", command)
                        .compact();
        out.audit.add(taskEntry(a, a.start().minusMillis(600), "cli_task_run", "airflow", extra));
        out.audit.add(taskEntry(a, a.start().plusMillis(50), "running", dag.owner(), null));
        out.audit.add(taskEntry(a, end.plusMillis(20), a.finalState(), dag.owner(), null));
    }

    private String token(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(state.random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
