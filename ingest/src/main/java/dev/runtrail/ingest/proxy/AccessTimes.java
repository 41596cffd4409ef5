package dev.runtrail.ingest.proxy;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Hand-written parsers for the timestamp shapes of access logs. Each returns null when the text is
 * not of its shape, so callers can dead-letter with a reason instead of catching exceptions on the
 * hot path.
 */
public final class AccessTimes {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private AccessTimes() {}

    /** Apache/nginx common log time {@code 25/Oct/2016:14:49:33 +0200}; the offset is honoured. */
    public static Instant clf(String t) {
        if (t == null || t.length() != 26 || t.charAt(2) != '/' || t.charAt(6) != '/') {
            return null;
        }
        int day = digits(t, 0, 2);
        int month = MONTHS.indexOf(t.substring(3, 6));
        int year = digits(t, 7, 4);
        if (t.charAt(11) != ':' || t.charAt(14) != ':' || t.charAt(17) != ':') {
            return null;
        }
        int hour = digits(t, 12, 2);
        int minute = digits(t, 15, 2);
        int second = digits(t, 18, 2);
        if (t.charAt(20) != ' ') {
            return null;
        }
        int offset = offsetSeconds(t, 21);
        if (day < 0 || month < 0 || month % 3 != 0 || year < 0 || offset == Integer.MIN_VALUE) {
            return null;
        }
        return instant(year, month / 3 + 1, day, hour, minute, second, 0, offset);
    }

    /**
     * Go's {@code log} time {@code 2021/09/15 06:21:42}, as oauth2-proxy writes it. It carries no
     * zone: oauth2-proxy formats it in the process's local zone, which is UTC in its container
     * images, so the caller passes the zone offset to assume (UTC unless configured).
     */
    public static Instant goLog(String t, int offsetSeconds) {
        if (t == null || t.length() != 19 || t.charAt(4) != '/' || t.charAt(7) != '/') {
            return null;
        }
        if (t.charAt(10) != ' ' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        return instant(
                digits(t, 0, 4),
                digits(t, 5, 2),
                digits(t, 8, 2),
                digits(t, 11, 2),
                digits(t, 14, 2),
                digits(t, 17, 2),
                0,
                offsetSeconds);
    }

    /**
     * Squid's {@code 1157689312.049}: seconds since the epoch with optional millisecond fraction.
     */
    public static Instant epochSecondsFraction(String t) {
        if (t == null || t.isEmpty()) {
            return null;
        }
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        long seconds = parseLong(whole);
        if (seconds < 0 || seconds > Instant.MAX.getEpochSecond()) {
            return null; // (a damaged time beyond any Instant: no time)
        }
        long nanos = 0;
        if (dot >= 0) {
            String frac = t.substring(dot + 1);
            if (frac.isEmpty() || frac.length() > 9) {
                return null;
            }
            long f = parseLong(frac);
            if (f < 0) {
                return null;
            }
            for (int i = frac.length(); i < 9; i++) {
                f *= 10;
            }
            nanos = f;
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static Instant instant(
            int year, int month, int day, int hour, int minute, int second, int nano, int offset) {
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > monthLength(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 60) {
            return null;
        }
        long secs =
                epochDay(year, month, day) * 86400
                        + hour * 3600L
                        + minute * 60L
                        + Math.min(second, 59)
                        - offset;
        return Instant.ofEpochSecond(secs, nano);
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** {@code +0200} / {@code -0400} at {@code from}, to the end of the text. */
    private static int offsetSeconds(String t, int from) {
        if (t.length() != from + 5) {
            return Integer.MIN_VALUE;
        }
        char sign = t.charAt(from);
        int hh = digits(t, from + 1, 2);
        int mm = digits(t, from + 3, 2);
        if ((sign != '+' && sign != '-') || hh < 0 || mm < 0 || hh > 18 || mm > 59) {
            return Integer.MIN_VALUE;
        }
        int secs = hh * 3600 + mm * 60;
        return sign == '-' ? -secs : secs;
    }

    static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Non-negative decimal long, or -1. */
    static long parseLong(String t) {
        if (t == null || t.isEmpty() || t.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Seconds with a fraction ({@code 0.450}, {@code 3.942}) to nanoseconds, exactly (no floating
     * point), or -1 when not of that shape.
     */
    static long secondsToNanos(String t) {
        if (t == null || t.isEmpty()) {
            return -1;
        }
        int dot = t.indexOf('.');
        long whole = parseLong(dot < 0 ? t : t.substring(0, dot));
        if (whole < 0) {
            return -1;
        }
        long nanos = 0;
        if (dot >= 0) {
            String frac = t.substring(dot + 1);
            if (frac.length() > 9) {
                frac = frac.substring(0, 9);
            }
            long f = frac.isEmpty() ? 0 : parseLong(frac);
            if (f < 0) {
                return -1;
            }
            for (int i = frac.length(); i < 9; i++) {
                f *= 10;
            }
            nanos = f;
        }
        return whole * 1_000_000_000L + nanos;
    }

    static final ZoneOffset UTC = ZoneOffset.UTC;
}
