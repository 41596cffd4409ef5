package dev.runtrail.sampledata.airflow;

import dev.runtrail.sampledata.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** {@code GET /api/v1/dags/~/dagRuns} as Airflow 2.x returns it, streamed one run at a time. */
public final class DagRunExport implements Closeable {
    private final Writer out;
    private long written;

    public DagRunExport(Path file) throws IOException {
        out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        out.write("{\n  \"dag_runs\": [");
    }

    public void add(
            String dagId,
            String runId,
            String runType,
            Instant logicalDate,
            Instant intervalStart,
            Instant intervalEnd,
            Instant startDate,
            Instant endDate,
            String state)
            throws IOException {
        Json run =
                Json.object()
                        .put("conf", Json.object())
                        .put("dag_id", dagId)
                        .put("dag_run_id", runId)
                        .put("data_interval_end", AirflowTime.iso(intervalEnd))
                        .put("data_interval_start", AirflowTime.iso(intervalStart))
                        .put("end_date", AirflowTime.iso(endDate))
                        .put("execution_date", AirflowTime.iso(logicalDate))
                        .put("external_trigger", !runType.equals("scheduled"))
                        .put("last_scheduling_decision", AirflowTime.iso(endDate))
                        .put("logical_date", AirflowTime.iso(logicalDate))
                        .put("note", null)
                        .put("run_type", runType)
                        .put("start_date", AirflowTime.iso(startDate))
                        .put("state", state);
        out.write(written == 0 ? "\n    " : ",\n    ");
        out.write(run.pretty(4));
        written++;
    }

    @Override
    public void close() throws IOException {
        out.write(written == 0 ? "],\n" : "\n  ],\n");
        out.write("  \"total_entries\": " + written + "\n}\n");
        out.close();
    }
}
