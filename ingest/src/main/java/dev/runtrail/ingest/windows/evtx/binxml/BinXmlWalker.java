package dev.runtrail.ingest.windows.evtx.binxml;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Expands parsed binary XML with its substitution values and feeds the result to an {@link
 * XmlSink}. Nested binary XML values (type 0x21) are parsed from the chunk and expanded in place.
 */
public final class BinXmlWalker {
    private final BinXmlParser parser;
    private final ByteBuffer buf;

    /** Real events nest BinXML values once or twice; deeper nesting is corrupt data. */
    private static final int MAX_NESTED = 16;

    private final StringBuilder attributeText = new StringBuilder(64);
    private int nestedDepth;

    /**
     * Set by {@link #attributeValue} when the value came from one substitution that needs no
     * escaping.
     */
    private boolean plainAttribute;

    /** Set by every UTF-16 value decoded: whether it may hold characters XML must escape. */
    private final boolean[] mayNeedEscaping = new boolean[1];

    /** Where UTF-16 values are gathered as Latin-1 before they become Strings. */
    private final byte[] scratch = new byte[512];

    /** The type of the value {@link #valueText} decoded last. */
    private int lastType;

    public BinXmlWalker(BinXmlParser parser) {
        this.parser = parser;
        this.buf = parser.buffer();
    }

    /** The chunk bytes that values refer to. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Walks nodes whose substitutions refer to {@code values} (null outside templates). */
    public void walk(List<Node> nodes, Values values, XmlSink sink) throws BinXmlException {
        for (int i = 0, n = nodes.size(); i < n; i++) {
            walkNode(nodes.get(i), values, sink);
        }
    }

    private void walkNode(Node node, Values values, XmlSink sink) throws BinXmlException {
        if (node instanceof Node.Element e) {
            int array = arraySubstitution(e, values);
            if (array >= 0) {
                walkRepeated(e, values, array, sink);
                return;
            }
            walkElement(e, values, null, sink);
        } else if (node instanceof Node.Text t) {
            sink.text(t.text());
        } else if (node instanceof Node.Substitution s) {
            substitute(s, values, sink);
        } else if (node instanceof Node.TemplateInstance ti) {
            walk(ti.template().body(), ti.values(), sink);
        } else if (node instanceof Node.CharRef c) {
            sink.text(new String(Character.toChars(c.codePoint())));
        } else if (node instanceof Node.EntityRef r) {
            sink.text(resolveEntity(r.name()));
        } else if (node instanceof Node.CData c) {
            sink.cdata(c.text());
        } else if (node instanceof Node.ProcessingInstruction p) {
            sink.processingInstruction(p.target(), p.data());
        }
    }

    private void walkElement(Node.Element e, Values values, String arrayItem, XmlSink sink)
            throws BinXmlException {
        sink.startElement(e);
        List<Node.Attribute> attributes = e.attributes();
        for (int i = 0, n = attributes.size(); i < n; i++) {
            Node.Attribute a = attributes.get(i);
            String value = attributeValue(a, values);
            if (value != null) {
                sink.attribute(a, value, plainAttribute);
            }
        }
        if (arrayItem != null) {
            sink.text(arrayItem);
        } else {
            walk(e.children(), values, sink);
        }
        sink.endElement(e);
    }

    /**
     * The value index when the element's only content is a substitution holding an array, else -1.
     */
    private static int arraySubstitution(Node.Element e, Values values) {
        if (values == null || e.children().size() != 1) {
            return -1;
        }
        if (e.children().get(0) instanceof Node.Substitution s
                && s.index() < values.count()
                && (values.type(s.index()) & ValueType.ARRAY) != 0) {
            return s.index();
        }
        return -1;
    }

    /** Writes the element once per array item, as Windows renders array values. */
    private void walkRepeated(Node.Element e, Values values, int index, XmlSink sink)
            throws BinXmlException {
        List<String> items =
                ValueFormatter.arrayItems(
                        buf, values.type(index), values.offset(index), values.size(index));
        for (String item : items) {
            walkElement(e, values, item, sink);
        }
    }

