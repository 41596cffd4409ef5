package dev.runtrail.cli.bench;

import dev.runtrail.model.EcsDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves a document forward in time: every {@link Instant} value (also inside lists) is shifted and
 * the id gets a suffix, so a replayed copy of a scenario forms new sessions and attempts windows
 * instead of landing in the state of the earlier copy.
 */
final class TimeShift {
    private TimeShift() {}

    static EcsDocument shift(EcsDocument doc, Duration by, String idSuffix) {
        // One pass that copies and shifts (copy() and then shifting would copy every list twice):
        // the replay runs this for every event, on the one thread that feeds the whole job.
        EcsDocument copy = new EcsDocument(doc.kind(), doc.id() + idSuffix);
        Map<String, Object> fields = copy.mutableFields();
        for (Map.Entry<String, Object> e : doc.fields().entrySet()) {
            fields.put(e.getKey(), shiftValue(e.getValue(), by));
        }
        return copy;
    }

    private static Object shiftValue(Object value, Duration by) {
        if (value instanceof Instant t) {
            return t.plus(by);
        }
        if (value instanceof List<?> list) {
            List<Object> shifted = new ArrayList<>(list.size());
            for (Object v : list) {
                shifted.add(v instanceof Instant t ? t.plus(by) : v);
            }
            return shifted;
        }
        return value;
    }

    /** Whole days that cover {@code span} plus one hour, so copies never overlap in time. */
    static Duration period(Duration span) {
        long days = span.plusHours(1).toDays() + 1;
        return Duration.ofDays(days);
    }
}
