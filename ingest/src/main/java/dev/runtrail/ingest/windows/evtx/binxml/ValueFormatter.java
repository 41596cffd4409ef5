package dev.runtrail.ingest.windows.evtx.binxml;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns substitution values into text the way libevtx's {@code evtxexport -f xml} prints them (the
 * reference output): hex integers zero-padded ({@code 0x%08x}/{@code 0x%016x}), GUIDs upper-case in
 * braces, FILETIME with nine fraction digits, SYSTEMTIME with milliseconds, binary as upper-case
 * hex, SIDs as {@code S-1-...}.
 */
public final class ValueFormatter {
    // Formatted values are ASCII: they are built in byte arrays and become Latin-1 strings with a
    // plain copy (a char[] would be compressed character by character first).
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    static final long FILETIME_EPOCH_OFFSET = 116444736000000000L;

    private ValueFormatter() {}

    /** Text of a value of this type at {@code [offset, offset + size)}. */
    public static String format(ByteBuffer buf, int type, int offset, int size) {
        if ((type & ValueType.ARRAY) != 0) {
            return formatArray(buf, type & ~ValueType.ARRAY, offset, size);
        }
        return switch (type) {
            case ValueType.NULL -> "";
            case ValueType.STRING -> utf16(buf, offset, size);
            case ValueType.ANSI_STRING -> ansi(buf, offset, size);
            case ValueType.INT8 -> Integer.toString(buf.get(offset));
            case ValueType.UINT8 -> Integer.toString(buf.get(offset) & 0xff);
            case ValueType.INT16 -> Integer.toString(buf.getShort(offset));
            case ValueType.UINT16 -> Integer.toString(buf.getShort(offset) & 0xffff);
            case ValueType.INT32 -> Integer.toString(buf.getInt(offset));
            case ValueType.UINT32 -> Integer.toUnsignedString(buf.getInt(offset));
            case ValueType.INT64 -> Long.toString(buf.getLong(offset));
            case ValueType.UINT64 -> Long.toUnsignedString(buf.getLong(offset));
            case ValueType.REAL32 -> real(buf.getFloat(offset));
            case ValueType.REAL64 -> real(buf.getDouble(offset));
            case ValueType.BOOL -> buf.getInt(offset) != 0 ? "true" : "false";
            case ValueType.BINARY -> hexUpper(buf, offset, size);
            case ValueType.GUID -> guid(buf, offset);
            case ValueType.SIZE_T ->
                    size == 8
                            ? Long.toUnsignedString(buf.getLong(offset))
                            : Integer.toUnsignedString(buf.getInt(offset));
            case ValueType.FILETIME -> filetime(buf.getLong(offset));
            case ValueType.SYSTEMTIME -> systemtime(buf, offset);
            case ValueType.SID -> sid(buf, offset, size);
            case ValueType.HEXINT32 -> hex32(buf.getInt(offset));
            case ValueType.HEXINT64 -> hex64(buf.getLong(offset));
            default -> hexUpper(buf, offset, size);
        };
    }

    /** Arrays render element by element, separated by commas (see {@link #arrayItems}). */
    private static String formatArray(ByteBuffer buf, int elementType, int offset, int size) {
        return String.join(",", arrayItems(buf, elementType | ValueType.ARRAY, offset, size));
    }

