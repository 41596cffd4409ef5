package dev.runtrail.ingest.windows;

import java.util.Locale;

/**
 * Canonical form of Windows logon ids. EVTX renders them zero-padded ({@code 0x00000000000003e7}),
 * Event Viewer and Winlogbeat unpadded in either case ({@code 0x3E7}); sessions are joined on the
 * id, so every format must yield the same string: lower-case hex with {@code 0x} and no padding.
 */
public final class LogonIds {
    private LogonIds() {}

    /**
     * The canonical logon id, or null for an absent value; a value that is not a hex number is
     * returned trimmed but otherwise unchanged, so nothing is lost.
     */
    public static String normalize(String raw) {
        String v = SecurityEvents.value(raw);
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (v.length() > 2 && v.charAt(0) == '0' && (v.charAt(1) == 'x' || v.charAt(1) == 'X')) {
            if (isCanonical(v)) {
                return v; // as most exports write it: parsing and printing would give it back
            }
            if (isHex(v)) {
                // EVTX writes them zero-padded
                return "0x" + Long.toHexString(hexValue(v));
            }
            try {
                return "0x" + Long.toHexString(Long.parseUnsignedLong(v.substring(2), 16));
            } catch (NumberFormatException e) {
                return v.toLowerCase(Locale.ROOT);
            }
        }
        return v;
    }

    /**
     * Whether the text is {@code 0x} or {@code 0X} and one to sixteen ASCII hex digits: the shape
     * {@link #hexValue} reads, giving what {@link Long#parseUnsignedLong} would, without its
     * substring.
     */
    static boolean isHex(String v) {
        int n = v.length();
        if (n < 3 || n > 18 || v.charAt(0) != '0' || (v.charAt(1) != 'x' && v.charAt(1) != 'X')) {
            return false;
        }
        for (int i = 2; i < n; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The value of text for which {@link #isHex} holds. */
    static long hexValue(String v) {
        long value = 0;
        for (int i = 2; i < v.length(); i++) {
            value = value << 4 | Character.digit(v.charAt(i), 16);
        }
        return value;
    }

    /** {@code 0x} and one to sixteen lower-case hex digits without leading zeros. */
    private static boolean isCanonical(String v) {
        int digits = v.length() - 2;
        if (v.charAt(1) != 'x' || digits > 16 || (digits > 1 && v.charAt(2) == '0')) {
            return false;
        }
        for (int i = 2; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
