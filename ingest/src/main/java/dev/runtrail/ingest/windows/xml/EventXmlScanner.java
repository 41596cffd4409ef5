package dev.runtrail.ingest.windows.xml;

import dev.runtrail.ingest.windows.WindowsRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the UTF-8 bytes of one {@code <Event>} element (the Windows event schema, as {@code
 * wevtutil}, {@code Get-WinEvent ... ToXml()}, Event Viewer and EVTX renderers write it) into a
 * {@link WindowsRecord}. EventData {@code Data} elements are kept by their {@code Name} (unnamed
 * ones as {@code param1}, {@code param2}, ... as Winlogbeat names them), UserData by the names of
 * its leaf elements, and the rendered {@code RenderingInfo/Message} when present.
 *
 * <p>A hand-written scanner rather than StAX: a general XML parser spends most of its time on
 * machinery (symbol tables, security limits, char buffers per event) that a few kilobytes of event
 * XML never need. It checks well-formedness as a namespace-aware XML 1.0 parser without a DTD does:
 * elements nest and close by the same name, attribute values are quoted and do not repeat,
 * references are the five predefined entities or character references of XML characters, no control
 * characters, comments without {@code --}, namespace prefixes declared. Names compare by their
 * local part (prefixes stripped), as before. Text is decoded only for the elements whose values are
 * kept, and only through the slow path when it holds references, CDATA, comments or carriage
 * returns (which XML turns into line feeds).
 *
 * <p>One scanner serves one thread; its buffers and name table are reused from event to event.
 */
final class EventXmlScanner {
    /** Depth below which leaf elements are tracked, as the StAX reader this replaces did. */
    private static final int LEAF_DEPTH = 64;

    private static final byte PLAIN = 0;
    private static final byte STOP = 1; // '<'
    private static final byte SPECIAL = 2; // '&', '\r', ']', control characters, 0xEF

    /** Bytes that may start a name: ASCII letters, '_', ':' and any non-ASCII character. */
    private static final boolean[] NAME_START = new boolean[256];

