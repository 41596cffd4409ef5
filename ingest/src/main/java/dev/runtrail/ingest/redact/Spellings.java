package dev.runtrail.ingest.redact;

/**
 * Reads raw record text the way a JSON or an XML reader would, character by character, keeping
 * where in the raw text each character was written, so that a secret found in the decoded text can
 * be masked in the raw text however it was spelled there.
 */
final class Spellings {
    private Spellings() {}

    /**
     * Decodes JSON escapes ({@code \"}, {@code \\}, {@code \/}, {@code \b}, {@code \f}, {@code \n},
     * {@code \r}, {@code \t}, {@code \}{@code uXXXX}) or XML references (the five named entities,
     * {@code &#N;} and {@code &#xH;}); anything else, malformed escapes included, stands for
     * itself.
     *
     * @param decoded receives the characters; at least {@code text.length()} long
     * @param at receives, for each decoded character, the index in {@code text} where its spelling
     *     starts, and after the last one {@code text.length()}; at least {@code text.length() + 1}
     *     long
     * @return the number of decoded characters
     */
    static int decode(String text, boolean xml, char[] decoded, int[] at) {
        int n = text.length();
        int i = 0;
        int k = 0;
        while (i < n) {
            char c = text.charAt(i);
            at[k] = i;
            int next = i + 1;
            int value = c;
            if (!xml && c == '\\' && i + 1 < n) {
                char e = text.charAt(i + 1);
                int hex = e == 'u' ? hex(text, i + 2, i + 6) : -1;
                int simple = simpleEscape(e);
                if (hex >= 0) {
                    value = hex;
                    next = i + 6;
                } else if (simple >= 0) {
                    value = simple;
                    next = i + 2;
                }
            } else if (xml && c == '&') {
                int semicolon = semicolonAfter(text, i);
                int ref = semicolon > 0 ? reference(text, i + 1, semicolon) : -1;
                if (ref >= 0) {
                    value = ref;
                    next = semicolon + 1;
                }
            }
            if (value > 0xFFFF) {
                decoded[k++] = Character.highSurrogate(value);
                at[k] = i;
                decoded[k++] = Character.lowSurrogate(value);
            } else {
                decoded[k++] = (char) value;
            }
            i = next;
        }
        at[k] = n;
        return k;
    }

    /**
     * The index of the {@code ;} that ends a reference starting at {@code amp}, or -1: the longest
     * reference is {@code &#x10FFFF;}, and an {@code &} in text that is no reference must not make
     * the search run to the end of it.
     */
    private static int semicolonAfter(String text, int amp) {
        int end = Math.min(text.length(), amp + 11);
        for (int i = amp + 1; i < end; i++) {
            if (text.charAt(i) == ';') {
                return i;
            }
        }
        return -1;
    }

    private static int simpleEscape(char e) {
        return switch (e) {
            case '"', '\\', '/' -> e;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> -1;
        };
    }

    /** The code point a reference between {@code &} and {@code ;} names, or -1. */
    private static int reference(String text, int from, int semicolon) {
        String name = text.substring(from, semicolon);
        switch (name) {
            case "amp":
                return '&';
            case "lt":
                return '<';
            case "gt":
                return '>';
            case "quot":
                return '"';
            case "apos":
                return '\'';
            default:
                break;
        }
        if (name.length() < 2 || name.charAt(0) != '#') {
            return -1;
        }
        int value;
        if (name.charAt(1) == 'x' || name.charAt(1) == 'X') {
            value = name.length() > 2 ? hex(name, 2, name.length()) : -1;
        } else {
            value = decimal(name, 1);
        }
        return value >= 0 && value <= Character.MAX_CODE_POINT ? value : -1;
    }

    /** The hexadecimal number written in {@code text[from, to)}, or -1 (also if beyond it). */
    private static int hex(String text, int from, int to) {
        if (to > text.length() || to - from > 6) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    private static int decimal(String text, int from) {
        if (text.length() - from > 7) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
