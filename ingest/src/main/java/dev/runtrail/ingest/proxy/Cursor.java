package dev.runtrail.ingest.proxy;

/**
 * A forward-only tokenizer over one access-log line: space-separated tokens, quoted strings with
 * backslash escapes, bracketed fields. Each method either consumes what it reads or returns null
 * and leaves the position where the caller can report it; nothing backtracks, so a line costs one
 * pass.
 */
final class Cursor {
    private final String s;
    private int pos;

    Cursor(String s) {
        this(s, 0);
    }

    Cursor(String s, int start) {
        this.s = s;
        this.pos = start;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    /** The character at the current position, or 0 at the end. */
    char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    /** Whether the remaining text starts with this literal (not consumed). */
    boolean lookingAt(String literal) {
        return s.startsWith(literal, pos);
    }

    /** Consumes the literal when it is next; returns whether it was. */
    boolean skip(String literal) {
        if (s.startsWith(literal, pos)) {
            pos += literal.length();
            return true;
        }
        return false;
    }

    /** Skips spaces and tabs; returns how many. */
    int skipSpaces() {
        int start = pos;
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
            pos++;
        }
        return pos - start;
    }

    /** The next run of non-space characters (after skipping leading spaces), or null at end. */
    String token() {
        skipSpaces();
        int start = pos;
        while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
            pos++;
        }
        return pos > start ? s.substring(start, pos) : null;
    }

    /**
     * A double-quoted string (after skipping leading spaces) with its backslash escapes resolved,
     * or null when the next character is not a quote or the quote is not closed. Escapes are those
     * of Go's {@code %q} (oauth2-proxy) and of nginx's default log escaping: {@code \" \\ \n \t \r
     * \a \b \f \v}, backslash-u with 4 and backslash-U with 8 hex digits, and {@code \xHH}; a run
     * of {@code \xHH} bytes is decoded as UTF-8 when it is valid UTF-8 (nginx escapes every byte
     * above 0x7E), else byte by byte as Latin-1.
     */
    String quoted() {
        skipSpaces();
        if (pos >= s.length() || s.charAt(pos) != '"') {
            return null;
        }
        int start = pos + 1;
        int i = start;
        StringBuilder sb = null;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return sb == null ? s.substring(start, i) : sb.toString();
            }
            if (c == '\\' && i + 1 < s.length()) {
                if (sb == null) {
                    sb = new StringBuilder(i - start + 16).append(s, start, i);
                }
                i = escape(sb, i + 1);
                continue;
            }
            if (sb != null) {
                sb.append(c);
            }
            i++;
        }
        return null;
    }

    /** Appends the escape starting at {@code at} (the character after the backslash). */
    private int escape(StringBuilder sb, int at) {
        char e = s.charAt(at);
        switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'a' -> sb.append('\u0007');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000b');
            case 'x' -> {
                return hexBytes(sb, at - 1);
            }
            case 'u', 'U' -> {
                int digits = e == 'u' ? 4 : 8;
                int cp = hex(at + 1, digits);
                if (cp >= 0 && Character.isValidCodePoint(cp)) {
                    sb.appendCodePoint(cp);
                    return at + 1 + digits;
                }
                sb.append('\\').append(e);
            }
            default -> sb.append(e);
        }
        return at + 1;
    }

    /** Decodes a run of {@code \xHH} escapes starting at the backslash {@code at}. */
    private int hexBytes(StringBuilder sb, int at) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(8);
        int i = at;
        while (i + 3 < s.length() && s.charAt(i) == '\\' && s.charAt(i + 1) == 'x') {
            int b = hex(i + 2, 2);
            if (b < 0) {
                break;
            }
            bytes.write(b);
            i += 4;
        }
        if (bytes.size() == 0) {
            sb.append("\\x");
            return at + 2;
        }
        byte[] raw = bytes.toByteArray();
        try {
            sb.append(
                    java.nio.charset.StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(java.nio.ByteBuffer.wrap(raw)));
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            sb.append(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return i;
    }

    /** The value of {@code count} hex digits at {@code from}, or -1. */
    private int hex(int from, int count) {
        if (from + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The text between {@code [} and the next {@code ]} (after skipping spaces), or null. */
    String bracketed() {
        skipSpaces();
        if (pos >= s.length() || s.charAt(pos) != '[') {
            return null;
        }
        int end = s.indexOf(']', pos + 1);
        if (end < 0) {
            return null;
        }
        String inside = s.substring(pos + 1, end);
        pos = end + 1;
        return inside;
    }

    /** Everything after the current position with leading spaces skipped. */
    String rest() {
        skipSpaces();
        String r = s.substring(pos);
        pos = s.length();
        return r;
    }
}
