package dev.runtrail.ingest.redact;

import dev.runtrail.ingest.redact.Redactor.Secret;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where a raw record spells given secrets: the record is read the way a JSON or an XML reader would
 * read it (as {@link #syntax} tells, or plain text for a field's value), character by character,
 * keeping where in the raw text each character was written and whether it is part of a value (the
 * text of a JSON string that is not an object's key, the text of an XML element) rather than of the
 * markup, keys and attributes (which name or stamp values: {@code Name='Password'}, a time). A
 * secret is sought in the values alone.
 */
final class Spellings {
    private Spellings() {}

    /** The characters that may stand next to a secret as it stands next to a word. */
    private static final String SEPARATORS = "\"'<>=:,;()[]{}|";

    /**
     * More lengths of secret than this in one record and the search would cost too much (it reads
     * the record once per length): every value of the record is then masked.
     */
    static final int MAX_LENGTHS = 64;

    /**
     * The characters of the raw text at which some secret is spelled, as a set of indexes into
     * {@code text}. Each spelling found covers whole characters as the text writes them.
     *
     * @param syntax {@link #JSON}, {@link #XML} or {@link #PLAIN}
     */
    static BitSet find(String text, Collection<Secret> secrets, int syntax) {
        int n = text.length();
        BitSet marked = new BitSet(n);
        Map<Integer, List<Secret>> byLength = new HashMap<>();
        for (Secret secret : new LinkedHashSet<>(secrets)) {
            if (!secret.text().isEmpty()) {
                byLength.computeIfAbsent(secret.text().length(), k -> new ArrayList<>())
                        .add(secret);
            }
        }
        if (byLength.isEmpty()) {
            return marked;
        }
        char[] decoded = new char[n];
        int[] at = new int[n + 1];
        BitSet value = new BitSet(n);
        int length = decode(text, syntax, decoded, at, value);
        if (byLength.size() > MAX_LENGTHS) {
            for (int k = value.nextSetBit(0); k >= 0 && k < length; k = value.nextSetBit(k + 1)) {
                marked.set(at[k], at[k + 1]);
            }
            return marked;
        }
        // which value each decoded character belongs to (-1: none), so that a window is known to
        // lie in one value from its ends
        int[] run = new int[length];
        int runs = 0;
        for (int k = 0; k < length; k++) {
            run[k] = !value.get(k) ? -1 : k > 0 && value.get(k - 1) ? runs : ++runs;
        }
        for (Map.Entry<Integer, List<Secret>> group : byLength.entrySet()) {
            findOfLength(decoded, length, at, run, group.getKey(), group.getValue(), marked);
        }
        return marked;
    }

    /**
     * Widens the marks to whole characters as the record spells them: a mask that took part of an
     * escape (the backslash of {@code \"}) or of a reference would leave the rest to change what
     * follows ({@code "} would end the JSON string).
     */
    static void wholeCharacters(String text, BitSet marked, int syntax) {
        if (syntax == PLAIN) {
            return; // every character is written as itself
        }
        int n = text.length();
        char[] decoded = new char[n];
        int[] at = new int[n + 1];
        int length = decode(text, syntax, decoded, at, new BitSet(n));
        for (int k = 0; k < length; k++) {
            int start = at[k];
            int end = at[k + 1];
            if (end - start > 1) {
                int first = marked.nextSetBit(start);
                if (first >= 0 && first < end) {
                    marked.set(start, end);
                }
            }
        }
    }

    /** The odd multiplier of the 64-bit polynomial hash of {@link #findOfLength}. */
    private static final long BASE = 0x9E3779B97F4A7C15L;

    private static long hash(CharSequence s) {
        long h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }

    /**
     * Marks the spellings of the secrets of one length: a rolling 64-bit hash of each window of the
     * decoded text is looked up among the secrets' hashes, so the text is read once per length
     * however many secrets there are, and no window is compared character by character (which made
     * a run of one repeated character cost its length at every position). Two different texts of
     * one length share a 64-bit hash about once in 2^64 tries: a window taken for a secret by such
     * chance is masked; nothing is missed.
     */
    private static void findOfLength(
            char[] decoded,
            int length,
            int[] at,
            int[] run,
            int width,
            List<Secret> secrets,
            BitSet marked) {
        if (width > length) {
            return;
        }
        Map<Long, List<Secret>> byHash = new HashMap<>();
        for (Secret secret : secrets) {
            byHash.computeIfAbsent(hash(secret.text()), k -> new ArrayList<>()).add(secret);
        }
        long power = 1; // BASE^(width - 1)
        long h = 0;
        for (int i = 0; i < width; i++) {
            h = h * BASE + decoded[i];
            if (i > 0) {
                power *= BASE;
            }
        }
        for (int k = 0; ; k++) {
            List<Secret> candidates = byHash.get(h);
            if (candidates != null) {
                for (Secret secret : candidates) {
                    if (fits(decoded, length, run, k, secret)) {
                        marked.set(at[k], at[k + width]);
                        break;
                    }
                }
            }
            if (k + width >= length) {
                return;
            }
            h = (h - decoded[k] * power) * BASE + decoded[k + width];
        }
    }

    /**
     * Whether the occurrence of the secret at {@code k} is the secret: all of it is a value's text,
     * and each end stands as it stood where the rules found it.
     */
    private static boolean fits(char[] decoded, int length, int[] run, int k, Secret secret) {
        int end = k + secret.text().length();
        if (run[k] < 0 || run[k] != run[end - 1]) {
            return false;
        }
        int before = k == 0 || run[k - 1] != run[k] ? -1 : decoded[k - 1];
        int after = end == length || run[end] != run[k] ? -1 : decoded[end];
        return edgeFits(before, secret.before()) && edgeFits(after, secret.after());
    }

    /**
     * An end of a secret fits next to the start or end of a value, next to the character it was
     * found next to, and next to white space or punctuation that separates words (not {@code -},
     * {@code .}, a backslash or {@code /}, which join the parts of dates, names and paths).
     */
    private static boolean edgeFits(int neighbour, int found) {
        return neighbour < 0
                || neighbour == found
                || Character.isWhitespace(neighbour)
                || SEPARATORS.indexOf(neighbour) >= 0;
    }

    static final int PLAIN = 0;
    static final int JSON = 1;
    static final int XML = 2;

    /**
     * How a record is read: JSON between <code>{</code> and <code>}</code> (or {@code [} and {@code
     * ]} around objects, arrays or strings), XML between {@code <} and {@code >}, plain text
     * otherwise (the {@code [2024-05-01 ...] INFO ...} of a task log is no JSON).
     */
    static int syntax(String text) {
        int first = 0;
        int last = text.length() - 1;
        while (first <= last && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        while (last > first && Character.isWhitespace(text.charAt(last))) {
            last--;
        }
        if (first >= last) {
            return PLAIN;
        }
        char open = text.charAt(first);
        char close = text.charAt(last);
        if (open == '{' && close == '}') {
            return JSON;
        }
        if (open == '[' && close == ']') {
            int second = first + 1;
            while (second < last && Character.isWhitespace(text.charAt(second))) {
                second++;
            }
            char c = text.charAt(second);
            return c == '{' || c == '[' || c == '"' || c == ']' ? JSON : PLAIN;
        }
        return open == '<' && close == '>' ? XML : PLAIN;
    }

    /**
     * Decodes the text: in JSON, the escapes inside strings ({@code \"}, {@code \\}, {@code \/},
     * {@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t}, a backslash and {@code u} with
     * four hex digits); in XML, the references in the text of elements (the five named entities,
     * {@code &#N;} and {@code &#xH;}); anything else, malformed escapes included, stands for
     * itself.
     *
     * @param decoded receives the characters; at least {@code text.length()} long
     * @param at receives, for each decoded character, the index in {@code text} where its spelling
     *     starts, and after the last one {@code text.length()}; at least {@code text.length() + 1}
     *     long
     * @param value receives the indexes of the decoded characters that belong to a value (all of
     *     them in plain text)
     * @return the number of decoded characters
     */
    static int decode(String text, int syntax, char[] decoded, int[] at, BitSet value) {
        int n = text.length();
        int i = 0;
        int k = 0;
        boolean inValue = syntax != JSON; // plain text is all value; XML starts as text
        char quote = 0; // XML: the quote of the attribute value being read, 0 in text
        boolean inTag = false;
        int cdataEnd = -1; // XML: the index of the ]]> that ends the CDATA section being read
        int cdataStart = 0; // XML: the index of that section's first character
        int stringStart = 0; // JSON: the decoded index of the current string's first character
        while (i < n) {
            char c = text.charAt(i);
            at[k] = i;
            int next = i + 1;
            int code = c;
            boolean part = inValue;
            if (syntax == JSON) {
                if (c == '"') {
                    inValue = !inValue;
                    part = false;
                    if (inValue) {
                        stringStart = k + 1;
                    } else if (isKey(text, i + 1)) {
                        // an object's key names a value, it is none
                        value.clear(stringStart, k);
                    }
                } else if (inValue && c == '\\' && i + 1 < n) {
                    char e = text.charAt(i + 1);
                    int hex = e == 'u' ? hex(text, i + 2, i + 6) : -1;
                    int simple = simpleEscape(e);
                    if (hex >= 0) {
                        code = hex;
                        next = i + 6;
                    } else if (simple >= 0) {
                        code = simple;
                        next = i + 2;
                    }
                }
            } else if (syntax == XML) {
                if (cdataEnd >= 0) {
                    // a CDATA section's text is the element's, as it is; ]]> is markup
                    part = i >= cdataStart && i < cdataEnd;
                    if (i == cdataEnd + 2) {
                        cdataEnd = -1;
                    }
                } else if (!inTag && text.startsWith("<![CDATA[", i)) {
                    int end = text.indexOf("]]>", i + 9);
                    cdataEnd = end < 0 ? n : end;
                    cdataStart = i + 9;
                    part = false;
                } else if (!inTag && c == '<') {
                    inTag = true;
                    inValue = false;
                    part = false;
                } else if (inTag && quote == 0 && c == '>') {
                    inTag = false;
                    inValue = true;
                    part = false;
                } else if (inTag && quote == 0 && (c == '"' || c == '\'')) {
                    quote = c; // (an attribute value names or stamps: Name='Password', a time)
                } else if (inTag && c == quote) {
                    quote = 0;
                } else if (inValue && c == '&') {
                    int semicolon = semicolonAfter(text, i);
                    int ref = semicolon > 0 ? reference(text, i + 1, semicolon) : -1;
                    if (ref >= 0) {
                        code = ref;
                        next = semicolon + 1;
                    }
                }
            }
            if (code > 0xFFFF) {
                value.set(k, part);
                decoded[k++] = Character.highSurrogate(code);
                at[k] = i;
                value.set(k, part);
                decoded[k++] = Character.lowSurrogate(code);
            } else {
                value.set(k, part);
                decoded[k++] = (char) code;
            }
            i = next;
        }
        at[k] = n;
        return k;
    }

    /** Whether a colon follows, after white space, from {@code from}: the string was a key. */
    private static boolean isKey(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == ':';
            }
        }
        return false;
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
