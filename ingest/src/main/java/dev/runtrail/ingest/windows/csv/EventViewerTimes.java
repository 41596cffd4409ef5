package dev.runtrail.ingest.windows.csv;

import dev.runtrail.ingest.windows.WindowsTimes;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The "Date and Time" column of Event Viewer CSV exports. Event Viewer writes local time in the
 * exporting user's locale and no zone; the en-US form ({@code 6/8/2025 7:15:09 AM}) and ISO forms
 * are read, and the time is taken as UTC for lack of a zone (events get a tag saying so).
 */
final class EventViewerTimes {
    private static final DateTimeFormatter US =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("M/d/yyyy h:mm:ss a")
                    .toFormatter(Locale.US);

    private EventViewerTimes() {}

    static Instant parse(String text) {
        String s = text.trim();
        Instant iso = WindowsTimes.parse(s);
        if (iso != null) {
            return iso;
        }
        try {
            return LocalDateTime.parse(s, US).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
