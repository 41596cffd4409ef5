package dev.runtrail.ingest.windows.evtx.binxml;

/**
 * Renders the walked record as compact XML text (the {@code event.original} of EVTX events), in the
 * shape Windows itself renders events: no declaration, no indentation, empty elements self-closed.
 */
public final class XmlWriter implements XmlSink {
    private StringBuilder out = new StringBuilder(2048);
    private boolean startTagOpen;
    private boolean wide;

    /** Clears the buffer for the next record. */
    public void reset() {
        if (wide) {
            // A StringBuilder that once held a char above U+00FF stays two bytes per char, and
            // every
            // later toString() would have to compress it; start afresh instead.
            out = new StringBuilder(Math.max(2048, out.length()));
            wide = false;
        } else {
            out.setLength(0);
        }
        startTagOpen = false;
    }

    /** The XML written since the last reset. */
    public String xml() {
        return out.toString();
    }

    @Override
    public void startElement(String name) {
        closeStartTag();
        out.append('<').append(name);
        startTagOpen = true;
    }

    @Override
    public void startElement(Node.Element element) {
        closeStartTag();
        out.append(element.openTag());
        startTagOpen = true;
    }

    @Override
    public void endElement(Node.Element element) {
        if (startTagOpen) {
            out.append("/>");
            startTagOpen = false;
        } else {
            out.append(element.closeTag());
        }
    }

    @Override
    public void attribute(Node.Attribute attribute, String value, boolean plain) {
        out.append(attribute.prefix());
        if (plain) {
            out.append(value);
        } else {
            escape(value, true);
        }
        out.append('"');
    }

    @Override
    public void attribute(String name, String value) {
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
    }

    @Override
    public void plainAttribute(String name, String value) {
        out.append(' ').append(name).append("=\"").append(value).append('"');
    }

    @Override
    public void plainText(String text) {
        if (!text.isEmpty()) {
            closeStartTag();
            out.append(text);
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
        out.append("<![CDATA[").append(text).append("]]>");
        wide = true; // not scanned; assume the worst
    }

    @Override
    public void processingInstruction(String target, String data) {
        closeStartTag();
        out.append("<?").append(target);
        if (!data.isEmpty()) {
            out.append(' ').append(data);
        }
        out.append("?>");
    }

    @Override
    public void endElement(String name) {
        if (startTagOpen) {
            out.append("/>");
            startTagOpen = false;
        } else {
            out.append("</").append(name).append('>');
        }
    }

    /**
     * Appends prebuilt markup (tags, attribute prefixes, escaped literal text) as is; {@code wide}
     * when it holds a character above U+00FF.
     */
    public void markup(String text, boolean wide) {
        out.append(text);
        this.wide |= wide;
    }

    /**
     * Appends a value as element content or as attribute text (then {@code "} is escaped too),
     * unless {@code plain}: known to hold none of {@code & < > "} (see {@link
     * BinXmlWalker#lastValuePlain}).
     */
    public void value(String text, boolean plain, boolean attribute) {
        if (plain) {
            out.append(text);
        } else {
            escape(text, attribute);
        }
    }

    private void closeStartTag() {
        if (startTagOpen) {
            out.append('>');
            startTagOpen = false;
        }
    }

    private void escape(String s, boolean attribute) {
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            // Most values need no escaping; test the four specials before building a replacement.
            if (c > '>') {
                wide |= c > 0xff;
                continue;
            }
            if (c != '&' && c != '<' && c != '>' && (c != '"' || !attribute)) {
                continue;
            }
            out.append(s, from, i);
            out.append(c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : "&quot;");
            from = i + 1;
        }
        if (from == 0) {
            out.append(s);
        } else {
            out.append(s, from, n);
        }
    }
}
