package dev.runtrail.model;

import java.time.Instant;

/**
 * Writes an instant as {@link Instant#toString()} does ({@code 2024-05-01T12:00:03.123Z}: seconds
 * always, the fraction in groups of three digits as needed). Every event carries a few timestamps
 * (written to JSON, and hashed into Windows event ids) and the JDK's formatter goes through a
 * general printer-parser chain for each; this is plain arithmetic. Years outside 0000-9999 are left
 * to the JDK.
 */
public final class IsoInstantText {
    /** Room for the longest text written here: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    public static final int MAX_LENGTH = 30;

    private static final long SECONDS_PER_DAY = 86_400;

    /** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
    private static final long DAYS_0000_TO_1970 = 719_468;

    private IsoInstantText() {}

    /** The same text as {@link Instant#toString()}. */
    public static String text(Instant instant) {
        char[] out = new char[MAX_LENGTH];
        int length = format(instant, out);
        return length < 0 ? instant.toString() : new String(out, 0, length);
    }

    /**
     * Writes into a caller's buffer of at least {@link #MAX_LENGTH} characters.
     *
     * @return the number of characters written, or -1 when the year has not four digits
     */
    public static int format(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // civil date from a day count (H. Hinnant's days_from_civil, inverted), in 400-year eras
        long z = epochDay + DAYS_0000_TO_1970;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra =
                (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 = March
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9_999) {
            return -1;
        }
        int p = 0;
        p = digits(out, p, (int) year, 4);
        out[p++] = '-';
        p = digits(out, p, month, 2);
        out[p++] = '-';
        p = digits(out, p, day, 2);
        out[p++] = 'T';
        p = digits(out, p, secondOfDay / 3_600, 2);
        out[p++] = ':';
        p = digits(out, p, secondOfDay / 60 % 60, 2);
        out[p++] = ':';
        p = digits(out, p, secondOfDay % 60, 2);
        return fraction(instant.getNano(), out, p);
    }

    /** Length of the text up to the seconds, {@code yyyy-MM-ddTHH:mm:ss}, when it is written. */
    public static final int SECONDS_LENGTH = 19;

    /**
     * Writes the part after the seconds ({@code .123Z}, or {@code Z}) at {@code p}, for callers
     * that keep the text of an instant in the same second.
     *
     * @return the position after it
     */
    public static int fraction(int nanos, char[] out, int p) {
        if (nanos > 0) {
            out[p++] = '.';
            if (nanos % 1_000_000 == 0) {
                p = digits(out, p, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                p = digits(out, p, nanos / 1_000, 6);
            } else {
                p = digits(out, p, nanos, 9);
            }
        }
        out[p++] = 'Z';
        return p;
    }

    private static int digits(char[] out, int p, int value, int width) {
        for (int i = p + width - 1; i >= p; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return p + width;
    }
}
