package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import java.time.Instant;

/**
 * One line written by Airflow's ElasticsearchTaskHandler with {@code json_format} ({@code message},
 * {@code asctime}, {@code levelname}, {@code filename}, {@code lineno}, {@code dag_id}, {@code
 * task_id}, {@code run_id} or {@code execution_date}, {@code try_number}, {@code map_index}, {@code
 * log_id}, and an offset under {@code offset}, under {@code log} when {@code offset_field = log},
 * or as Filebeat nests it under {@code log.offset}).
 *
 * <p>The id is derived from {@code log_id} and the offset when both are present, so the same line
 * read from stdout or from Elasticsearch gets the same id; otherwise the default (source + byte
 * offset) applies. A missing run id is recovered from {@code log_id} ({@code
 * {dag_id}-{task_id}-{run_id}-{map_index}-{try_number}}). {@code asctime} is often null in 1.10
 * (the bug those lines were pasted for): such events have no {@code @timestamp}.
 */
final class ElasticsearchTaskLogMapper implements JsonRecordMapper {
    private final AttemptContext ctx;

    ElasticsearchTaskLogMapper(AttemptContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public EcsDocument map(JsonNode node) throws UnmappableRecord {
        String message = JsonFields.text(node, "message");
        String level = JsonFields.text(node, "levelname");
        if (message == null && level == null) {
            throw new UnmappableRecord(
                    "expected an Elasticsearch task handler JSON line with 'message' and"
                            + " 'levelname', found neither");
        }
        Instant time =
                TaskLogEvents.optionalTime(
                        JsonFields.text(node, "asctime"), "a timestamp in 'asctime'");
        EcsDocument doc = TaskLogEvents.start(time, level);
        doc.put(Ecs.MESSAGE, message);
        doc.put(Ecs.LOG_ORIGIN_FILE_NAME, JsonFields.text(node, "filename"));
        doc.put(Ecs.LOG_ORIGIN_FILE_LINE, JsonFields.number(node, "lineno"));

        String dag = JsonFields.text(node, "dag_id");
        String task = JsonFields.text(node, "task_id");
        String run = JsonFields.text(node, "run_id");
        Long map = JsonFields.number(node, "map_index");
        Long attempt = JsonFields.number(node, "try_number");
        Instant logicalDate =
                AirflowTime.parse(JsonFields.firstText(node, "logical_date", "execution_date"));
        String logId = JsonFields.text(node, "log_id");
        if (logId != null && dag != null && task != null) {
            LogId parsed = LogId.parse(logId, dag, task, attempt);
            if (run == null) {
                run = parsed.runId();
            }
            if (map == null && parsed.mapIndex() != null) {
                map = parsed.mapIndex();
            }
        }
        Long offset = offset(node);
        doc.put(Ecs.LOG_OFFSET, offset);
        if (logId != null && offset != null) {
            doc.id(Hashing.docId("airflow-es-log", logId, Long.toString(offset)));
        }
        doc.put(Ecs.AIRFLOW_LOGICAL_DATE, logicalDate);
        if (message != null) {
            TaskFacts.extract(message, time, doc, ctx);
        }
        ctx.apply(doc, dag, run, task, map == null ? -1 : map, attempt, logicalDate);
        return doc;
    }

    private static Long offset(JsonNode node) {
        Long offset = JsonFields.number(node, "offset");
        if (offset == null) {
            JsonNode log = node.get("log");
            if (log != null && log.isIntegralNumber()) {
                offset = log.asLong();
            } else if (log != null && log.isObject()) {
                offset = JsonFields.number(log, "offset");
            }
        }
        return offset;
    }

    /** The parts of a {@code log_id} after the known dag and task ids. */
    record LogId(String runId, Long mapIndex) {
        static LogId parse(String logId, String dag, String task, Long attempt) {
            String prefix = dag + "-" + task + "-";
            if (!logId.startsWith(prefix)) {
                return new LogId(null, null);
            }
            String rest = logId.substring(prefix.length());
            if (attempt != null && rest.endsWith("-" + attempt)) {
                rest = rest.substring(0, rest.length() - 1 - Long.toString(attempt).length());
            }
            Long map = null;
            if (rest.endsWith("--1")) {
                map = -1L;
                rest = rest.substring(0, rest.length() - 3);
            } else {
                int dash = rest.lastIndexOf('-');
                if (dash > 0 && dash < rest.length() - 1 && allDigits(rest, dash + 1)) {
                    map = Long.parseLong(rest.substring(dash + 1));
                    rest = rest.substring(0, dash);
                }
            }
            // the 1.10 template put the execution date where the run id is now
            return new LogId(AirflowTime.parse(rest) == null && !rest.isEmpty() ? rest : null, map);
        }

        private static boolean allDigits(String s, int from) {
            if (s.length() - from > 9) {
                return false;
            }
            for (int i = from; i < s.length(); i++) {
                if (!Character.isDigit(s.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
