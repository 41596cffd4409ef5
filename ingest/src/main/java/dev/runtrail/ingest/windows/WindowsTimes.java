package dev.runtrail.ingest.windows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses the timestamps Windows exports write, keeping every fractional digit: ISO-8601 with {@code
 * Z} or an offset ({@code 2025-06-08T07:15:09.2216228Z}), and the zone-less forms of python-evtx
 * and NXLog ({@code 2021-11-13 14:30:53.638285}), which are UTC in the former and taken as UTC here
 * for lack of anything better. The common {@code Z} form is read by hand, since every event of
 * every Windows format goes through here and {@code DateTimeFormatter} is slow.
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
        Instant fast = parseUtc(s);
        if (fast != null) {
            return fast;
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

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (or a space for the T, or no Z), else null so that the
     * general parsers decide.
     */
    private static Instant parseUtc(String s) {
        int n = s.length();
        if (s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i < n && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            i++;
        }
        if (i != n || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(
                epochDay * 86400 + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