    /**
     * The items of an array value: NUL-separated strings, or fixed-size elements. An element whose
     * content is an array is repeated once per item, as Windows and libevtx render it.
     */
    public static java.util.List<String> arrayItems(
            ByteBuffer buf, int type, int offset, int size) {
        int elementType = type & ~ValueType.ARRAY;
        java.util.List<String> items = new java.util.ArrayList<>();
        if (elementType == ValueType.STRING) {
            int start = offset;
            int limit = offset + (size & ~1);
            for (int i = offset; i < limit; i += 2) {
                if (buf.getShort(i) == 0) {
                    items.add(utf16(buf, start, i - start));
                    start = i + 2;
                }
            }
            if (start < limit) {
                items.add(utf16(buf, start, limit - start));
            }
            return items;
        }
        if (elementType == ValueType.ANSI_STRING) {
            int start = offset;
            for (int i = offset; i < offset + size; i++) {
                if (buf.get(i) == 0) {
                    items.add(ansi(buf, start, i - start));
                    start = i + 1;
                }
            }
            if (start < offset + size) {
                items.add(ansi(buf, start, offset + size - start));
            }
            return items;
        }
        int width = elementType == ValueType.SIZE_T ? 8 : ValueType.fixedSize(elementType);
        if (elementType == ValueType.SID) {
            for (int i = offset; i + 8 <= offset + size; ) {
                int w = 8 + 4 * (buf.get(i + 1) & 0xff);
                items.add(sid(buf, i, Math.min(w, offset + size - i)));
                i += w;
            }
            return items;
        }
        if (width == 0) {
            items.add(hexUpper(buf, offset, size));
            return items;
        }
        for (int i = offset; i + width <= offset + size; i += width) {
            items.add(format(buf, elementType, i, width));
        }
        return items;
    }

    /** UTF-16LE text, without trailing NUL characters. */
    public static String utf16(ByteBuffer buf, int offset, int size) {
        int chars = size >> 1;
        while (chars > 0 && buf.getShort(offset + (chars - 1) * 2) == 0) {
            chars--;
        }
        if (chars == 0) {
            return "";
        }
        byte[] array = buf.array();
        int base = buf.arrayOffset() + offset;
        // Most event text is Latin-1: copy the low bytes in one pass and use them if every high
        // byte was zero, without a charset decoder.
        byte[] latin1 = new byte[chars];
        int high = 0;
        for (int i = 0; i < chars; i++) {
            latin1[i] = array[base + 2 * i];
            high |= array[base + 2 * i + 1];
        }
        if (high == 0) {
            return new String(latin1, StandardCharsets.ISO_8859_1);
        }
        char[] out = new char[chars];
        int n = 0;
        for (int i = 0; i < chars; i++) {
            char c = (char) ((array[base + 2 * i] & 0xff) | (array[base + 2 * i + 1] & 0xff) << 8);
            if (Character.isSurrogate(c)) {
                // Like libevtx: a high surrogate and the unit after it that do not form a pair
                // become one U+FFFD; a lone low surrogate becomes U+FFFD.
                if (Character.isHighSurrogate(c) && i + 1 < chars) {
                    char low =
                            (char)
                                    ((array[base + 2 * i + 2] & 0xff)
                                            | (array[base + 2 * i + 3] & 0xff) << 8);
                    i++;
                    if (Character.isLowSurrogate(low)) {
                        out[n++] = c;
                        out[n++] = low;
                        continue;
                    }
                }
                out[n++] = '\uFFFD';
                continue;
            }
            out[n++] = c;
        }
        return new String(out, 0, n);
    }

    /**
     * Like {@link #utf16(ByteBuffer, int, int)}, and tells whether the text may need XML escaping:
     * false only for Latin-1 text without {@code & < > "}, which writers can then copy as is
     * instead of scanning it again.
     */
    public static String utf16(ByteBuffer buf, int offset, int size, boolean[] mayNeedEscaping) {
        return utf16(buf, offset, size, mayNeedEscaping, null);
    }

    /**
     * Like {@link #utf16(ByteBuffer, int, int, boolean[])}, gathering the Latin-1 bytes in {@code
     * scratch} when they fit (so the only allocation is the String's own copy).
     */
    public static String utf16(
            ByteBuffer buf, int offset, int size, boolean[] mayNeedEscaping, byte[] scratch) {
        int chars = size >> 1;
        while (chars > 0 && buf.getShort(offset + (chars - 1) * 2) == 0) {
            chars--;
        }
        if (chars == 0) {
            mayNeedEscaping[0] = false;
            return "";
        }
        byte[] array = buf.array();
        int base = buf.arrayOffset() + offset;
        byte[] latin1 = scratch != null && scratch.length >= chars ? scratch : new byte[chars];
        int high = 0;
        boolean special = false;
        for (int i = 0; i < chars; i++) {
            byte b = array[base + 2 * i];
            latin1[i] = b;
            high |= array[base + 2 * i + 1];
            special |= b == '&' | b == '<' | b == '>' | b == '"';
        }
        if (high == 0) {
            mayNeedEscaping[0] = special;
            return new String(latin1, 0, chars, StandardCharsets.ISO_8859_1);
        }
        mayNeedEscaping[0] = true;
        return utf16(buf, offset, size);
    }

