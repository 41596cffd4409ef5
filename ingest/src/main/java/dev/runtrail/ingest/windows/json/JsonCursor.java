package dev.runtrail.ingest.windows.json;

import dev.runtrail.ingest.redact.Redactor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A forward-only reader of one JSON line held as UTF-8 bytes, for the fields a Windows JSON parser
 * keeps: strings are decoded only when asked for, everything else is stepped over (and checked)
 * without building tokens, names or a tree.
 *
 * <p>It reads strict RFC 8259 JSON only, and only the plain cases: any line it does not accept
 * (invalid JSON, a field name with escapes, very deep nesting, very long numbers, bytes that are
 * not valid UTF-8, ...) makes it throw {@link Unsupported}, and the caller then reads the line with
 * Jackson, which decides what the line is and words the dead letter. So every line this reader
 * accepts is one Jackson accepts with the same values, and every other line gets exactly the
 * Jackson treatment.
 *
 * <p>Not thread-safe; one instance serves one parser.
 */
final class JsonCursor {
    /** The line is not one this reader handles; read it with Jackson instead. */
    static final class Unsupported extends RuntimeException {
        private Unsupported() {
            super("line left to Jackson", null, false, false);
        }
    }

    /** Thrown often on odd input, so one instance without a stack trace serves every throw. */
    static final Unsupported UNSUPPORTED = new Unsupported();

    /** Far below Jackson's own limits, so Jackson has the final word on extreme lines. */
    private static final int MAX_DEPTH = 100;

    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_NAME_LENGTH = 1000;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * 0x20;

    private byte[] b;
    private int pos;
    private int end;
    private int depth;

    /** Start and length of the field name just read. */
    private int nameStart;

    private int nameLength;

    /** The name's first and last eight bytes (see {@link Name}). */
    private long nameHead;

    private long nameTail;

    private byte[] scratch = new byte[256];
    private final NameCache names = NameCache.ofThisThread();

    /**
     * Whether the value {@link #value} read last is a run of the line's own text: a string without
     * escapes, a number, {@code true} or {@code false}, or an array of at most one such element.
     */
    private boolean verbatim;

    /** What {@link #text} passes the values that are not {@link #verbatim} through; or null. */
    private Redactor.ValueRedaction redaction;

    /**
     * Starts reading the line in {@code bytes[from, to)}; the cursor stands on its first value.
     * With a {@code redaction}, {@link #text} returns every value that is not a run of the line's
     * own text (an escaped string, an array it joins) redacted by it; for a line whose text no rule
     * can change: a run of it cannot be changed either, so every value is then as the final
     * redaction pass would leave it. Without one (null), values are returned as read.
     */
    void reset(byte[] bytes, int from, int to, Redactor.ValueRedaction redaction) {
        b = bytes;
        pos = from;
        end = to;
        depth = 0;
        this.redaction = redaction;
        skipWs();
    }

    /** Whether nothing but JSON whitespace is left. */
    boolean atEnd() {
        skipWs();
        return pos == end;
    }

    private void skipWs() {
        if (pos < end && b[pos] > ' ') {
            return; // the usual case: compact JSON has no blanks
        }
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private byte peek() {
        if (pos >= end) {
            throw UNSUPPORTED;
        }
        return b[pos];
    }

    /** Whether the value the cursor stands on is an object. */
    boolean atObject() {
        return peek() == '{';
    }

    /**
     * Enters the object the cursor stands on and reads its first field name; false when the value
     * is not an object (it is then skipped) or the object is empty. The cursor then stands on the
     * field's value, which the caller must read or skip before {@link #nextField()}.
     */
    boolean firstField() {
        if (peek() != '{') {
            skipValue();
            return false;
        }
        pos++;
        enter();
        skipWs();
        if (peek() == '}') {
            pos++;
            depth--;
            afterValue();
            return false;
        }
        name();
        return true;
    }

    /** Reads the next field name of the object, or leaves the object and returns false. */
    boolean nextField() {
        byte c = peek();
        pos++;
        if (c == ',') {
            skipWs();
            name();
            return true;
        }
        if (c == '}') {
            depth--;
            afterValue();
            return false;
        }
        throw UNSUPPORTED;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw UNSUPPORTED;
        }
    }

