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
     * A double-quoted string (after skipping leading spaces) with {@code \"}, {@code \\} and the
     * usual Go/nginx escapes resolved ({@code \xHH} bytes are decoded as Latin-1 characters when
     * they do not form UTF-8, which never happens in practice for the fields we read), or null when
     * the next character is not a quote or the quote is not closed.
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
                char e = s.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'x' -> {
                        if (i + 2 <= s.length() && isHex(s.charAt(i)) && isHex(s.charAt(i + 1))) {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 2), 16));
                            i += 2;
                        } else {
                            sb.append("\\x");
                        }
                    }
                    case 'u' -> {
                        if (i + 4 <= s.length()) {
                            try {
                                sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                                i += 4;
                            } catch (NumberFormatException ex) {
                                sb.append("\\u");
                            }
                        } else {
                            sb.append("\\u");
                        }
                    }
                    default -> sb.append(e);
                }
                continue;
            }
            if (sb != null) {
                sb.append(c);
            }
            i++;
        }
        return null;
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

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
