package dev.runtrail.ingest.windows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the timestamps Windows exports write, keeping every fractional digit: ISO-8601 with {@code
 * Z} or an offset ({@code 2025-06-08T07:15:09.2216228Z}), and the zone-less forms of python-evtx
 * and NXLog ({@code 2021-11-13 14:30:53.638285}), which are UTC in the former and taken as UTC here
 * for lack of anything better.
 */
public final class WindowsTimes {
    private WindowsTimes() {}

    /** The instant, or null when the text is not one of the forms above. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.length() < 19) {
            return null;
        }
        if (s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        try {
            char last = s.charAt(s.length() - 1);
            if (last == 'Z' || last == 'z') {
                return Instant.parse(s);
            }
            if (hasOffset(s)) {
                return OffsetDateTime.parse(s).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Whether the text after the seconds carries a {@code +hh:mm} or {@code -hh:mm} offset. */
    private static boolean hasOffset(String s) {
        for (int i = 19; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }
}
