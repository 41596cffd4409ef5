package dev.runtrail.correlate;

import dev.runtrail.model.EcsDocument;
import java.time.Instant;

/** Event-time helpers: epoch milliseconds, with {@link #NONE} for "not known". */
public final class Times {
    private Times() {}

    /** Marker for an unknown time; sorts before every real time. */
    public static final long NONE = Long.MIN_VALUE;

    /** The field as epoch millis, or {@link #NONE}. */
    public static long millis(EcsDocument doc, String key) {
        Instant i = doc.getInstant(key);
        return i == null ? NONE : i.toEpochMilli();
    }

    /** The instant of a millis value, or null for {@link #NONE}. */
    public static Instant instant(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * The end of the second that contains {@code millis}: emissions due in the same second share
     * one timer, which Flink deduplicates per key.
     */
    public static long ceilSecond(long millis) {
        long floor = Math.floorDiv(millis, 1000L) * 1000L;
        return floor == millis ? millis : floor + 1000L;
    }

    /** Adds without overflowing past {@link Long#MAX_VALUE}; {@link #NONE} stays NONE. */
    public static long plus(long millis, long delta) {
        if (millis == NONE) {
            return NONE;
        }
        long r = millis + delta;
        return ((millis ^ r) & (delta ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Subtracts a non-negative delta, saturating at {@link #NONE}. */
    public static long minus(long millis, long delta) {
        return millis < NONE + delta ? NONE : millis - delta;
    }
}
