package dev.runtrail.sampledata;

import dev.runtrail.sampledata.airflow.AirflowTime;
import dev.runtrail.sampledata.airflow.TaskLog;
import dev.runtrail.sampledata.world.Dag;
import dev.runtrail.sampledata.world.Transport;
import java.time.Instant;

/**
 * The Airflow 2.x lines every attempt has, before and after the operator's own: dependency checks,
 * "Starting attempt", the task runner, the host, and the final "Marking task as" and exit code.
 */
final class AttemptLog {
    private AttemptLog() {}

    static void header(TaskLog log, AttemptSpec a, int pid, long jobId, String cfgPath) {
        Dag dag = a.run().dag();
        Instant t0 = a.start();
        log.info(
                t0,
                "taskinstance.py:1979",
                "Dependencies all met for dep_context=non-requeueable deps ti="
                        + a.taskInstance("queued"));
        log.info(
                t0,
                "taskinstance.py:1979",
                "Dependencies all met for dep_context=requeueable deps ti="
                        + a.taskInstance("queued"));
        log.info(
                t0,
                "taskinstance.py:2193",
                "Starting attempt " + a.tryNumber() + " of " + a.maxTries());
        String kind = a.mapIndex() >= 0 ? "Mapped" : "Task";
        log.info(
                t0,
                "taskinstance.py:2217",
                "Executing <"
                        + kind
                        + "("
                        + dag.transport().operator()
                        + "): "
                        + a.task().taskId()
                        + "> on "
                        + AirflowTime.str(a.run().logicalDate()));
        log.info(t0, "standard_task_runner.py:60", "Started process " + pid + " to run task");
        log.info(t0, "standard_task_runner.py:87", "Running: " + runningArgs(a, jobId, cfgPath));
        log.info(
                t0,
                "standard_task_runner.py:88",
                "Job " + jobId + ": Subtask " + a.task().taskId());
        Instant t1 = t0.plusMillis(900);
        log.info(
                t1,
                "task_command.py:423",
                "Running " + a.taskInstance("running") + " on host " + a.worker().hostname());
        log.info(
                t1,
                "taskinstance.py:2513",
                "Exporting env vars: AIRFLOW_CTX_DAG_OWNER='"
                        + dag.owner()
                        + "' AIRFLOW_CTX_DAG_ID='"
                        + dag.dagId()
                        + "' AIRFLOW_CTX_TASK_ID='"
                        + a.task().taskId()
                        + "' AIRFLOW_CTX_EXECUTION_DATE='"
                        + AirflowTime.iso(a.run().logicalDate())
                        + "' AIRFLOW_CTX_TRY_NUMBER='"
                        + a.tryNumber()
                        + "' AIRFLOW_CTX_DAG_RUN_ID='"
                        + a.run().runId()
                        + "'");
    }

    private static String runningArgs(AttemptSpec a, long jobId, String cfgPath) {
        Dag dag = a.run().dag();
        String subdir = "DAGS_FOLDER/" + dag.fileName();
        StringBuilder b = new StringBuilder("['airflow', 'tasks', 'run', '");
        b.append(dag.dagId()).append("', '").append(a.task().taskId()).append("', '");
        b.append(a.run().runId())
                .append("', '--job-id', '")
                .append(jobId)
                .append("', '--raw', '--subdir', '");
        b.append(subdir)
                .append("', '--cfg-path', '")
                .append(cfgPath.replace("\\", "\\\\"))
                .append('\'');
        if (a.mapIndex() >= 0) {
            b.append(", '--map-index', '").append(a.mapIndex()).append('\'');
        }
        return b.append(']').toString();
    }

    static void footer(
            TaskLog log, AttemptSpec a, Instant end, String failure, int pid, long jobId) {
        Dag dag = a.run().dag();
        if (failure != null) {
            log.line(end, "taskinstance.py:2731", "ERROR", "Task failed with exception");
            log.continuation("Traceback (most recent call last):");
            log.continuation(
                    "  File \"/home/airflow/.local/lib/python3.11/site-packages/airflow/models/"
                            + "taskinstance.py\", line 444, in _execute_task");
            log.continuation(
                    "    result = _execute_callable(context=context, **execute_callable_kwargs)");
            log.continuation(
                    "  File \"/home/airflow/.local/lib/python3.11/site-packages/airflow/"
                            + sourcePath(dag.transport())
                            + "\", line 117, in execute");
            log.continuation(
                    "    raise AirflowException(" + exceptionVariable(dag.transport()) + ")");
            log.continuation(exceptionClass(dag.transport()) + ": " + failure);
        }
        String state = a.finalState().toUpperCase(java.util.Locale.ROOT);
        String mapped = a.mapIndex() >= 0 ? "map_index=" + a.mapIndex() + ", " : "";
        log.info(
                end,
                "taskinstance.py:1138",
                "Marking task as "
                        + state
                        + ". dag_id="
                        + dag.dagId()
                        + ", task_id="
                        + a.task().taskId()
                        + ", run_id="
                        + a.run().runId()
                        + ", "
                        + mapped
                        + "execution_date="
                        + AirflowTime.compact(a.run().logicalDate())
                        + ", start_date="
                        + AirflowTime.compact(a.start())
                        + ", end_date="
                        + AirflowTime.compact(end));
        Instant after = end.plusMillis(700);
        if (failure != null) {
            log.line(
                    after,
                    "standard_task_runner.py:107",
                    "ERROR",
                    "Failed to execute job "
                            + jobId
                            + " for task "
                            + a.task().taskId()
                            + " ("
                            + failure
                            + "; "
                            + pid
                            + ")");
        }
        log.info(
                after,
                "local_task_job_runner.py:234",
                "Task exited with return code " + (failure == null ? 0 : 1));
        int next = failure == null ? a.downstream() : 0;
        log.info(
                after,
                "taskinstance.py:3312",
                next + " downstream tasks scheduled from follow-on schedule check");
    }

    private static String sourcePath(Transport transport) {
        return switch (transport) {
            case WINRM -> "providers/microsoft/winrm/operators/winrm.py";
            case PSRP -> "providers/microsoft/psrp/operators/psrp.py";
            case SSH -> "providers/ssh/operators/ssh.py";
            case WINDOWS_WORKER -> "operators/python.py";
        };
    }

    private static String exceptionVariable(Transport transport) {
        return transport == Transport.WINDOWS_WORKER ? "str(e)" : "error_msg";
    }

    private static String exceptionClass(Transport transport) {
        return transport == Transport.WINDOWS_WORKER
                ? "subprocess.CalledProcessError"
                : "airflow.exceptions.AirflowException";
    }
}
