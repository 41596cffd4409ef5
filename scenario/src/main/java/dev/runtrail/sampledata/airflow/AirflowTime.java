package dev.runtrail.sampledata.airflow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The ways Airflow 2.x prints a moment. */
public final class AirflowTime {
    private static final DateTimeFormatter LOG =
            DateTimeFormatter.ofPattern("'['yyyy-MM-dd', 'HH:mm:ss' UTC]'")
                    .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private AirflowTime() {}

    /** {@code [2024-05-01, 12:00:03 UTC]}, the task-log prefix. */
    public static String logPrefix(Instant t) {
        return LOG.format(t);
    }

    /** {@code 20240501T120003}, as the "Marking task as" line prints dates. */
    public static String compact(Instant t) {
        return COMPACT.format(t);
    }

    /** Python {@code datetime.isoformat()} of an aware UTC datetime (micros only when non-zero). */
    public static String iso(Instant t) {
        Instant micros = t.truncatedTo(ChronoUnit.MICROS);
        String base = SECONDS.format(micros);
        int nanos = micros.getNano();
        return nanos == 0
                ? base + "+00:00"
                : base + String.format(".%06d", nanos / 1000) + "+00:00";
    }

    /** Python {@code str(datetime)}: a space instead of the T. */
    public static String str(Instant t) {
        return iso(t).replace('T', ' ');
    }
}
