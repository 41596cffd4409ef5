package dev.runtrail.ingest.windows.evtx.binxml;

import java.nio.charset.StandardCharsets;

/**
 * Renders the walked record as compact XML text (the {@code event.original} of EVTX events), in the
 * shape Windows itself renders events: no declaration, no indentation, empty elements self-closed.
 *
 * <p>While every character of a record is Latin-1 (nearly always), the XML is written as one byte
 * per character into a reused array, and its text is made from that with a single copy; appending
 * to a StringBuilder cost several times as much per piece. The first character above U+00FF moves
 * the record to a StringBuilder for the rest of it.
 */
public final class XmlWriter implements XmlSink {
    private byte[] latin;
    private int length;

    /** The record's XML once it holds a character above U+00FF; null until then. */
    private StringBuilder wide;

    private boolean startTagOpen;

    /** A writer sized for records (a few KB). */
    public XmlWriter() {
        this(2048);
    }

    /** A writer starting with room for {@code capacity} characters, for small pieces. */
    public XmlWriter(int capacity) {
        latin = new byte[Math.max(16, capacity)];
    }

    /** Clears the buffer for the next record. */
    public void reset() {
        length = 0;
        wide = null;
        startTagOpen = false;
    }

    /** The XML written since the last reset. */
    public String xml() {
        return wide != null
                ? wide.toString()
                : new String(latin, 0, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void startElement(String name) {
        closeStartTag();
        append('<');
        append(name);
        startTagOpen = true;
    }

    @Override
    public void startElement(Node.Element element) {
        closeStartTag();
        append(element.openTag());
        startTagOpen = true;
    }

    @Override
    public void endElement(Node.Element element) {
        if (startTagOpen) {
            appendLatin("/>");
            startTagOpen = false;
        } else {
            append(element.closeTag());
        }
    }

    @Override
    public void attribute(Node.Attribute attribute, String value, boolean plain) {
        append(attribute.prefix());
        value(value, plain, true);
        append('"');
    }

    @Override
    public void attribute(String name, String value) {
        append(' ');
        append(name);
        appendLatin("=\"");
        escape(value, true);
        append('"');
    }

    @Override
    public void plainAttribute(String name, String value) {
        append(' ');
        append(name);
        appendLatin("=\"");
        appendLatin(value);
        append('"');
    }

    @Override
    public void plainText(String text) {
        if (!text.isEmpty()) {
            closeStartTag();
            appendLatin(text);
        }
    }

    @Override
    public void text(String text) {
        if (text.isEmpty()) {
            return;
        }
        closeStartTag();
        escape(text, false);
    }

    @Override
    public void cdata(String text) {
        closeStartTag();
        appendLatin("<![CDATA[");
        append(text);
        appendLatin("]]>");
    }

    @Override
    public void processingInstruction(String target, String data) {
        closeStartTag();
        appendLatin("<?");
        append(target);
        if (!data.isEmpty()) {
            append(' ');
            append(data);
        }
        appendLatin("?>");
    }

    @Override
    public void endElement(String name) {
        if (startTagOpen) {
            appendLatin("/>");
            startTagOpen = false;
        } else {
            appendLatin("</");
            append(name);
            append('>');
        }
    }

    /**
     * Fixed markup (tags, attribute prefixes, escaped literal text) prepared once: kept as Latin-1
     * bytes too when it has no character above U+00FF, so that appending it is one array copy.
     */
    public static final class Markup {
        private final String text;
        private final byte[] latin;

        public Markup(String text) {
            this.text = text;
            boolean latin1 = true;
            for (int i = 0; i < text.length() && latin1; i++) {
                latin1 = text.charAt(i) <= 0xff;
            }
            this.latin = latin1 ? text.getBytes(StandardCharsets.ISO_8859_1) : null;
        }
    }

    /** Appends prepared markup as is. */
    public void markup(Markup markup) {
        byte[] bytes = markup.latin;
        if (bytes == null || wide != null) {
            append(markup.text);
            return;
        }
        int n = bytes.length;
        room(n);
        System.arraycopy(bytes, 0, latin, length, n);
        length += n;
    }

    /**
     * Appends a FILETIME value as {@link ValueFormatter#filetime(long)} writes it, formatted in
     * place; its text holds nothing to escape.
     */
    public void filetime(long ticks) {
        if (wide == null) {
            room(ValueFormatter.FILETIME_LENGTH);
            int end = ValueFormatter.filetime(ticks, latin, length);
            if (end >= 0) {
                length = end;
                return;
            }
        }
        append(ValueFormatter.filetime(ticks));
    }

    /** Appends one Latin-1 markup character ({@code >}, {@code "}). */
    public void markup(char c) {
        append(c);
    }

    /**
     * Appends a value as element content or as attribute text (then {@code "} is escaped too),
     * unless {@code plain}: known to hold none of {@code & < > "} and no character above U+00FF
     * (see {@link BinXmlWalker#lastValuePlain}).
     */
    public void value(String text, boolean plain, boolean attribute) {
        if (plain) {
            appendLatin(text);
        } else {
            escape(text, attribute);
        }
    }

    private void closeStartTag() {
        if (startTagOpen) {
            append('>');
            startTagOpen = false;
        }
    }

    private void room(int more) {
        if (length + more > latin.length) {
            latin = java.util.Arrays.copyOf(latin, Math.max(latin.length * 2, length + more));
        }
    }

    /** Appends text the caller knows to be Latin-1. */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): the low byte of each char
    private void appendLatin(String s) {
        if (wide != null) {
            wide.append(s);
            return;
        }
        int n = s.length();
        room(n);
        s.getBytes(0, n, latin, length);
        length += n;
    }

    private void append(char c) {
        if (c > 0xff && wide == null) {
            widen();
        }
        if (wide != null) {
            wide.append(c);
            return;
        }
        room(1);
        latin[length++] = (byte) c;
    }

    /** Appends text that may hold any character. */
    private void append(String s) {
        appendRange(s, 0, s.length());
    }

    private void appendRange(String s, int from, int to) {
        if (wide == null) {
            room(to - from);
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c > 0xff) {
                    widen();
                    wide.append(s, i, to);
                    return;
                }
                latin[length++] = (byte) c;
            }
        } else {
            wide.append(s, from, to);
        }
    }

    /** Moves what the record has so far to a StringBuilder, for characters above U+00FF. */
    private void widen() {
        wide = new StringBuilder(Math.max(2048, length * 2));
        for (int i = 0; i < length; i++) {
            wide.append((char) (latin[i] & 0xff));
        }
    }

    private void escape(String s, boolean attribute) {
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            // Most values need no escaping; test the four specials before building a replacement.
            if (c > '>') {
                continue;
            }
            if (c != '&' && c != '<' && c != '>' && (c != '"' || !attribute)) {
                continue;
            }
            appendRange(s, from, i);
            appendLatin(c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&quot;");
            from = i + 1;
        }
        appendRange(s, from, n);
    }
}
