package dev.runtrail.ingest.airflow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * A small hand-written parser for every timestamp shape Airflow writes, without a {@code
 * DateTimeFormatter} per line:
 *
 * <ul>
 *   <li>{@code 2024-05-01 12:00:03,123} (1.10 / 2.0-2.2 {@code asctime}, no zone: read as UTC)
 *   <li>{@code 2024-05-01T12:00:03.123+0000}, {@code ...+00:00}, {@code ...Z} (2.3+ files, API)
 *   <li>{@code 2022-03-13, 09:11:16 UTC} and {@code 2024-07-23, 16:45:35 WEST} (the web UI's
 *       rendering, as pasted from the browser)
 *   <li>{@code 20240723T154406} ("Marking task as" fields, UTC)
 *   <li>{@code 2020_08_19T14_26_07_226064} (the Elasticsearch handler's {@code execution_date})
 * </ul>
 *
 * <p>Zone abbreviations are ambiguous in general; {@link #ABBREVIATIONS} holds the common ones with
 * the meaning browsers give them in Europe and North America (CST is US Central, IST is not
 * guessed). An unknown abbreviation makes {@link #parse} return null; {@link #parseIgnoringZone}
 * then reads the wall time as UTC so the caller can keep the line and flag it.
 */
public final class AirflowTime {
    private static final Map<String, Integer> ABBREVIATIONS =
            Map.ofEntries(
                    Map.entry("UTC", 0),
                    Map.entry("GMT", 0),
                    Map.entry("UT", 0),
                    Map.entry("Z", 0),
                    Map.entry("WET", 0),
                    Map.entry("WEST", 3600),
                    Map.entry("BST", 3600),
                    Map.entry("CET", 3600),
                    Map.entry("MET", 3600),
                    Map.entry("CEST", 7200),
                    Map.entry("MEST", 7200),
                    Map.entry("EET", 7200),
                    Map.entry("EEST", 10800),
                    Map.entry("MSK", 10800),
                    Map.entry("EST", -18000),
                    Map.entry("EDT", -14400),
                    Map.entry("CST", -21600),
                    Map.entry("CDT", -18000),
                    Map.entry("MST", -25200),
                    Map.entry("MDT", -21600),
                    Map.entry("PST", -28800),
                    Map.entry("PDT", -25200),
                    Map.entry("AKST", -32400),
                    Map.entry("AKDT", -28800),
                    Map.entry("HST", -36000),
                    Map.entry("JST", 32400),
                    Map.entry("KST", 32400),
                    Map.entry("SGT", 28800),
                    Map.entry("HKT", 28800),
                    Map.entry("AWST", 28800),
                    Map.entry("ACST", 34200),
                    Map.entry("AEST", 36000),
                    Map.entry("AEDT", 39600),
                    Map.entry("NZST", 43200),
                    Map.entry("NZDT", 46800));

    private AirflowTime() {}

    /** The instant in {@code s}, or null when it is not an Airflow timestamp. */
    public static Instant parse(CharSequence s) {
        return s == null ? null : parse(s, 0, s.length());
    }

    /** The instant in {@code s[from, to)}, or null when it is not an Airflow timestamp. */
    public static Instant parse(CharSequence s, int from, int to) {
        return parse(s, from, to, false);
    }

    /**
     * Like {@link #parse} but reads the wall time as UTC when the zone is an unknown abbreviation
     * (the caller should flag the result as uncertain).
     */
    public static Instant parseIgnoringZone(CharSequence s, int from, int to) {
        return parse(s, from, to, true);
    }

    private static Instant parse(CharSequence s, int from, int to, boolean unknownZoneAsUtc) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        if (to - from < 15) {
            return null;
        }
        int p = from;
        int year = digits(s, p, 4);
        if (year < 0) {
            return null;
        }
        p += 4;
        int month;
        int day;
        boolean compact = Character.isDigit(s.charAt(p));
        if (compact) {
            month = digits(s, p, 2);
            day = digits(s, p + 2, 2);
            p += 4;
        } else {
            char sep = s.charAt(p);
            if ((sep != '-' && sep != '_') || p + 6 > to || s.charAt(p + 3) != sep) {
                return null;
            }
            month = digits(s, p + 1, 2);
            day = digits(s, p + 4, 2);
            p += 6;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || p >= to) {
            return null;
        }
        char dateTimeSep = s.charAt(p);
        if (dateTimeSep == ',') {
            p++;
        }
        if (p >= to) {
            return null;
        }
        dateTimeSep = s.charAt(p);
        if (dateTimeSep != 'T' && dateTimeSep != ' ' && dateTimeSep != 't') {
            return null;
        }
        p++;
        int hour;
        int minute;
        int second;
        if (compact) {
            if (p + 6 > to) {
                return null;
            }
            hour = digits(s, p, 2);
            minute = digits(s, p + 2, 2);
            second = digits(s, p + 4, 2);
            p += 6;
        } else {
            if (p + 8 > to) {
                return null;
            }
            char tsep = s.charAt(p + 2);
            if ((tsep != ':' && tsep != '_') || s.charAt(p + 5) != tsep) {
                return null;
            }
            hour = digits(s, p, 2);
            minute = digits(s, p + 3, 2);
            second = digits(s, p + 6, 2);
            p += 8;
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (p < to && (s.charAt(p) == '.' || s.charAt(p) == ',' || s.charAt(p) == '_')) {
            int start = ++p;
            while (p < to && Character.isDigit(s.charAt(p))) {
                if (p - start < 9) {
                    nanos = nanos * 10 + (s.charAt(p) - '0');
                }
                p++;
            }
            int n = p - start;
            if (n == 0) {
                return null;
            }
            for (int i = n; i < 9; i++) {
                nanos *= 10;
            }
        }
        long local = epochDay(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
        while (p < to && s.charAt(p) == ' ') {
            p++;
        }
        if (p == to) {
            return Instant.ofEpochSecond(local, nanos);
        }
        char z = s.charAt(p);
        if (z == '+' || z == '-') {
            int offset = offsetSeconds(s, p + 1, to);
            if (offset == Integer.MIN_VALUE) {
                return null;
            }
            return Instant.ofEpochSecond(local - (z == '-' ? -offset : offset), nanos);
        }
        String zone = s.subSequence(p, to).toString();
        Integer offset = ABBREVIATIONS.get(zone);
        if (offset != null) {
            return Instant.ofEpochSecond(local - offset, nanos);
        }
        if (zone.indexOf('/') > 0) {
            try {
                return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                        .atZone(ZoneId.of(zone))
                        .toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }
        return unknownZoneAsUtc && isLetters(zone) ? Instant.ofEpochSecond(local, nanos) : null;
    }

    /** {@code HH}, {@code HHMM} or {@code HH:MM} in seconds, or MIN_VALUE. */
    private static int offsetSeconds(CharSequence s, int p, int to) {
        int n = to - p;
        int hours = n >= 2 ? digits(s, p, 2) : -1;
        int minutes;
        if (n == 2) {
            minutes = 0;
        } else if (n == 4) {
            minutes = digits(s, p + 2, 2);
        } else if (n == 5 && s.charAt(p + 2) == ':') {
            minutes = digits(s, p + 3, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        return hours * 3600 + minutes * 60;
    }

    private static boolean isLetters(String zone) {
        for (int i = 0; i < zone.length(); i++) {
            if (!Character.isLetter(zone.charAt(i))) {
                return false;
            }
        }
        return !zone.isEmpty();
    }

    /** The value of {@code n} ASCII digits at {@code p}, or -1. */
    private static int digits(CharSequence s, int p, int n) {
        if (p + n > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = p; i < p + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468L;
    }
}
