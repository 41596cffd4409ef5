package dev.runtrail.cli.job;

import dev.runtrail.model.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * What a bounded run did: records read, events, dead letters, and documents written per kind.
 * {@code read == events + deadLetters} always.
 */
public record JobSummary(
        long read,
        long events,
        long deadLetters,
        Map<Kind, Long> written,
        long millis,
        Map<String, SourceCount> bySource) {

    /** Records read from one source format, and how many of them were dead-lettered. */
    public record SourceCount(long read, long deadLetters) {}

    public static JobSummary of(JobExecutionResult result) {
        Map<Kind, Long> written = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            written.put(kind, value(result, KindCounter.accumulator(kind)));
        }
        return new JobSummary(
                value(result, CountingMap.READ),
                value(result, CountingMap.EVENTS),
                value(result, CountingMap.DEAD_LETTERS),
                written,
                result.getNetRuntime(),
                bySource(result));
    }

    private static Map<String, SourceCount> bySource(JobExecutionResult result) {
        Map<String, SourceCount> sources = new TreeMap<>();
        for (String name : result.getAllAccumulatorResults().keySet()) {
            if (name.startsWith(CountingMap.READ_BY_SOURCE)) {
                String format = name.substring(CountingMap.READ_BY_SOURCE.length());
                sources.put(
                        format,
                        new SourceCount(
                                value(result, name),
                                value(result, CountingMap.DEAD_LETTERS_BY_SOURCE + format)));
            }
        }
        return sources;
    }

    private static long value(JobExecutionResult result, String name) {
        Object v = result.getAccumulatorResult(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    /** The job's net runtime in seconds, at least a millisecond. */
    public double seconds() {
        return Math.max(1e-3, millis / 1000.0);
    }

    /** Records read per second of the job's net runtime. */
    public double readPerSecond() {
        return read / seconds();
    }

    /** Documents of a kind written to the sinks (upserts count each revision). */
    public long written(Kind kind) {
        return written.getOrDefault(kind, 0L);
    }
}