    private void substitute(Node.Substitution s, Values values, XmlSink sink)
            throws BinXmlException {
        int index = s.index();
        if (values != null
                && index < values.count()
                && values.type(index) == ValueType.BINXML
                && values.size(index) > 0) {
            if (++nestedDepth > MAX_NESTED) {
                nestedDepth = 0;
                throw new BinXmlException(
                        "Expected binary XML values nested at most "
                                + MAX_NESTED
                                + " deep, found deeper nesting at chunk offset "
                                + values.offset(index)
                                + ".");
            }
            try {
                walk(parser.parseFragment(values.offset(index), values.size(index)), null, sink);
            } finally {
                nestedDepth = Math.max(0, nestedDepth - 1);
            }
            return;
        }
        // libevtx renders a substitution without a value (missing, NULL, empty) as nothing.
        String text = valueText(values, index);
        if (text == null) {
            return;
        }
        if (lastValuePlain()) {
            sink.plainText(text);
        } else {
            sink.text(text);
        }
    }

    /** Whether values of this type are free text that may need XML escaping. */
    private static boolean isText(int type) {
        int t = type & ~ValueType.ARRAY;
        return t == ValueType.STRING || t == ValueType.ANSI_STRING || t > ValueType.HEXINT64;
    }

    /** The attribute's text, or null when it consists only of empty substitutions. */
    private String attributeValue(Node.Attribute a, Values values) throws BinXmlException {
        plainAttribute = false;
        List<Node> parts = a.value();
        if (parts.size() == 1) {
            Node only = parts.get(0);
            if (only instanceof Node.Text t) {
                return t.text();
            }
            if (only instanceof Node.Substitution s) {
                String text = valueText(values, s.index());
                plainAttribute = text != null && lastValuePlain();
                return text;
            }
        }
        attributeText.setLength(0);
        boolean any = false;
        for (Node part : parts) {
            if (part instanceof Node.Text t) {
                attributeText.append(t.text());
                any = true;
            } else if (part instanceof Node.Substitution s) {
                String v = valueText(values, s.index());
                if (v != null) {
                    attributeText.append(v);
                    any = true;
                }
            } else if (part instanceof Node.CharRef c) {
                attributeText.appendCodePoint(c.codePoint());
                any = true;
            } else if (part instanceof Node.EntityRef r) {
                attributeText.append(resolveEntity(r.name()));
                any = true;
            }
        }
        return any ? attributeText.toString() : null;
    }

    /**
     * The text of value {@code index} as it is rendered, or null when the value is missing, NULL or
     * empty (libevtx renders those as nothing). Not for nested binary XML values.
     */
    public String valueText(Values values, int index) {
        if (values == null || index >= values.count()) {
            return null;
        }
        int type = values.type(index);
        int size = values.size(index);
        if (type == ValueType.NULL || size == 0) {
            return null;
        }
        lastType = type;
        if (type == ValueType.STRING) {
            return ValueFormatter.utf16(buf, values.offset(index), size, mayNeedEscaping, scratch);
        }
        return ValueFormatter.format(buf, type, values.offset(index), size);
    }

    /**
     * Like {@link #valueText(Values, int)}, answered from {@code memo} when the value is the one it
     * last saw there; {@link #lastValuePlain} holds for the result either way.
     */
    public String valueText(Values values, int index, ValueMemo memo) {
        if (values == null || index >= values.count()) {
            return null;
        }
        int type = values.type(index);
        int size = values.size(index);
        if (type == ValueType.NULL || size == 0 || !ValueMemo.applies(type, size)) {
            return valueText(values, index);
        }
        if (!memo.active()) {
            return valueText(values, index);
        }
        byte[] array = buf.array();
        int from = buf.arrayOffset() + values.offset(index);
        String known = memo.match(array, from, size, type);
        if (known != null) {
            lastType = type;
            mayNeedEscaping[0] = memo.mayNeedEscaping();
            return known;
        }
        String text = valueText(values, index);
        memo.remember(array, from, size, type, text, mayNeedEscaping[0]);
        return text;
    }

    /**
     * Whether the text {@link #valueText} returned last holds none of {@code & < > "} for certain
     * (numbers, GUIDs, SIDs, times, and strings checked while decoding), so writers may copy it as
     * is.
     */
    public boolean lastValuePlain() {
        return !isText(lastType) || (lastType == ValueType.STRING && !mayNeedEscaping[0]);
    }

    private static String resolveEntity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }
}
