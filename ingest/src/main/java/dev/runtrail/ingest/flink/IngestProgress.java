package dev.runtrail.ingest.flink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes and records read by the sources (files and raw Kafka records) of jobs running in this JVM
 * (a local MiniCluster), so the command that started the job can draw a progress bar and a
 * benchmark can tell when reading ended. On a real cluster the readers run elsewhere and these stay
 * at zero; the job's metrics ({@code runtrail.read}) serve there.
 */
public final class IngestProgress {
    private static final AtomicLong BYTES = new AtomicLong();
    private static final AtomicLong RECORDS = new AtomicLong();

    private IngestProgress() {}

    static void add(long bytes, long records) {
        BYTES.addAndGet(bytes);
        RECORDS.addAndGet(records);
    }

    public static long bytes() {
        return BYTES.get();
    }

    public static long records() {
        return RECORDS.get();
    }

    /** Starts counting from zero for a new job. */
    public static void reset() {
        BYTES.set(0);
        RECORDS.set(0);
    }
}
