package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.time.Instant;
import java.util.Locale;

/**
 * One line of an Airflow 3 task log (structlog JSON: {@code timestamp}, {@code level}, {@code
 * event}, {@code logger}, {@code filename}, {@code lineno}, and on the "TaskInstance Details" line
 * {@code dag_id}, {@code task_id}, {@code dagrun_id}, {@code map_index}, {@code try_number}, {@code
 * op_classpath}). Timestamps without a zone are UTC (Airflow 3 logs in UTC). Identity a line
 * carries wins on that line and fills what the file path lacked for later lines.
 */
final class StructlogTaskLogMapper implements JsonRecordMapper {
    private final AttemptContext ctx;

    StructlogTaskLogMapper(AttemptContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public EcsDocument map(JsonNode node) throws UnmappableRecord {
        String message = JsonFields.text(node, "event");
        String timestamp = JsonFields.text(node, "timestamp");
        if (message == null && timestamp == null) {
            throw new UnmappableRecord(
                    "expected an Airflow 3 structlog line with 'timestamp' and 'event' fields,"
                            + " found neither");
        }
        Instant time = TaskLogEvents.optionalTime(timestamp, "an ISO-8601 'timestamp'");
        EcsDocument doc = TaskLogEvents.start(time, JsonFields.text(node, "level"));
        doc.put(Ecs.MESSAGE, message);
        doc.put(Ecs.LOG_LOGGER, JsonFields.text(node, "logger"));
        doc.put(Ecs.LOG_ORIGIN_FILE_NAME, JsonFields.text(node, "filename"));
        doc.put(Ecs.LOG_ORIGIN_FILE_LINE, JsonFields.number(node, "lineno"));

        String dag = JsonFields.text(node, "dag_id");
        String run = JsonFields.firstText(node, "dagrun_id", "run_id");
        String task = JsonFields.text(node, "task_id");
        Long map = JsonFields.number(node, "map_index");
        Long attempt = JsonFields.number(node, "try_number");
        learn(dag, run, task, map, attempt);

        String operator = operator(node.get("op_classpath"));
        if (message != null && message.startsWith("TaskInstance Details")) {
            doc.put(Ecs.EVENT_ACTION, TaskFacts.TASK_STARTED);
            doc.put(Ecs.EVENT_START, time);
        }
        doc.put(Ecs.AIRFLOW_OPERATOR, operator);
        errorDetail(node.get("error_detail"), doc);

        // Not seen in the shared samples: supervisor lines that state the outcome.
        String finalState = JsonFields.text(node, "final_state");
        if (finalState != null) {
            doc.put(Ecs.EVENT_ACTION, TaskFacts.TASK_FINISHED);
            doc.put(Ecs.AIRFLOW_STATE, finalState.toLowerCase(Locale.ROOT));
            doc.put(Ecs.EVENT_END, time);
        }
        Long exitCode = JsonFields.number(node, "exit_code");
        if (exitCode != null) {
            doc.put(Ecs.PROCESS_EXIT_CODE, exitCode);
            if (finalState == null) {
                doc.put(Ecs.EVENT_ACTION, TaskFacts.TASK_EXITED);
            }
        }
        if (message != null && !doc.has(Ecs.EVENT_ACTION)) {
            TaskFacts.extract(message, time, doc, ctx);
        }
        ctx.apply(doc, dag, run, task, map == null ? -1 : map, attempt, null);
        return doc;
    }

    private void learn(String dag, String run, String task, Long map, Long attempt) {
        if (ctx.dagId == null) {
            ctx.dagId = dag;
        }
        ctx.learnRunId(run);
        if (ctx.taskId == null) {
            ctx.taskId = task;
        }
        if (map != null && ctx.mapIndex < 0) {
            ctx.mapIndex = map;
        }
        if (attempt != null) {
            ctx.learnTryNumber(attempt);
        }
    }

    /** The operator's class name without its module ({@code PythonOperator}), as 2.x logs it. */
    private static String operator(JsonNode classpath) {
        if (classpath == null) {
            return null;
        }
        JsonNode first = classpath.isArray() ? classpath.path(0) : classpath;
        if (!first.isTextual()) {
            return null;
        }
        String name = first.asText();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** structlog's {@code error_detail}: a list of exceptions, the last one raised last. */
    private static void errorDetail(JsonNode detail, EcsDocument doc) {
        if (detail == null || !detail.isArray() || detail.isEmpty()) {
            return;
        }
        JsonNode last = detail.get(detail.size() - 1);
        doc.put(Ecs.ERROR_TYPE, JsonFields.text(last, "exc_type"));
        doc.put(Ecs.ERROR_MESSAGE, JsonFields.text(last, "exc_value"));
    }
}
