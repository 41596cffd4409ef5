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
import java.util.PriorityQueue;

/**
 * Airflow's event log as {@code GET /api/v1/eventLogs?order_by=event_log_id} returns it: {@code
 * {"event_logs": [...], "total_entries": N}}, keys sorted, two-space indent. Records are held until
 * no earlier one can arrive, then numbered in time order.
 */
public final class AuditLog implements Closeable {
    /** One event-log row before it gets its id. */
    public record Entry(
            Instant when,
            String event,
            String dagId,
            String taskId,
            String runId,
            Integer mapIndex,
            Integer tryNumber,
            Instant executionDate,
            String owner,
            String extra) {
        /** A row about a whole DAG, with no task, run, map index, try or logical date. */
        public static Entry ofDag(
                Instant when, String event, String dagId, String owner, String extra) {
            return new Entry(when, event, dagId, null, null, null, null, null, owner, extra);
        }
    }

    private record Pending(Entry entry, long seq) {}

    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(
                    (a, b) -> {
                        int c = a.entry().when().compareTo(b.entry().when());
                        return c != 0 ? c : Long.compare(a.seq(), b.seq());
                    });
    private final Writer out;
    private long seq;
    private long nextId = 1;
    private long written;

    public AuditLog(Path file) throws IOException {
        out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        out.write("{\n  \"event_logs\": [");
    }

    public void add(Entry entry) {
        pending.add(new Pending(entry, seq++));
    }

    public void flushBefore(Instant watermark) throws IOException {
        while (!pending.isEmpty() && pending.peek().entry().when().isBefore(watermark)) {
            writeNext();
        }
    }

    private void writeNext() throws IOException {
        Entry e = pending.poll().entry();
        Json row =
                Json.object()
                        .put("dag_id", e.dagId())
                        .put("event", e.event())
                        .put("event_log_id", nextId++)
                        .put(
                                "execution_date",
                                e.executionDate() == null
                                        ? null
                                        : AirflowTime.iso(e.executionDate()))
                        .put("extra", e.extra())
                        .put("map_index", e.mapIndex())
                        .put("owner", e.owner())
                        .put("run_id", e.runId())
                        .put("task_id", e.taskId())
                        .put("try_number", e.tryNumber())
                        .put("when", AirflowTime.iso(e.when()));
        out.write(written == 0 ? "\n    " : ",\n    ");
        out.write(row.pretty(4));
        written++;
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        while (!pending.isEmpty()) {
            writeNext();
        }
        out.write(written == 0 ? "],\n" : "\n  ],\n");
        out.write("  \"total_entries\": " + written + "\n}\n");
        out.close();
    }
}
