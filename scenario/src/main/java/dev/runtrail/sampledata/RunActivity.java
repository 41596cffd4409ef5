package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.AirflowTime;
import dev.runtrail.sampledata.truth.Truth;
import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.TaskDef;
import dev.runtrail.sampledata.world.Transport;
import dev.runtrail.sampledata.world.Worker;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** One DAG run: the trigger (for manual runs), its task chain with retries, and its records. */
final class RunActivity implements Activity {
    private final RunPlan plan;
    private final SimState state;

    RunActivity(RunPlan plan, SimState state) {
        this.plan = plan;
        this.state = state;
    }

    @Override
    public Instant start() {
        return plan.firstActivity();
    }

    @Override
    public void perform(Outputs out) throws IOException {
        Json trigger = plan.manual() ? new TriggerRequests(state, out).trigger(plan) : null;
        Instant queuedAt =
                plan.createdAt()
                        .plusMillis(
                                plan.manual() ? state.between(40, 300) : state.between(900, 3000));
        Instant startDate = queuedAt.plusMillis(state.between(2000, 8000));
        Instant t = startDate.plusMillis(state.between(2000, 6000));
        AttemptSimulator attempts = new AttemptSimulator(state, out);
        Dag dag = plan.dag();
        boolean runFailed = false;
        Instant lastEnd = t;
        for (int i = 0; i < dag.tasks().size() && !runFailed; i++) {
            TaskDef task = dag.tasks().get(i);
            int downstream =
                    i + 1 < dag.tasks().size() ? Math.max(1, dag.tasks().get(i + 1).mapCount()) : 0;
            Instant taskEnd = t;
            int instances = task.mapped() ? task.mapCount() : 1;
            // Celery spreads the mapped instances of one task over the workers.
            int firstWorker = state.random.nextInt(state.world.workers().size());
            for (int m = 0; m < instances; m++) {
                Instant attemptStart = task.mapped() ? t.plusMillis(state.between(0, 3000)) : t;
                Set<AnomalyKind> inject = injections(task, i == 0 && m == 0);
                for (int attempt = 1; attempt <= dag.retries() + 1; attempt++) {
                    Outcome outcome = outcome(attempt, inject, i + 1 == dag.tasks().size());
                    int slot = attempt == 1 ? firstWorker + m : state.random.nextInt(1000);
                    AttemptSpec spec =
                            new AttemptSpec(
                                    plan,
                                    task,
                                    task.mapped() ? m : -1,
                                    attempt,
                                    dag.retries() + 1,
                                    worker(slot),
                                    attemptStart,
                                    duration(task),
                                    outcome,
                                    downstream,
                                    inject);
                    Instant end = attempts.simulate(spec);
                    if (end.isAfter(taskEnd)) {
                        taskEnd = end;
                    }
                    if (outcome == Outcome.SUCCESS) {
                        break;
                    }
                    if (attempt == dag.retries() + 1) {
                        runFailed = true;
                    }
                    attemptStart = end.plusSeconds(state.between(60, 300));
                    inject = injections(task, false);
                }
            }
            lastEnd = taskEnd;
            t = taskEnd.plusMillis(state.between(1000, 5000));
        }
        Instant runEnd = lastEnd.plusMillis(state.between(500, 3000));
        String runState = runFailed ? "failed" : "success";
        out.dagRuns.add(
                dag.dagId(),
                plan.runId(),
                plan.runType(),
                plan.logicalDate(),
                plan.intervalStart(),
                plan.intervalEnd(),
                startDate,
                runEnd,
                runState);
        String triggeredBy =
                !plan.manual()
                        ? "scheduler"
                        : plan.anomalies().contains(AnomalyKind.MANUAL_RUN_WITHOUT_TRIGGER)
                                ? null
                                : plan.trigger().email();
        out.truth.add(
                Truth.Section.RUNS,
                Json.object()
                        .put("dag_id", dag.dagId())
                        .put("run_id", plan.runId())
                        .put("run_type", plan.runType())
                        .put("triggered_by", triggeredBy)
                        .put(
                                "airflow_user",
                                plan.manual() && triggeredBy != null
                                        ? plan.trigger().airflowUser()
                                        : null)
                        .put("trigger", trigger)
                        .put("state", runState)
                        .put("queued_at", AirflowTime.iso(queuedAt))
                        .put("start", AirflowTime.iso(startDate))
                        .put("end", AirflowTime.iso(runEnd)));
        if (plan.anomalies().contains(AnomalyKind.MANUAL_RUN_WITHOUT_TRIGGER)) {
            TruthRecords.anomaly(
                    out.truth,
                    AnomalyKind.MANUAL_RUN_WITHOUT_TRIGGER,
                    "manual run created with no authenticated trigger request at the proxy",
                    plan,
                    java.util.List.of());
        }
    }

    private Worker worker(int slot) {
        if (plan.dag().transport() == Transport.WINDOWS_WORKER) {
            return state.world.windowsWorker();
        }
        return state.world.workers().get(slot % state.world.workers().size());
    }

    private int duration(TaskDef task) {
        return (int) Math.max(8, task.typicalSeconds() * (0.6 + 0.8 * state.random.nextDouble()));
    }

    /**
     * Which injections ride on this attempt: the run's own on its first attempt, 4648 on backups.
     */
    private Set<AnomalyKind> injections(TaskDef task, boolean firstAttemptOfRun) {
        Set<AnomalyKind> inject = EnumSet.noneOf(AnomalyKind.class);
        if (firstAttemptOfRun) {
            for (AnomalyKind kind : plan.anomalies()) {
                if (kind == AnomalyKind.UNEXPECTED_PRIVILEGE
                        || kind == AnomalyKind.ACCOUNT_CHANGE_BY_RUN_ACCOUNT) {
                    inject.add(kind);
                }
            }
        }
        if (plan.dag().transport() == Transport.PSRP && task.mapped()) {
            inject.add(AnomalyKind.EXPLICIT_CREDENTIALS);
        }
        return inject;
    }

    /** Attempts carrying an injected session anomaly succeed, so the anomaly really happens. */
    private Outcome outcome(int attempt, Set<AnomalyKind> inject, boolean lastTask) {
        if (plan.doomed() && lastTask) {
            return Outcome.REMOTE_FAILURE;
        }
        if (inject.contains(AnomalyKind.UNEXPECTED_PRIVILEGE)
                || inject.contains(AnomalyKind.ACCOUNT_CHANGE_BY_RUN_ACCOUNT)) {
            return Outcome.SUCCESS;
        }
        double failure = attempt == 1 ? 0.07 : 0.03;
        if (!state.chance(failure)) {
            return Outcome.SUCCESS;
        }
        boolean canMissConnection = plan.dag().transport() != Transport.WINDOWS_WORKER;
        return canMissConnection && state.chance(0.3)
                ? Outcome.CONNECT_FAILURE
                : Outcome.REMOTE_FAILURE;
    }
}
