package dev.runtrail.cli.bench;

import dev.runtrail.ingest.flink.IngestProgress;

/**
 * Notes when the source (files or Kafka) read its first and last record, by sampling the in-JVM
 * ingest counters, so a harness can tell reading time from the job's start-up and shutdown time.
 */
final class ReadClock implements AutoCloseable {
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile long lastChangeNanos = startNanos;
    private volatile long lastCount;
    private volatile long firstNanos = -1;
    private volatile boolean running = true;

    ReadClock() {
        IngestProgress.reset();
        thread = new Thread(this::sample, "bench-read-clock");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            long count = IngestProgress.records();
            long now = System.nanoTime();
            if (count != lastCount) {
                if (firstNanos < 0) {
                    firstNanos = now;
                }
                lastCount = count;
                lastChangeNanos = now;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Seconds from the first to the last observed record (sampling resolution 20 ms). */
    double readingSeconds() {
        return firstNanos < 0 ? 0 : (lastChangeNanos - firstNanos) / 1e9;
    }

    /** Seconds from the start of the clock to the first observed record (job start-up). */
    double startupSeconds() {
        return firstNanos < 0 ? 0 : (firstNanos - startNanos) / 1e9;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