    /** After a value: whitespace, then the cursor stands on what follows (',', '}', ']' or end). */
    private void afterValue() {
        skipWs();
        if (depth > 0) {
            byte c = peek();
            if (c != ',' && c != '}' && c != ']') {
                throw UNSUPPORTED;
            }
        }
    }

    private void name() {
        if (peek() != '"') {
            throw UNSUPPORTED;
        }
        int start = ++pos;
        int close = scanString(start);
        if (close < 0 || b[close] != '"' || close - start > MAX_NAME_LENGTH) {
            throw UNSUPPORTED; // escaped names are rare: Jackson decodes them
        }
        nameStart = start;
        nameLength = close - start;
        nameHead = headWord(b, start, nameLength);
        nameTail = tailWord(b, start, nameLength);
        pos = close + 1;
        skipWs();
        if (peek() != ':') {
            throw UNSUPPORTED;
        }
        pos++;
        skipWs();
        peek();
    }

    /**
     * A field name to look for, held as its length and its first and last eight bytes, which
     * together pin down any name of up to sixteen bytes: matching one is three compares.
     */
    record Name(int length, long head, long tail) {
        Name {
            if (length > 16) {
                throw new IllegalArgumentException("Names to match are at most 16 bytes.");
            }
        }

        static Name of(String ascii) {
            byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
            return new Name(
                    bytes.length,
                    headWord(bytes, 0, bytes.length),
                    tailWord(bytes, 0, bytes.length));
        }
    }

    /** The first eight bytes of a name, or all of a shorter one (zero-padded). */
    private static long headWord(byte[] b, int start, int length) {
        if (length >= 8) {
            return (long) LONGS.get(b, start);
        }
        if (start + 8 <= b.length) {
            // what follows in the array (at least the closing quote) is masked off
            return (long) LONGS.get(b, start) & ((1L << (length << 3)) - 1);
        }
        long v = 0;
        for (int i = length - 1; i >= 0; i--) {
            v = (v << 8) | (b[start + i] & 0xff);
        }
        return v;
    }

    /** The last eight bytes of a name of eight or more bytes, else zero. */
    private static long tailWord(byte[] b, int start, int length) {
        return length >= 8 ? (long) LONGS.get(b, start + length - 8) : 0;
    }

    /** Whether the current field name is this one. */
    boolean nameIs(Name name) {
        return name.length == nameLength && name.head == nameHead && name.tail == nameTail;
    }

    /** The current field name as a String, shared between lines for names seen before. */
    String nameString() {
        return names.get(b, nameStart, nameLength, nameHead, nameTail);
    }

