package dev.runtrail.bench;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.airflow.AirflowTaskLogFormat;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Airflow 2.x text task log to ECS events; one operation = one line, so the score is lines/s and
 * {@code gc.alloc.rate.norm} (with {@code -prof gc}) is bytes per line; {@code recordsTotal /
 * cpuMillis * 1000} is lines per CPU second (see {@link CpuTime}).
 */
public class AirflowParse extends OneThreadThroughput {
    static final int LINES = 100_000;
    private static final String PATH =
            "/logs/dag_id=bench/run_id=manual__2024-05-01T12:00:00+00:00/task_id=t/attempt=1.log";
    private static final String[] MESSAGES = {
        "Output: hello world from the benchmark line with some payload text",
        "Running command: ['/usr/bin/bash', '-c', 'echo hello world from the benchmark']",
        "Dependencies all met for dep_context=non-requeueable deps ti=<TaskInstance: bench.t"
                + " manual__2024-05-01T12:00:00+00:00 [queued]>",
        "Tmp dir root location: /tmp",
        "Command exited with return code 0",
        "Starting attempt 1 of 3",
        "Executing <Task(BashOperator): t> on 2024-05-01 12:00:00+00:00",
        "Started process 4242 to run task",
        "Establishing WinRM connection to host: fs01.corp.example",
        "Marking task as SUCCESS. dag_id=bench, task_id=t,"
                + " run_id=manual__2024-05-01T12:00:00+00:00, execution_date=20240501T120000,"
                + " start_date=20240501T120001, end_date=20240501T120009",
    };
    private final AirflowTaskLogFormat format = new AirflowTaskLogFormat();
    private InputSource input;

    @Setup
    public void setup() {
        Random random = new Random(7);
        StringBuilder log = new StringBuilder(LINES * 130);
        for (int i = 0; i < LINES; i++) {
            int pick = random.nextInt(100);
            String message = MESSAGES[pick < 60 ? 0 : pick < 70 ? 1 : pick < 75 ? 2 : 3 + pick % 7];
            log.append(
                    String.format(
                            "[2024-05-01T12:%02d:%02d.%03d+0000] {taskinstance.py:1157} INFO - %s%n",
                            (i / 60) % 60, i % 60, i % 1000, message));
        }
        input =
                InputSource.of(
                        SourceRef.of(PATH), PATH, log.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void textTaskLog(RecordCounts counts, Finishing finishing, CpuTime cpu, Blackhole sink)
            throws IOException {
        try (RecordReader reader = format.open(input)) {
            counts.drain(reader, finishing, cpu, sink);
        }
    }
}
