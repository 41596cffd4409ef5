package dev.runtrail.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 buffer that JSON values are written into, byte for byte as Jackson's {@code
 * UTF8JsonGenerator} (default settings) writes them: the same escapes ({@code \"}, {@code \\},
 * {@code \b \t \n \f \r}, and a backslash, {@code u} and four upper-case hex digits for other
 * control characters and for each half of a surrogate pair), numbers as {@code Long.toString} and
 * {@code Double.toString}, a non-finite double as a quoted string.
 *
 * <p>Why not the generator: every sink turns every document into JSON, and the generator checks its
 * context and looks at one character at a time. Here the separators and quoted names of a document
 * are known in advance ({@link NestedSource} keeps them per shape of document), and an ASCII
 * string, most of all {@code event.original}, a kilobyte or two of XML or JSON, is checked and
 * copied eight bytes at a time.
 *
 * <p>Not thread-safe; the writers keep one per thread.
 */
final class JsonBytes {
    /** Strings shorter than this are escaped a character at a time; a word test costs more. */
    private static final int WORD_SCAN_MIN_LENGTH = 16;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long SPACES = 0x2020202020202020L;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    /** The escape letter of each control character that has a short one, else 0. */
    private static final byte[] SHORT_ESCAPES = new byte[32];

    static {
        SHORT_ESCAPES['\b'] = 'b';
        SHORT_ESCAPES['\t'] = 't';
        SHORT_ESCAPES['\n'] = 'n';
        SHORT_ESCAPES['\f'] = 'f';
        SHORT_ESCAPES['\r'] = 'r';
    }

    private byte[] buf;
    private int size;

    JsonBytes(int capacity) {
        buf = new byte[capacity];
    }

    int size() {
        return size;
    }

    byte[] buffer() {
        return buf;
    }

    void reset() {
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void raw(byte b) {
        room(1);
        buf[size++] = b;
    }

    void raw(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    void nullValue() {
        raw(NULL);
    }

    void bool(boolean b) {
        raw(b ? TRUE : FALSE);
    }

    void number(long v) {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        room(20);
        if (v < 0) {
            buf[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int at = size + digits;
        do {
            buf[--at] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        size += digits;
    }

    void number(double v) {
        String text = Double.toString(v);
        if (Double.isFinite(v)) {
            ascii(text);
        } else {
            raw((byte) '"');
            ascii(text);
            raw((byte) '"');
        }
    }

    /** ASCII characters as they are: digits, names known to need no escape. */
    void ascii(char[] chars, int from, int to) {
        room(to - from);
        for (int i = from; i < to; i++) {
            buf[size++] = (byte) chars[i];
        }
    }

    private void ascii(String text) {
        int n = text.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) text.charAt(i);
        }
    }

    /** The UTF-8 bytes of a JSON string's content, escaped, without the quotes. */
    static byte[] escaped(String s) {
        JsonBytes out = new JsonBytes(s.length() + 8);
        out.string(s);
        return Arrays.copyOfRange(out.buf, 1, out.size - 1);
    }

    /** A quoted, escaped JSON string. */
    void string(String s) {
        int n = s.length();
        if (n >= WORD_SCAN_MIN_LENGTH) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length == n) {
                asciiString(utf8, n);
                return;
            }
        }
        charString(s, n);
    }

    /**
     * A string whose UTF-8 bytes are all ASCII. The buffer grows as escapes come, not by six bytes
     * per character up front: a dead letter may hold a line of 50 MB.
     */
    private void asciiString(byte[] utf8, int n) {
        // Room for the text, unescaped, and both quotes; each escape then makes room for itself
        // and whatever is left.
        room(n + 2);
        byte[] b = buf;
        int o = size;
        b[o++] = '"';
        int i = 0;
        while (true) {
            int clean = firstToEscape(utf8, i, n);
            System.arraycopy(utf8, i, b, o, clean - i);
            o += clean - i;
            if (clean == n) {
                break;
            }
            if (b.length - o < 7 + (n - clean)) {
                size = o;
                room(7 + (n - clean));
                b = buf;
            }
            o = escape(utf8[clean], b, o);
            i = clean + 1;
        }
        b[o++] = '"';
        size = o;
    }

    /**
     * The index of the first byte from {@code from} that needs an escape ({@code "}, {@code \} or a
     * control character), or {@code end}. The bytes are ASCII, so each byte's high bit is free for
     * the word-wide tests; a test may flag bytes above the first true one too (a borrow runs on),
     * never one below it, so the lowest flag is exact.
     */
    static int firstToEscape(byte[] b, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i);
            long found = zeroBytes(w ^ QUOTES) | zeroBytes(w ^ BACKSLASHES) | ((w - SPACES) & ~w);
            found &= HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            int c = b[i];
            if (c < 0x20 || c == '"' || c == '\\') {
                return i;
            }
        }
        return end;
    }

    /** The high bit set in each byte of {@code v} that is zero (and maybe in bytes above it). */
    private static long zeroBytes(long v) {
        return (v - ONES) & ~v;
    }

    /** Characters written per step of {@link #charString}, each step making room for its worst. */
    private static final int CHARS_PER_STEP = 1024;

    /** Any string, a character at a time: UTF-8 for non-ASCII, surrogates escaped one by one. */
    private void charString(String s, int n) {
        raw((byte) '"');
        for (int from = 0; from < n; from += CHARS_PER_STEP) {
            int to = Math.min(n, from + CHARS_PER_STEP);
            room(6 * (to - from));
            byte[] b = buf;
            int o = size;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (c < 0x20 || c == '"' || c == '\\') {
                        o = escape((byte) c, b, o);
                    } else {
                        b[o++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    b[o++] = (byte) (0xC0 | (c >> 6));
                    b[o++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    o = unicodeEscape(c, b, o);
                } else {
                    b[o++] = (byte) (0xE0 | (c >> 12));
                    b[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[o++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            size = o;
        }
        raw((byte) '"');
    }

    private static int escape(byte c, byte[] b, int o) {
        if (c == '"' || c == '\\') {
            b[o++] = '\\';
            b[o++] = c;
            return o;
        }
        byte letter = SHORT_ESCAPES[c];
        if (letter != 0) {
            b[o++] = '\\';
            b[o++] = letter;
            return o;
        }
        return unicodeEscape((char) c, b, o);
    }

    private static int unicodeEscape(char c, byte[] b, int o) {
        b[o++] = '\\';
        b[o++] = 'u';
        b[o++] = HEX[(c >> 12) & 0xF];
        b[o++] = HEX[(c >> 8) & 0xF];
        b[o++] = HEX[(c >> 4) & 0xF];
        b[o++] = HEX[c & 0xF];
        return o;
    }

    private void room(int n) {
        if (buf.length - size < n) {
            // (doubling is capped where an array can no longer grow; size + n itself must fit)
            long wanted =
                    Math.max((long) size + n, Math.min(2L * buf.length, Integer.MAX_VALUE - 8));
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("A JSON document of more than 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