    /**
     * Where the string whose content starts at {@code from} stops being plain: the index of its
     * closing quote, of a backslash or of a control character, found eight bytes at a time (the
     * has-zero-byte test on the word XOR each of '"' and '\\', and the has-byte-below test for
     * 0x20; the lowest hit of each test is exact). Sets {@link #nonAscii}.
     */
    private int scanString(int from) {
        int i = from;
        long high = 0;
        // most names and values end within their first word
        if (i + 8 <= end) {
            long w = (long) LONGS.get(b, i);
            long found = stops(w);
            if (found != 0) {
                return hit(i, w, found, 0);
            }
            high = w;
            i += 8;
        }
        // then two words a turn for long values (messages, command lines), one test for both
        for (; i + 16 <= end; i += 16) {
            long w = (long) LONGS.get(b, i);
            long v = (long) LONGS.get(b, i + 8);
            long found = stops(w);
            long next = stops(v);
            if ((found | next) != 0) {
                if (found != 0) {
                    return hit(i, w, found, high);
                }
                return hit(i + 8, v, next, high | w);
            }
            high |= w | v;
        }
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i);
            long found = stops(w);
            if (found != 0) {
                return hit(i, w, found, high);
            }
            high |= w;
        }
        boolean above = (high & HIGHS) != 0;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                nonAscii = above;
                return i;
            }
            if (c < 0) {
                above = true;
            }
        }
        throw UNSUPPORTED; // unterminated
    }

    /** High bit set in each byte of the word that is '"', '\\' or below 0x20 (lowest exact). */
    private static long stops(long w) {
        // the three has-byte tests share their "high bit clear" mask: XOR with '"' or '\\'
        // leaves each byte's high bit as it was
        return ((w ^ QUOTES) - ONES | (w ^ BACKSLASHES) - ONES | w - SPACES) & ~w & HIGHS;
    }

    /** The index of the lowest stop in the word at {@code i}; sets {@link #nonAscii}. */
    private int hit(int i, long w, long found, long high) {
        int bit = Long.numberOfTrailingZeros(found);
        // the bytes before the hit: bit is 7 + 8 * index, so this keeps index bytes
        high |= w & ((1L << (bit - 7)) - 1);
        nonAscii = (high & HIGHS) != 0;
        return i + (bit >>> 3);
    }

    /** Set by {@link #scanString}: whether the scanned run held bytes above ASCII. */
    private boolean nonAscii;

    /** Skips the value the cursor stands on, checking it as Jackson would. */
    void skipValue() {
        byte c = peek();
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                if (firstField()) {
                    do {
                        skipValue();
                    } while (nextField());
                }
                return;
            }
            case '[' -> {
                pos++;
                enter();
                skipWs();
                if (peek() == ']') {
                    pos++;
                } else {
                    do {
                        skipValue();
                    } while (!arrayEnds());
                }
                depth--;
            }
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            default -> number();
        }
        afterValue();
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private void literal(byte[] word) {
        if (end - pos < word.length) {
            throw UNSUPPORTED;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[pos + i] != word[i]) {
                throw UNSUPPORTED;
            }
        }
        pos += word.length;
    }

    /** Steps over a number (strict JSON grammar); returns its start. */
    private int number() {
        int start = pos;
        if (pos < end && b[pos] == '-') {
            pos++;
        }
        if (pos >= end) {
            throw UNSUPPORTED;
        }
        if (b[pos] == '0') {
            pos++;
        } else if (b[pos] >= '1' && b[pos] <= '9') {
            digits();
        } else {
            throw UNSUPPORTED;
        }
        if (pos < end && b[pos] == '.') {
            pos++;
            if (digits() == 0) {
                throw UNSUPPORTED;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (digits() == 0) {
                throw UNSUPPORTED;
            }
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            throw UNSUPPORTED;
        }
        return start;
    }

    private int digits() {
        int start = pos;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    private void skipString() {
        pos++;
        while (true) {
            int at = scanString(pos);
            byte c = b[at];
            if (c == '"') {
                pos = at + 1;
                return;
            }
            if (c != '\\') {
                throw UNSUPPORTED; // control character
            }
            decodeEscape(at + 1);
            pos = escapeEnd;
        }
    }

    /** Set by {@link #decodeEscape}: index just after the escape sequence. */
    private int escapeEnd;

    /** The character of the escape after a backslash at {@code at - 1}; sets {@link #escapeEnd}. */
    private char decodeEscape(int at) {
        if (at >= end) {
            throw UNSUPPORTED;
        }
        byte c = b[at];
        escapeEnd = at + 1;
        switch (c) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (at + 5 > end) {
                    throw UNSUPPORTED;
                }
                int v = 0;
                for (int i = at + 1; i <= at + 4; i++) {
                    v = (v << 4) | hex(b[i]);
                }
                escapeEnd = at + 5;
                return (char) v;
            default:
                throw UNSUPPORTED;
        }
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw UNSUPPORTED;
    }

    /**
     * The value as Jackson's {@code JsonLines.text} gives it: strings decoded, numbers and booleans
     * as written, arrays of scalars joined with {@code separator} (null elements left out, nested
     * containers skipped), null for JSON null and for objects (skipped).
     */
    String text(String separator) {
        String result = value(separator);
        if (redaction != null && !verbatim && result != null) {
            result = redaction.redact(result);
        }
        return result;
    }

    /** {@link #text} before redaction; sets {@link #verbatim}. */
    private String value(String separator) {
        byte c = peek();
        String result;
        verbatim = true;
        if (c == '"') {
            result = string();
        } else if (c == '[') {
            result = joined(separator);
        } else if (c == '{') {
            skipValue();
            return null;
        } else if (c == 'n') {
            literal(NULL);
            result = null;
        } else if (c == 't' || c == 'f') {
            literal(c == 't' ? TRUE : FALSE);
            result = c == 't' ? "true" : "false";
        } else {
            int start = number();
            result = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
        }
        afterValue();
        return result;
    }

    /** Whether the value the cursor stands on is an array. */
    boolean atArray() {
        return peek() == '[';
    }

    private String joined(String separator) {
        pos++;
        enter();
        skipWs();
        // one element is the usual case (keywords: ["Audit Success"]): no builder for it
        String first = null;
        StringBuilder sb = null;
        boolean plainElements = true;
        if (peek() == ']') {
            pos++;
        } else {
            while (true) {
                byte c = peek();
                if (c == '{' || c == '[') {
                    skipValue();
                } else {
                    String element = value(separator);
                    plainElements &= verbatim;
                    if (element != null) {
                        if (first == null) {
                            first = element;
                        } else {
                            if (sb == null) {
                                sb = new StringBuilder(first.length() + element.length() + 16);
                                sb.append(first);
                            }
                            sb.append(separator).append(element);
                        }
                    }
                }
                if (arrayEnds()) {
                    break;
                }
            }
        }
        depth--;
        // elements joined make text the line does not hold (a rule may match across the join)
        verbatim = plainElements && sb == null;
        return sb != null ? sb.toString() : first != null ? first : "";
    }

    /**
     * After an array element: steps over the {@code ]} that ends the array (true) or the {@code ,}
     * and the blanks before the next element (false); anything else is left to Jackson.
     */
    private boolean arrayEnds() {
        byte d = peek();
        pos++;
        if (d == ']') {
            return true;
        }
        if (d != ',') {
            throw UNSUPPORTED;
        }
        skipWs();
        return false;
    }

    /** Reads the string the cursor stands on. */
    private String string() {
        int start = pos + 1;
        int at = scanString(start);
        if (b[at] == '"') {
            pos = at + 1;
            if (!nonAscii) {
                return new String(b, start, at - start, StandardCharsets.ISO_8859_1);
            }
            String s = new String(b, start, at - start, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') >= 0) {
                throw UNSUPPORTED; // maybe malformed UTF-8: Jackson judges it
            }
            return s;
        }
        return escapedString(start);
    }

    /**
     * A string with escapes (control characters are refused): the plain runs between escapes are
     * copied as they are and the escapes written as UTF-8 into a scratch buffer, which is decoded
     * once; an escaped surrogate that is not half of a pair is left to Jackson.
     */
    private String escapedString(int start) {
        verbatim = false;
        if (scratch.length < end - start) {
            scratch = new byte[Math.max(end - start, scratch.length * 2)];
        }
        byte[] out = scratch;
        int n = 0;
        int i = start;
        boolean above = false;
        long high = 0;
        while (true) {
            // the plain run up to the next stop, each word copied as it is scanned (the output
            // lags the input, so a whole word always fits), as messages have an escape every few
            // words and a separate scan and copy per run cost more than the run
            int at;
            while (true) {
                if (i + 16 <= end) {
                    // two words a turn while the line has them, one test for both
                    long w = (long) LONGS.get(b, i);
                    long v = (long) LONGS.get(b, i + 8);
                    LONGS.set(out, n, w);
                    LONGS.set(out, n + 8, v);
                    long found = stops(w);
                    long next = stops(v);
                    if ((found | next) == 0) {
                        high |= w | v;
                        i += 16;
                        n += 16;
                        continue;
                    }
                    if (found == 0) {
                        high |= w;
                        found = next;
                        w = v;
                        i += 8;
                        n += 8;
                    }
                    int k = Long.numberOfTrailingZeros(found) >>> 3;
                    high |= w & ((1L << (k << 3)) - 1);
                    at = i + k;
                    n += k;
                    break;
                }
                if (i + 8 > end) {
                    at = scanString(i);
                    above |= nonAscii;
                    System.arraycopy(b, i, out, n, at - i);
                    n += at - i;
                    break;
                }
                long w = (long) LONGS.get(b, i);
                LONGS.set(out, n, w);
                long found = stops(w);
                if (found != 0) {
                    int k = Long.numberOfTrailingZeros(found) >>> 3;
                    high |= w & ((1L << (k << 3)) - 1);
                    at = i + k;
                    n += k;
                    break;
                }
                high |= w;
                i += 8;
                n += 8;
            }
            byte c = b[at];
            if (c == '"') {
                pos = at + 1;
                if (!above && (high & HIGHS) == 0) {
                    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
                }
                String s = new String(out, 0, n, StandardCharsets.UTF_8);
                if (s.indexOf('\uFFFD') >= 0) {
                    throw UNSUPPORTED;
                }
                return s;
            }
            if (c != '\\') {
                throw UNSUPPORTED; // control character
            }
            char ch = decodeEscape(at + 1);
            i = escapeEnd;
            if (ch < 0x80) {
                out[n++] = (byte) ch;
                continue;
            }
            above = true;
            if (ch < 0x800) {
                out[n++] = (byte) (0xC0 | ch >> 6);
                out[n++] = (byte) (0x80 | ch & 0x3F);
            } else if (!Character.isSurrogate(ch)) {
                out[n++] = (byte) (0xE0 | ch >> 12);
                out[n++] = (byte) (0x80 | ch >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | ch & 0x3F);
            } else {
                char low = 0;
                if (Character.isHighSurrogate(ch) && i + 1 < end && b[i] == '\\') {
                    low = decodeEscape(i + 1);
                }
                if (!Character.isLowSurrogate(low)) {
                    throw UNSUPPORTED;
                }
                i = escapeEnd;
                int cp = Character.toCodePoint(ch, low);
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            }
        }
    }

    /**
     * Field names as Strings, kept between lines: EventData names repeat in every event, and a
     * shared instance also carries its hash code to the maps that index by it. Entries are matched
     * by length and first and last eight bytes, and names over sixteen bytes by all their bytes.
     * Bounded, so endless distinct names cannot grow it: when it is full it starts over.
     *
     * <p>One per thread, shared by the cursors made on it: a Kafka record is a reader of its own,
     * and a cache per reader cost every record 36 KB of arrays and an intern of each name.
     */
    private static final class NameCache {
        private static final int SLOTS = 1024;
        private static final int MAX_ENTRIES = SLOTS / 2;
        private static final ThreadLocal<NameCache> PER_THREAD =
                ThreadLocal.withInitial(NameCache::new);
        private final int[] lengths = new int[SLOTS];
        private final long[] heads = new long[SLOTS];
        private final long[] tails = new long[SLOTS];
        private final byte[][] longNames = new byte[SLOTS][];
        private final String[] values = new String[SLOTS];
        private int size;

        static NameCache ofThisThread() {
            return PER_THREAD.get();
        }

        String get(byte[] b, int start, int length, long head, long tail) {
            if (size >= MAX_ENTRIES) {
                clear();
            }
            long h = (head * 0x9E3779B97F4A7C15L + tail) * 0xC2B2AE3D27D4EB4FL + length;
            int mask = SLOTS - 1;
            for (int i = (int) (h ^ (h >>> 32) ^ (h >>> 47)) & mask; ; i = (i + 1) & mask) {
                String value = values[i];
                if (value == null) {
                    // interned once per kept name: the mapping looks EventData fields up by
                    // literal names ("TargetLogonId") and keeps per-name keys across readers,
                    // and with the canonical instance those compares end at the identity test
                    String s = decode(b, start, length).intern();
                    lengths[i] = length;
                    heads[i] = head;
                    tails[i] = tail;
                    if (length > 16) {
                        longNames[i] = Arrays.copyOfRange(b, start, start + length);
                    }
                    values[i] = s;
                    size++;
                    return s;
                }
                if (lengths[i] == length
                        && heads[i] == head
                        && tails[i] == tail
                        && (length <= 16
                                || Arrays.equals(
                                        longNames[i], 0, length, b, start, start + length))) {
                    return value;
                }
            }
        }

        private void clear() {
            Arrays.fill(lengths, 0);
            Arrays.fill(heads, 0);
            Arrays.fill(tails, 0);
            Arrays.fill(longNames, null);
            Arrays.fill(values, null);
            size = 0;
        }

        private static String decode(byte[] b, int start, int length) {
            String s = new String(b, start, length, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') >= 0) {
                throw UNSUPPORTED;
            }
            return s;
        }
    }
}
