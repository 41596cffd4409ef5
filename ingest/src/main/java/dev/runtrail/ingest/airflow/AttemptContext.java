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

    // the keys of the last identity, so that a file's lines do not hash the same parts each time
    private boolean keyed;
    private String keyedDag;
    private String keyedRun;
    private String keyedTask;
    private long keyedMap;
    private Long keyedTry;
    private String runKey;
    private String attemptKey;

    /**
     * The context this thread made last. A record from Kafka is read as an input of its own, so
     * every line of a file gets a new context; it takes the keys of the one before, which belong to
     * the same attempt when both lines came from one file (hashing the keys again was 2% of a Kafka
     * to Kafka job's parsing thread). {@link #computeKeys} still compares every part.
     */
    private static final ThreadLocal<AttemptContext> LAST_MADE = new ThreadLocal<>();

    /** The identity the first matching template finds in {@code path}; empty when none matches. */
    static AttemptContext fromPath(String path, List<LogPathTemplate> templates) {
        AttemptContext ctx = new AttemptContext();
        AttemptContext previous = LAST_MADE.get();
        if (previous != null && previous.keyed) {
            ctx.keyed = true;
            ctx.keyedDag = previous.keyedDag;
            ctx.keyedRun = previous.keyedRun;
            ctx.keyedTask = previous.keyedTask;
            ctx.keyedMap = previous.keyedMap;
            ctx.keyedTry = previous.keyedTry;
            ctx.runKey = previous.runKey;
            ctx.attemptKey = previous.attemptKey;
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
        computeKeys(dag, run, task, map, attempt);
        doc.put(Ecs.RUNTRAIL_RUN_KEY, runKey);
        doc.put(Ecs.RUNTRAIL_ATTEMPT_KEY, attemptKey);
    }

    private void computeKeys(String dag, String run, String task, long map, Long attempt) {
        if (keyed
                && Objects.equals(dag, keyedDag)
                && Objects.equals(run, keyedRun)
                && Objects.equals(task, keyedTask)
                && map == keyedMap
                && Objects.equals(attempt, keyedTry)) {
            return;
        }
        keyed = true;
        keyedDag = dag;
        keyedRun = run;
        keyedTask = task;
        keyedMap = map;
        keyedTry = attempt;
        runKey = dag != null && run != null ? Keys.run(dag, run) : null;
        attemptKey =
                runKey != null && task != null && attempt != null
                        ? Keys.attempt(dag, run, task, map, attempt)
                        : null;
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