    /** Bytes that may continue a name: those and digits, '-', '.'. */
    private static final boolean[] NAME_CHAR = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            NAME_START[c] =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || c == '_'
                            || c == ':'
                            || c >= 0x80;
            NAME_CHAR[c] = NAME_START[c] || (c >= '0' && c <= '9') || c == '-' || c == '.';
        }
    }

    /** Bytes of an attribute value that need a closer look: quotes, '<', '&', control bytes. */
    private static final boolean[] ATTR_SPECIAL = new boolean[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            ATTR_SPECIAL[c] = true;
        }
        ATTR_SPECIAL['"'] = true;
        ATTR_SPECIAL['\''] = true;
        ATTR_SPECIAL['<'] = true;
        ATTR_SPECIAL['&'] = true;
        ATTR_SPECIAL[0xEF] = true;
    }

    /** Class of each byte in text content. */
    private static final byte[] TEXT = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            TEXT[c] = SPECIAL;
        }
        TEXT['\t'] = PLAIN;
        TEXT['\n'] = PLAIN;
        TEXT['<'] = STOP;
        TEXT['&'] = SPECIAL;
        TEXT['\r'] = SPECIAL;
        TEXT[']'] = SPECIAL;
        TEXT[0xEF] = SPECIAL; // lead byte of U+FFFE and U+FFFF, which XML does not allow
    }

    private byte[] b;
    private int start;
    private int end;
    private int p;

    // open elements: raw name (with prefix) and where their namespace declarations begin
    private int[] openName = new int[16];
    private int[] openNameLen = new int[16];
    private int[] openNs = new int[16];
    private int[] openLocal = new int[16];
    private String[] openLocalName = new String[16];
    private int localStart; // local part of the name read last
    private final int[] startAt = new int[LEAF_DEPTH];
    private int depth;

    // declared namespace prefixes, innermost last
    private int[] nsPrefix = new int[8];
    private int[] nsPrefixLen = new int[8];
    private int nsCount;

    // attributes of the start tag being read
    private int attrCount;
    private int[] attrName = new int[16];
    private int[] attrNameLen = new int[16];
    private int[] attrLocal = new int[16];
    private int[] attrValue = new int[16];
    private int[] attrValueEnd = new int[16];
    private boolean[] attrPlain = new boolean[16];

    private final NameTable names = new NameTable();
    private final Attributes attributes = new Attributes();
    private byte[] scratch = new byte[1024];

    /**
     * The record in {@code bytes[from, to)}, which must be well-formed UTF-8.
     *
     * @throws BadEventException when the element is not well-formed XML or lacks an event id or
     *     creation time
     */
    WindowsRecord parse(byte[] bytes, int from, int to) throws BadEventException {
        b = bytes;
        start = from;
        end = to;
        p = from;
        depth = 0;
        nsCount = 0;
        try {
            return read();
        } finally {
            b = null;
        }
    }

    private WindowsRecord read() throws BadEventException {
        EventFields f = new EventFields();
        int starts = 0;
        String section = null;
        String dataName = null;
        int unnamed = 0;
        boolean rootClosed = false;
        int contentStart = 0; // first byte after the last start tag
        boolean plain = true; // no references, CDATA, comments or CRs since then
        while (p < end) {
            if (b[p] != '<') {
                if (depth == 0) {
                    skipBlanksAfterRoot();
                    continue;
                }
                plain &= text();
                continue;
            }
            if (p + 1 >= end) {
                throw bad(p, "the event ends after '<'; expected a tag");
            }
            byte next = b[p + 1];
            if (next == '!') {
                if (startsWith(p, "<!--")) {
                    comment();
                } else if (startsWith(p, "<![CDATA[")) {
                    if (depth == 0) {
                        throw bad(p, "a CDATA section outside the <Event> element");
                    }
                    cdata();
                } else {
                    throw bad(p, "unexpected '<!' markup; expected a comment or a CDATA section");
                }
                plain = false;
            } else if (next == '?') {
                processingInstruction();
                plain = false;
            } else if (next == '/') {
                int tagAt = p;
                int nameAt = p + 2;
                p = nameAt;
                int nameEnd = name("an element name after '</'");
                skipBlanks();
                expect('>', "'>' to end the end tag");
                if (depth == 0) {
                    throw bad(tagAt, "an end tag without a start tag");
                }
                int open = openName[depth];
                int openLen = openNameLen[depth];
                if (nameEnd - nameAt != openLen || !same(open, nameAt, openLen)) {
                    throw bad(
                            tagAt,
                            "the end tag </"
                                    + ascii(nameAt, nameEnd)
                                    + "> does not match the start tag <"
                                    + ascii(open, open + openLen)
                                    + ">; expected </"
                                    + ascii(open, open + openLen)
                                    + ">");
                }
                String name = openLocalName[depth];
                boolean leaf = depth < LEAF_DEPTH && startAt[depth] == starts;
                if (leaf && section != null && EventFields.wants(section, depth, name)) {
                    String text =
                            plain
                                    ? new String(
                                            b,
                                            contentStart,
                                            tagAt - contentStart,
                                            StandardCharsets.UTF_8)
                                    : decodeContent(contentStart, tagAt);
                    f.leaf(section, depth, name, dataName, text);
                }
                if (name.equals("Data")) {
                    dataName = null;
                }
                nsCount = openNs[depth];
                depth--;
                rootClosed = depth == 0;
            } else {
                if (depth == 0 && rootClosed) {
                    throw bad(p, "an element after </Event>; expected the end of the event");
                }
                boolean empty = startTag();
                depth++;
                starts++;
                if (depth < LEAF_DEPTH) {
                    startAt[depth] = starts;
                }
                int open = openName[depth];
                int openLen = openNameLen[depth];
                String name = names.get(b, openLocal[depth], open + openLen);
                openLocalName[depth] = name;
                if (depth == 1 && !name.equals("Event")) {
                    throw new BadEventException(
                            "The root element is <" + name + ">; expected <Event>.");
                }
                if (depth == 2) {
                    section = name;
                }
                if (depth == 3 && "System".equals(section)) {
                    f.systemAttributes(name, attributes);
                }
                if (name.equals("Data") && depth == 3 && "EventData".equals(section)) {
                    dataName = attributes.name("Name");
                    if (dataName == null || dataName.isEmpty()) {
                        dataName = "param" + ++unnamed;
                    }
                }
                contentStart = p;
                plain = true;
                if (empty) {
                    // <x/> is a start and an end with no text in between
                    if (depth < LEAF_DEPTH
                            && section != null
                            && EventFields.wants(section, depth, name)) {
                        f.leaf(section, depth, name, dataName, "");
                    }
                    if (name.equals("Data")) {
                        dataName = null;
                    }
                    nsCount = openNs[depth];
                    depth--;
                    rootClosed = depth == 0;
                }
            }
        }
        if (depth > 0) {
            int open = openName[depth];
            throw bad(
                    end,
                    "the event ends inside <"
                            + ascii(open, open + openNameLen[depth])
                            + ">; expected its end tag");
        }
        if (!rootClosed) {
            throw bad(start, "no <Event> element; expected one");
        }
        return f.toRecord();
    }

    /** Skips text content, checking it; false if it needs the slow decoding. */
    private boolean text() throws BadEventException {
        boolean plain = true;
        byte[] bytes = b;
        int i = p;
        int stop = end;
        while (i < stop) {
            byte cls = TEXT[bytes[i] & 0xff];
            if (cls == PLAIN) {
                i++;
                continue;
            }
            if (cls == STOP) {
                break;
            }
            int c = bytes[i] & 0xff;
            switch (c) {
                case '&' -> {
                    i = reference(i, null);
                    plain = false;
                }
                case '\r' -> {
                    plain = false;
                    i++;
                }
                case ']' -> {
                    if (i + 2 < stop && bytes[i + 1] == ']' && bytes[i + 2] == '>') {
                        throw bad(i, "']]>' in text; expected it only to end a CDATA section");
                    }
                    i++;
                }
                case 0xEF -> i = checkNonCharacter(i);
                default -> throw badChar(i);
            }
        }
        p = i;
        return plain;
    }

    /** After the root element only blanks, comments and processing instructions may follow. */
    private void skipBlanksAfterRoot() throws BadEventException {
        if (!blank(b[p])) {
            throw bad(p, "text outside the <Event> element; expected the end of the event");
        }
        p++;
    }

    /** Fails on U+FFFE and U+FFFF (not XML characters); index after the character otherwise. */
    private int checkNonCharacter(int i) throws BadEventException {
        if (i + 2 < end && b[i + 1] == (byte) 0xBF && (b[i + 2] & 0xfe) == 0xBE) {
            throw badChar(i);
        }
        return i + 1;
    }

    /**
     * Checks the reference at {@code b[i] == '&'} and appends its text to {@code out} when not
     * null; returns the index after its {@code ;}.
     */
    private int reference(int i, Scratch out) throws BadEventException {
        int j = i + 1;
        if (j < end && b[j] == '#') {
            int cp = 0;
            int k = j + 1;
            boolean hex = k < end && b[k] == 'x';
            if (hex) {
                k++;
            }
            int digits = k;
            while (k < end && b[k] != ';') {
                int d = digit(b[k], hex);
                if (d < 0) {
                    throw bad(
                            i,
                            "a malformed character reference; expected "
                                    + (hex ? "hex digits" : "digits")
                                    + " and ';'");
                }
                cp = cp * (hex ? 16 : 10) + d;
                if (cp > 0x10FFFF) {
                    throw bad(i, "a character reference above U+10FFFF");
                }
                k++;
            }
            if (k >= end || k == digits) {
                throw bad(i, "a malformed character reference; expected digits and ';'");
            }
            if (!xmlChar(cp)) {
                throw bad(
                        i,
                        "a reference to U+"
                                + String.format("%04X", cp)
                                + ", which XML does not allow; expected a reference to an XML"
                                + " character");
            }
            if (out != null) {
                out.codePoint(cp);
            }
            return k + 1;
        }
        int k = j;
        while (k < end && k - j <= 5 && b[k] != ';') {
            k++;
        }
        char c = k < end && b[k] == ';' ? predefinedEntity(j, k - j) : 0;
        if (c == 0) {
            int shown = Math.min(end, j + 12);
            throw bad(
                    i,
                    "an undeclared entity reference '&"
                            + ascii(j, k < end && b[k] == ';' ? k + 1 : shown)
                            + "'; expected &lt; &gt; &amp; &quot; &apos; or a character"
                            + " reference");
        }
        if (out != null) {
            out.add((byte) c);
        }
        return k + 1;
    }

    /** The character of a predefined entity named {@code b[at, at + len)}, or 0. */
    private char predefinedEntity(int at, int len) {
        byte c0 = b[at];
        if (len == 2 && b[at + 1] == 't') {
            return c0 == 'l' ? '<' : c0 == 'g' ? '>' : 0;
        }
        if (len == 3 && c0 == 'a' && b[at + 1] == 'm' && b[at + 2] == 'p') {
            return '&';
        }
        if (len == 4 && startsWith(at, "quot")) {
            return '"';
        }
        if (len == 4 && startsWith(at, "apos")) {
            return '\'';
        }
        return 0;
    }

    private static int digit(byte c, boolean hex) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (hex && c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (hex && c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean xmlChar(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /** Reads a start tag at {@code p}; true if it is empty ({@code />}). */
    private boolean startTag() throws BadEventException {
        int tagAt = p;
        p++;
        int nameAt = p;
        int nameEnd = name("an element name after '<'");
        int d = depth + 1;
        if (d >= openName.length) {
            int n = openName.length * 2;
            openName = Arrays.copyOf(openName, n);
            openNameLen = Arrays.copyOf(openNameLen, n);
            openNs = Arrays.copyOf(openNs, n);
            openLocal = Arrays.copyOf(openLocal, n);
            openLocalName = Arrays.copyOf(openLocalName, n);
        }
        openLocal[d] = localStart;
        openName[d] = nameAt;
        openNameLen[d] = nameEnd - nameAt;
        openNs[d] = nsCount;
        attrCount = 0;
        boolean empty;
        while (true) {
            boolean spaced = skipBlanks();
            if (p >= end) {
                throw bad(tagAt, "the start tag is not closed; expected '>'");
            }
            byte c = b[p];
            if (c == '>') {
                p++;
                empty = false;
                break;
            }
            if (c == '/') {
                p++;
                expect('>', "'>' after '/' in the start tag");
                empty = true;
                break;
            }
            if (!spaced) {
                throw bad(
                        p, "unexpected character in the start tag; expected a space, '>' or '/>'");
            }
            attribute();
        }
        declareNamespaces();
        if (openLocal[d] != nameAt) {
            checkPrefix(nameAt, nameEnd, openLocal[d], "element");
        }
        for (int i = 0; i < attrCount; i++) {
            int a = attrName[i];
            int aEnd = a + attrNameLen[i];
            if (attrLocal[i] != a && !isNamespaceDeclaration(a, aEnd)) {
                checkPrefix(a, aEnd, attrLocal[i], "attribute");
            }
            for (int k = 0; k < i; k++) {
                if (attrNameLen[k] == attrNameLen[i] && same(attrName[k], a, attrNameLen[i])) {
                    throw bad(a, "the attribute " + ascii(a, aEnd) + " appears twice");
                }
            }
        }
        return empty;
    }

    /** Reads {@code name = "value"} at {@code p} into the attribute arrays. */
    private void attribute() throws BadEventException {
        int nameAt = p;
        int nameEnd = name("an attribute name");
        int local = localStart;
        skipBlanks();
        if (p >= end || b[p] != '=') {
            throw bad(p, "expected '=' after the attribute name " + ascii(nameAt, nameEnd));
        }
        p++;
        skipBlanks();
        if (p >= end || (b[p] != '"' && b[p] != '\'')) {
            throw bad(p, "an unquoted attribute value; expected ' or \"");
        }
        byte quote = b[p++];
        int valueAt = p;
        boolean plain = true;
        while (true) {
            if (p >= end) {
                throw bad(
                        valueAt - 1, "the attribute value is not closed; expected " + (char) quote);
            }
            byte c = b[p];
            if (!ATTR_SPECIAL[c & 0xff]) {
                p++;
                continue;
            }
            if (c == quote) {
                break;
            }
            switch (c) {
                case '<' -> throw bad(p, "'<' in an attribute value; expected &lt;");
                case '&' -> {
                    p = reference(p, null);
                    plain = false;
                }
                case '\t', '\n', '\r' -> {
                    plain = false;
                    p++;
                }
                case (byte) 0xEF -> p = checkNonCharacter(p);
                default -> {
                    if (c >= 0 && c < 0x20) {
                        throw badChar(p);
                    }
                    p++;
                }
            }
        }
        int n = attrCount;
        if (n == attrName.length) {
            int m = n * 2;
            attrName = Arrays.copyOf(attrName, m);
            attrNameLen = Arrays.copyOf(attrNameLen, m);
            attrLocal = Arrays.copyOf(attrLocal, m);
            attrValue = Arrays.copyOf(attrValue, m);
            attrValueEnd = Arrays.copyOf(attrValueEnd, m);
            attrPlain = Arrays.copyOf(attrPlain, m);
        }
        attrName[n] = nameAt;
        attrNameLen[n] = nameEnd - nameAt;
        attrLocal[n] = local;
        attrValue[n] = valueAt;
        attrValueEnd[n] = p;
        attrPlain[n] = plain;
        attrCount = n + 1;
        p++; // the closing quote
    }

    private boolean isNamespaceDeclaration(int nameAt, int nameEnd) {
        int len = nameEnd - nameAt;
        return (len == 5 || (len > 6 && b[nameAt + 5] == ':')) && startsWith(nameAt, "xmlns");
    }

    /** Adds the {@code xmlns:prefix} declarations of the current start tag. */
    private void declareNamespaces() throws BadEventException {
        for (int i = 0; i < attrCount; i++) {
            int a = attrName[i];
            int aEnd = a + attrNameLen[i];
            if (aEnd - a > 6 && isNamespaceDeclaration(a, aEnd)) {
                if (attrValue[i] == attrValueEnd[i]) {
                    throw bad(a, "the prefix " + ascii(a + 6, aEnd) + " is bound to an empty name");
                }
                if (nsCount == nsPrefix.length) {
                    nsPrefix = Arrays.copyOf(nsPrefix, nsCount * 2);
                    nsPrefixLen = Arrays.copyOf(nsPrefixLen, nsCount * 2);
                }
                nsPrefix[nsCount] = a + 6;
                nsPrefixLen[nsCount] = aEnd - a - 6;
                nsCount++;
            }
        }
    }

    /** Fails if the name has a prefix that no enclosing element declares. */
    private void checkPrefix(int nameAt, int nameEnd, int local, String what)
            throws BadEventException {
        int prefixEnd = local - 1;
        if (prefixEnd - nameAt == 3 && startsWith(nameAt, "xml")) {
            return; // bound by definition
        }
        for (int i = nsCount - 1; i >= 0; i--) {
            int s = nsPrefix[i];
            if (nsPrefixLen[i] == prefixEnd - nameAt && same(s, nameAt, nsPrefixLen[i])) {
                return;
            }
        }
        throw bad(
                nameAt,
                "the "
                        + what
                        + " "
                        + ascii(nameAt, nameEnd)
                        + " has the undeclared prefix "
                        + ascii(nameAt, prefixEnd)
                        + "; expected an xmlns:"
                        + ascii(nameAt, prefixEnd)
                        + " declaration");
    }

    /**
     * Reads an XML name at {@code p} (at most one colon, not first or last); returns its end.
     * Non-ASCII characters are accepted as name characters.
     */
    private int name(String expected) throws BadEventException {
        byte[] bytes = b;
        int at = p;
        if (at >= end || !NAME_START[bytes[at] & 0xff]) {
            throw bad(at, "expected " + expected);
        }
        int colon = -1;
        int i = at + 1;
        while (i < end) {
            byte c = bytes[i];
            if (!NAME_CHAR[c & 0xff]) {
                break;
            }
            if (c == ':') {
                if (colon >= 0) {
                    throw bad(at, "the name " + ascii(at, i) + ": has two colons");
                }
                colon = i;
            }
            i++;
        }
        if (bytes[at] == ':' || colon == i - 1) {
            throw bad(at, "the name " + ascii(at, i) + " has an empty prefix or local part");
        }
        p = i;
        localStart = colon < 0 ? at : colon + 1;
        return i;
    }

    /** Whether {@code b[x, x + len)} and {@code b[y, y + len)} hold the same bytes. */
    private boolean same(int x, int y, int len) {
        byte[] bytes = b;
        for (int i = 0; i < len; i++) {
            if (bytes[x + i] != bytes[y + i]) {
                return false;
            }
        }
        return true;
    }

    private void comment() throws BadEventException {
        int at = p;
        p += 4;
        while (true) {
            if (p + 1 >= end) {
                throw bad(at, "the comment is not closed; expected '-->'");
            }
            byte c = b[p];
            if (c == '-' && b[p + 1] == '-') {
                if (p + 2 < end && b[p + 2] == '>') {
                    p += 3;
                    return;
                }
                throw bad(p, "'--' inside a comment; expected '-->'");
            }
            checkMarkupChar(p);
            p++;
        }
    }

    private void cdata() throws BadEventException {
        int at = p;
        p += 9;
        while (true) {
            if (p + 2 >= end) {
                throw bad(at, "the CDATA section is not closed; expected ']]>'");
            }
            if (b[p] == ']' && b[p + 1] == ']' && b[p + 2] == '>') {
                p += 3;
                return;
            }
            checkMarkupChar(p);
            p++;
        }
    }

    private void processingInstruction() throws BadEventException {
        int at = p;
        p += 2;
        int targetAt = p;
        int targetEnd = name("a processing instruction target after '<?'");
        if (targetEnd - targetAt == 3
                && (b[targetAt] | 0x20) == 'x'
                && (b[targetAt + 1] | 0x20) == 'm'
                && (b[targetAt + 2] | 0x20) == 'l') {
            throw bad(at, "an XML declaration inside the event; expected it only at the start");
        }
        if (p < end && !blank(b[p]) && !startsWith(p, "?>")) {
            throw bad(p, "expected a space or '?>' after the processing instruction target");
        }
        while (true) {
            if (p + 1 >= end) {
                throw bad(at, "the processing instruction is not closed; expected '?>'");
            }
            if (b[p] == '?' && b[p + 1] == '>') {
                p += 2;
                return;
            }
            checkMarkupChar(p);
            p++;
        }
    }

    private void checkMarkupChar(int i) throws BadEventException {
        byte c = b[i];
        if (c >= 0 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            throw badChar(i);
        }
        if (c == (byte) 0xEF) {
            checkNonCharacter(i);
        }
    }

    /**
     * The text of a leaf element's content {@code b[from, to)} the slow way: references resolved,
     * CDATA unwrapped, comments and processing instructions dropped, line ends normalized.
     */
    private String decodeContent(int from, int to) {
        Scratch out = new Scratch();
        int i = from;
        try {
            while (i < to) {
                byte c = b[i];
                if (c == '&') {
                    i = reference(i, out);
                } else if (c == '\r') {
                    out.add((byte) '\n');
                    i += i + 1 < to && b[i + 1] == '\n' ? 2 : 1;
                } else if (c == '<') {
                    if (startsWith(i, "<![CDATA[")) {
                        int e = indexOf(i + 9, "]]>");
                        for (int k = i + 9; k < e; k++) {
                            if (b[k] == '\r') {
                                out.add((byte) '\n');
                                if (k + 1 < e && b[k + 1] == '\n') {
                                    k++;
                                }
                            } else {
                                out.add(b[k]);
                            }
                        }
                        i = e + 3;
                    } else if (startsWith(i, "<!--")) {
                        i = indexOf(i + 4, "-->") + 3;
                    } else {
                        i = indexOf(i + 2, "?>") + 2;
                    }
                } else {
                    out.add(c);
                    i++;
                }
            }
        } catch (BadEventException e) {
            // the content was checked when it was scanned
            throw new IllegalStateException(e);
        }
        return out.string();
    }

    /**
     * An attribute value with references resolved and each literal tab, line feed, carriage return
     * or CR LF pair made one space, as XML normalizes attribute values.
     */
    private String decodeAttribute(int i) {
        int from = attrValue[i];
        int to = attrValueEnd[i];
        if (attrPlain[i]) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        Scratch out = new Scratch();
        try {
            for (int k = from; k < to; ) {
                byte c = b[k];
                if (c == '&') {
                    k = reference(k, out);
                } else if (c == '\r') {
                    out.add((byte) ' ');
                    k += k + 1 < to && b[k + 1] == '\n' ? 2 : 1;
                } else {
                    out.add(c == '\t' || c == '\n' ? (byte) ' ' : c);
                    k++;
                }
            }
        } catch (BadEventException e) {
            throw new IllegalStateException(e);
        }
        return out.string();
    }

    /** The scanner's byte buffer, for building decoded text. */
    private final class Scratch {
        private int n;

        void add(byte c) {
            if (n == scratch.length) {
                scratch = Arrays.copyOf(scratch, n * 2);
            }
            scratch[n++] = c;
        }

        void codePoint(int cp) {
            if (cp < 0x80) {
                add((byte) cp);
            } else if (cp < 0x800) {
                add((byte) (0xC0 | cp >> 6));
                add((byte) (0x80 | cp & 0x3F));
            } else if (cp < 0x10000) {
                add((byte) (0xE0 | cp >> 12));
                add((byte) (0x80 | cp >> 6 & 0x3F));
                add((byte) (0x80 | cp & 0x3F));
            } else {
                add((byte) (0xF0 | cp >> 18));
                add((byte) (0x80 | cp >> 12 & 0x3F));
                add((byte) (0x80 | cp >> 6 & 0x3F));
                add((byte) (0x80 | cp & 0x3F));
            }
        }

        String string() {
            return new String(scratch, 0, n, StandardCharsets.UTF_8);
        }
    }

    /** Attribute values of the current start tag by local name, decoded on request. */
    private final class Attributes implements EventFields.Attributes {
        @Override
        public String get(String localName) {
            int i = find(localName);
            return i < 0 ? null : decodeAttribute(i);
        }

        /**
         * Like {@link #get}, for values that repeat from event to event (Data names): a plain value
         * comes from the name table instead of being made anew.
         */
        String name(String localName) {
            int i = find(localName);
            if (i < 0) {
                return null;
            }
            return attrPlain[i] ? names.get(b, attrValue[i], attrValueEnd[i]) : decodeAttribute(i);
        }

        private int find(String localName) {
            for (int i = 0; i < attrCount; i++) {
                int local = attrLocal[i];
                int nameEnd = attrName[i] + attrNameLen[i];
                if (nameEnd - local == localName.length()
                        && startsWith(local, localName)
                        && !isNamespaceDeclaration(attrName[i], nameEnd)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private int indexOf(int from, String ascii) throws BadEventException {
        for (int i = from; i + ascii.length() <= end; i++) {
            if (startsWith(i, ascii)) {
                return i;
            }
        }
        throw bad(from, "expected " + ascii);
    }

    private boolean skipBlanks() {
        int from = p;
        while (p < end && blank(b[p])) {
            p++;
        }
        return p > from;
    }

    private static boolean blank(byte c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    private void expect(char c, String expected) throws BadEventException {
        if (p >= end || b[p] != c) {
            throw bad(p, "expected " + expected);
        }
        p++;
    }

    private boolean startsWith(int at, String ascii) {
        if (at + ascii.length() > end) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[at + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String ascii(int from, int to) {
        return new String(b, from, Math.max(0, Math.min(to, end) - from), StandardCharsets.UTF_8);
    }

    private BadEventException badChar(int i) {
        int cp =
                (b[i] & 0xff) == 0xEF
                        ? new String(b, i, 3, StandardCharsets.UTF_8).codePointAt(0)
                        : b[i] & 0xff;
        return bad(
                i,
                "the character U+"
                        + String.format("%04X", cp)
                        + ", which XML does not allow; expected text characters");
    }

    /** A dead letter reason: what was found, what was expected, and where in the event. */
    private BadEventException bad(int at, String what) {
        int line = 1;
        int column = 1;
        for (int i = start; i < at && i < end; i++) {
            if (b[i] == '\n') {
                line++;
                column = 1;
            } else if ((b[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new BadEventException(
                "Malformed event XML: "
                        + what
                        + " (at line "
                        + line
                        + ", column "
                        + column
                        + " of the element, byte "
                        + (at - start)
                        + ")");
    }
}
