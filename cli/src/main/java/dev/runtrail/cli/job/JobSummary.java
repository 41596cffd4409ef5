package dev.runtrail.cli.job;

import dev.runtrail.model.Kind;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;

/**
 * What a bounded run did: records read, events, dead letters, and documents written per kind.
 * {@code read == events + deadLetters} always.
 */
public record JobSummary(
        long read, long events, long deadLetters, Map<Kind, Long> written, long millis) {

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
                result.getNetRuntime());
    }

    private static long value(JobExecutionResult result, String name) {
        Object v = result.getAccumulatorResult(name);
        return v instanceof Number n ? n.longValue() : 0L;
    }

    /** Documents of a kind written to the sinks (upserts count each revision). */
    public long written(Kind kind) {
        return written.getOrDefault(kind, 0L);
    }
}
