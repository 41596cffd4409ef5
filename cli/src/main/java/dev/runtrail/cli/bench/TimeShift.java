package dev.runtrail.cli.bench;

import dev.runtrail.model.EcsDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a document forward in time, in place: every {@link Instant} value (also inside lists) is
 * shifted and the id gets a suffix, so a replayed copy of a scenario forms new sessions and
 * attempts windows instead of landing in the state of the earlier copy.
 */
final class TimeShift {
    private TimeShift() {}

    /** Shifts the document's time values and appends {@code idSuffix} to its id, in place. */
    static void shift(EcsDocument doc, Duration by, String idSuffix) {
        doc.id(doc.id() + idSuffix);
        doc.mutableFields().replaceAll((key, value) -> shiftValue(value, by));
    }

    private static Object shiftValue(Object value, Duration by) {
        // Strings first: most values are, and a class test is cheaper than an interface test.
        if (value instanceof String) {
            return value;
        }
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
