package dev.runtrail.ingest.airflow;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one task log file has told so far about its attempt: the identity from its path, completed
 * by lines that name what the path lacks (the run id in a 2.0-2.2 file, learned from a {@code
 * <TaskInstance: dag.task run_id [state]>} line), and the last connection id a hook named (WinRM
 * and SSH hooks log the connection id and the target host on different lines). One instance per
 * input, not thread-safe.
 *
 * <p>Correlation keys are only set when their parts are known: {@code runtrail.run_key} needs dag
 * id and run id, {@code runtrail.attempt_key} also task id and try number. A 1.10 file without a
 * run id in any line gets neither (its events keep {@code airflow.logical_date}).
 */
final class AttemptContext {
    String dagId;
    String runId;
    String taskId;
    long mapIndex = -1;
    Long tryNumber;
    Instant logicalDate;
    String lastConnId;

    /**
     * The keys of the last identity keyed, so that a file's lines do not hash the same parts each
     * time; null before the first.
     */
    private KeysOf keys;

    /** The run and attempt keys of one identity (dag, run, task, map index, try). */
    private record KeysOf(
            String dag,
            String run,
            String task,
            long map,
            Long attempt,
            String runKey,
            String attemptKey) {
        static KeysOf of(String dag, String run, String task, long map, Long attempt) {
            String runKey = dag != null && run != null ? Keys.run(dag, run) : null;
            String attemptKey =
                    runKey != null && task != null && attempt != null
                            ? Keys.attempt(dag, run, task, map, attempt)
                            : null;
            return new KeysOf(dag, run, task, map, attempt, runKey, attemptKey);
        }

        boolean isFor(String dag, String run, String task, long map, Long attempt) {
            return Objects.equals(dag, this.dag)
                    && Objects.equals(run, this.run)
                    && Objects.equals(task, this.task)
                    && map == this.map
                    && Objects.equals(attempt, this.attempt);
        }
    }

    /**
     * The context this thread made last. A record from Kafka is read as an input of its own, so
     * every line of a file gets a new context; it starts from the keys of the one before, which
     * belong to the same attempt when both lines came from one file (hashing the keys again was 2%
     * of a Kafka to Kafka job's parsing thread). {@link #keysOf} still compares every part.
     */
    private static final ThreadLocal<AttemptContext> LAST_MADE = new ThreadLocal<>();

    /** The identity the first matching template finds in {@code path}; empty when none matches. */
    static AttemptContext fromPath(String path, List<LogPathTemplate> templates) {
        AttemptContext ctx = new AttemptContext();
        AttemptContext previous = LAST_MADE.get();
        if (previous != null) {
            ctx.keys = previous.keys;
        }
        LAST_MADE.set(ctx);
        for (LogPathTemplate template : templates) {
            var match = template.match(path);
            if (match.isPresent()) {
                PathIdentity id = match.get();
                ctx.dagId = id.dagId();
                ctx.runId = id.runId();
                ctx.taskId = id.taskId();
                ctx.mapIndex = id.mapIndex();
                ctx.tryNumber = id.tryNumber();
                ctx.logicalDate = id.logicalDate();
                break;
            }
        }
        return ctx;
    }

    /** Sets the attempt identity, run type and keys of this file on a line's event. */
    void apply(EcsDocument doc) {
        apply(doc, dagId, runId, taskId, mapIndex, tryNumber, logicalDate);
    }

    /**
     * Sets an identity on an event: values the line itself carries win over the file's (pass null /
     * -1 for what the line lacks).
     */
    void apply(
            EcsDocument doc,
            String lineDag,
            String lineRun,
            String lineTask,
            long lineMap,
            Long lineTry,
            Instant lineLogicalDate) {
        String dag = lineDag != null ? lineDag : dagId;
        String run = lineRun != null ? lineRun : runId;
        String task = lineTask != null ? lineTask : taskId;
        long map = lineMap >= 0 ? lineMap : mapIndex;
        Long attempt = lineTry != null ? lineTry : tryNumber;
        doc.put(Ecs.AIRFLOW_DAG_ID, dag);
        doc.put(Ecs.AIRFLOW_RUN_ID, run);
        doc.put(Ecs.AIRFLOW_TASK_ID, task);
        doc.put(Ecs.AIRFLOW_MAP_INDEX, map);
        doc.put(Ecs.AIRFLOW_TRY_NUMBER, attempt);
        if (!doc.has(Ecs.AIRFLOW_LOGICAL_DATE)) {
            doc.put(
                    Ecs.AIRFLOW_LOGICAL_DATE,
                    lineLogicalDate != null ? lineLogicalDate : logicalDate);
        }
        doc.put(Ecs.AIRFLOW_RUN_TYPE, RunTypes.fromRunId(run));
        KeysOf k = keysOf(dag, run, task, map, attempt);
        doc.put(Ecs.RUNTRAIL_RUN_KEY, k.runKey());
        doc.put(Ecs.RUNTRAIL_ATTEMPT_KEY, k.attemptKey());
    }

    private KeysOf keysOf(String dag, String run, String task, long map, Long attempt) {
        if (keys == null || !keys.isFor(dag, run, task, map, attempt)) {
            keys = KeysOf.of(dag, run, task, map, attempt);
        }
        return keys;
    }

    /** Keeps a run id a line revealed, when the path did not give one. */
    void learnRunId(String value) {
        if (runId == null && value != null && !value.isEmpty()) {
            runId = value;
        }
    }

    /** Keeps a try number a line revealed, when the path did not give one. */
    void learnTryNumber(long value) {
        if (tryNumber == null && value > 0) {
            tryNumber = value;
        }
    }
}