    /** Single-byte text, without trailing NULs. */
    public static String ansi(ByteBuffer buf, int offset, int size) {
        int n = size;
        while (n > 0 && buf.get(offset + n - 1) == 0) {
            n--;
        }
        return new String(buf.array(), buf.arrayOffset() + offset, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}}, upper case, first three groups little-endian.
     */
    public static String guid(ByteBuffer buf, int offset) {
        byte[] c = new byte[38];
        c[0] = '{';
        int p = 1;
        p = hexLe(buf, offset, 4, c, p);
        c[p++] = '-';
        p = hexLe(buf, offset + 4, 2, c, p);
        c[p++] = '-';
        p = hexLe(buf, offset + 6, 2, c, p);
        c[p++] = '-';
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                c[p++] = '-';
            }
            int b = buf.get(offset + i) & 0xff;
            c[p++] = HEX_UPPER[b >> 4];
            c[p++] = HEX_UPPER[b & 15];
        }
        c[p] = '}';
        return ascii(c);
    }

    private static int hexLe(ByteBuffer buf, int offset, int n, byte[] c, int p) {
        for (int i = n - 1; i >= 0; i--) {
            int b = buf.get(offset + i) & 0xff;
            c[p++] = HEX_UPPER[b >> 4];
            c[p++] = HEX_UPPER[b & 15];
        }
        return p;
    }

    static String hex32(int v) {
        byte[] c = new byte[10];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < 8; i++) {
            c[9 - i] = HEX_LOWER[(v >>> (4 * i)) & 15];
        }
        return ascii(c);
    }

    static String hex64(long v) {
        byte[] c = new byte[18];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < 16; i++) {
            c[17 - i] = HEX_LOWER[(int) (v >>> (4 * i)) & 15];
        }
        return ascii(c);
    }

    static String hexUpper(ByteBuffer buf, int offset, int size) {
        byte[] c = new byte[size * 2];
        for (int i = 0; i < size; i++) {
            int b = buf.get(offset + i) & 0xff;
            c[2 * i] = HEX_UPPER[b >> 4];
            c[2 * i + 1] = HEX_UPPER[b & 15];
        }
        return ascii(c);
    }

    static String real(double v) {
        return Double.toString(v);
    }

    /** First and last day (epoch days) that {@link #filetime} writes in the fixed-width form. */
    private static final long FIRST_DAY = java.time.LocalDate.of(0, 1, 1).toEpochDay();

    private static final long LAST_DAY = java.time.LocalDate.of(9999, 12, 31).toEpochDay();

    /** FILETIME as {@code yyyy-MM-ddTHH:mm:ss.fffffffffZ} (100-ns precision, nine digits). */
    public static String filetime(long ticks) {
        byte[] c = new byte[FILETIME_LENGTH];
        if (filetime(ticks, c, 0) < 0) {
            return instant(ticks).toString();
        }
        return ascii(c);
    }

    /** Length of the fixed-width FILETIME text, {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    public static final int FILETIME_LENGTH = 30;

    /**
     * Writes the text {@link #filetime(long)} gives into {@code out} at {@code at} ({@link
     * #FILETIME_LENGTH} bytes), for writers that need no String of it; -1 and nothing written when
     * the year is outside 0000-9999, else the position after it.
     */
    public static int filetime(long ticks, byte[] out, int at) {
        long unixTicks = ticks - FILETIME_EPOCH_OFFSET;
        long seconds = Math.floorDiv(unixTicks, 10_000_000L);
        int hundredNanos = (int) Math.floorMod(unixTicks, 10_000_000L);
        long days = Math.floorDiv(seconds, 86400L);
        if (days < FIRST_DAY || days > LAST_DAY) {
            return -1;
        }
        int secOfDay = (int) Math.floorMod(seconds, 86400L);
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
        out[at + 4] = '-';
        out[at + 7] = '-';
        out[at + 10] = 'T';
        out[at + 13] = ':';
        out[at + 16] = ':';
        out[at + 19] = '.';
        out[at + 29] = 'Z';
        digits(out, at, date.getYear(), 4);
        digits(out, at + 5, date.getMonthValue(), 2);
        digits(out, at + 8, date.getDayOfMonth(), 2);
        digits(out, at + 11, secOfDay / 3600, 2);
        digits(out, at + 14, secOfDay / 60 % 60, 2);
        digits(out, at + 17, secOfDay % 60, 2);
        digits(out, at + 20, hundredNanos, 7);
        out[at + 27] = '0';
        out[at + 28] = '0';
        return at + FILETIME_LENGTH;
    }

    private static void digits(byte[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The instant {@link #filetime} writes for these ticks, when it writes the fixed-width form
     * (years 0000-9999); null otherwise. Saves parsing that text back for {@code TimeCreated}.
     */
    public static java.time.Instant filetimeInstant(long ticks) {
        long unixTicks = ticks - FILETIME_EPOCH_OFFSET;
        long seconds = Math.floorDiv(unixTicks, 10_000_000L);
        long days = Math.floorDiv(seconds, 86400L);
        if (days < FIRST_DAY || days > LAST_DAY) {
            return null;
        }
        return java.time.Instant.ofEpochSecond(
                seconds, Math.floorMod(unixTicks, 10_000_000L) * 100L);
    }

    /** The instant of a FILETIME. */
    public static java.time.Instant instant(long ticks) {
        long unixTicks = ticks - FILETIME_EPOCH_OFFSET;
        return java.time.Instant.ofEpochSecond(
                Math.floorDiv(unixTicks, 10_000_000L), Math.floorMod(unixTicks, 10_000_000L) * 100);
    }

    private static String systemtime(ByteBuffer buf, int offset) {
        int year = buf.getShort(offset) & 0xffff;
        int month = buf.getShort(offset + 2) & 0xffff;
        int day = buf.getShort(offset + 6) & 0xffff;
        int hour = buf.getShort(offset + 8) & 0xffff;
        int minute = buf.getShort(offset + 10) & 0xffff;
        int second = buf.getShort(offset + 12) & 0xffff;
        int millis = buf.getShort(offset + 14) & 0xffff;
        StringBuilder sb = new StringBuilder(24);
        pad(sb, year, 4);
        sb.append('-');
        pad(sb, month, 2);
        sb.append('-');
        pad(sb, day, 2);
        sb.append('T');
        pad(sb, hour, 2);
        sb.append(':');
        pad(sb, minute, 2);
        sb.append(':');
        pad(sb, second, 2);
        sb.append('.');
        pad(sb, millis, 3);
        sb.append('Z');
        return sb.toString();
    }

    private static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    /** {@code S-<revision>-<authority>-<sub>...}. */
    static String sid(ByteBuffer buf, int offset, int size) {
        if (size < 8) {
            return hexUpper(buf, offset, size);
        }
        int revision = buf.get(offset) & 0xff;
        int subCount = buf.get(offset + 1) & 0xff;
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (buf.get(offset + i) & 0xff);
        }
        StringBuilder sb = new StringBuilder(48);
        sb.append("S-").append(revision).append('-').append(authority);
        for (int i = 0; i < subCount && offset + 8 + i * 4 + 4 <= offset + size; i++) {
            sb.append('-').append(Integer.toUnsignedString(buf.getInt(offset + 8 + i * 4)));
        }
        return sb.toString();
    }
}
