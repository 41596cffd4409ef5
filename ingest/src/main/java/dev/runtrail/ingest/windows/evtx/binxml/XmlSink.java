package dev.runtrail.ingest.windows.evtx.binxml;

/**
 * Receives a record's XML as the walker expands it: element starts and ends, attributes with their
 * final text, and content text with entity and character references already resolved.
 */
public interface XmlSink {
    void startElement(String name);

    /** An attribute of the element just started; only called before any content of it. */
    void attribute(String name, String value);

    void text(String text);

    /**
     * Text known to hold none of {@code & < > "} (numbers, GUIDs, SIDs, times), so writers may skip
     * escaping it.
     */
    default void plainText(String text) {
        text(text);
    }

    /** An attribute whose value holds none of {@code & < > "}. */
    default void plainAttribute(String name, String value) {
        attribute(name, value);
    }

    /** The start of a template element; writers may use its prebuilt tag. */
    default void startElement(Node.Element element) {
        startElement(element.name());
    }

    /** The end of a template element; writers may use its prebuilt tag. */
    default void endElement(Node.Element element) {
        endElement(element.name());
    }

    /** An attribute of a template element; {@code plain} as for {@link #plainAttribute}. */
    default void attribute(Node.Attribute attribute, String value, boolean plain) {
        if (plain) {
            plainAttribute(attribute.name(), value);
        } else {
            attribute(attribute.name(), value);
        }
    }

    void cdata(String text);

    void processingInstruction(String target, String data);

    void endElement(String name);

    /** Sends every call to two sinks, e.g. the XML writer and the field collector. */
    static XmlSink tee(XmlSink a, XmlSink b) {
        return new XmlSink() {
            @Override
            public void startElement(String name) {
                a.startElement(name);
                b.startElement(name);
            }

            @Override
            public void attribute(String name, String value) {
                a.attribute(name, value);
                b.attribute(name, value);
            }

            @Override
            public void text(String text) {
                a.text(text);
                b.text(text);
            }

            @Override
            public void plainText(String text) {
                a.plainText(text);
                b.plainText(text);
            }

            @Override
            public void plainAttribute(String name, String value) {
                a.plainAttribute(name, value);
                b.plainAttribute(name, value);
            }

            @Override
            public void startElement(Node.Element element) {
                a.startElement(element);
                b.startElement(element);
            }

            @Override
            public void endElement(Node.Element element) {
                a.endElement(element);
                b.endElement(element);
            }

            @Override
            public void attribute(Node.Attribute attribute, String value, boolean plain) {
                a.attribute(attribute, value, plain);
                b.attribute(attribute, value, plain);
            }

            @Override
            public void cdata(String text) {
                a.cdata(text);
                b.cdata(text);
            }

            @Override
            public void processingInstruction(String target, String data) {
                a.processingInstruction(target, data);
                b.processingInstruction(target, data);
            }

            @Override
            public void endElement(String name) {
                a.endElement(name);
                b.endElement(name);
            }
        };
    }
}
