package dev.runtrail.sampledata.airflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One attempt's task log, Airflow 2.x text format: {@code [date, time UTC] {file.py:line} LEVEL -
 * message}, tracebacks as continuation lines. Small enough to build in memory and write at once.
 */
public final class TaskLog {
    private final StringBuilder text = new StringBuilder(4096);
    private int lines;

    public TaskLog line(Instant time, String origin, String level, String message) {
        text.append(AirflowTime.logPrefix(time))
                .append(" {")
                .append(origin)
                .append("} ")
                .append(level)
                .append(" - ")
                .append(message)
                .append('\n');
        lines++;
        return this;
    }

    public TaskLog info(Instant time, String origin, String message) {
        return line(time, origin, "INFO", message);
    }

    /** A line without prefix (traceback body), part of the record before it. */
    public TaskLog continuation(String line) {
        text.append(line).append('\n');
        return this;
    }

    /** Lines that start a log record. */
    public int records() {
        return lines;
    }

    public void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The 2.x default log path, relative to the logs folder. */
    public static String relativePath(
            String dagId, String runId, String taskId, int mapIndex, int tryNumber) {
        StringBuilder path = new StringBuilder(160);
        path.append("dag_id=").append(dagId).append("/run_id=").append(runId);
        path.append("/task_id=").append(taskId).append('/');
        if (mapIndex >= 0) {
            path.append("map_index=").append(mapIndex).append('/');
        }
        return path.append("attempt=").append(tryNumber).append(".log").toString();
    }
}
