package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.windows.evtx.binxml.Node;
import dev.runtrail.ingest.windows.evtx.binxml.XmlSink;
import dev.runtrail.ingest.windows.evtx.binxml.XmlWriter;

/**
 * Hands each walked piece of a record to both the XML writer and the field collector, redacted:
 * each attribute value, and each text node (the pieces of text between two pieces of markup,
 * gathered first), is redacted as a whole through {@link WindowsRecordCollector#redact}, so a mask
 * never reaches into the markup around a value. Unlike a generic tee over two {@link XmlSink}s, it
 * calls the two final classes directly, so the calls bind statically and inline; they run a
 * hundred-odd times per record.
 */
final class RecordSink implements XmlSink {
    private final XmlWriter xml;
    private final WindowsRecordCollector collector;

    /** The pieces of the current text node, and whether all of them are plain. */
    private final TextPieces pending = new TextPieces(64);

    private boolean pendingPlain = true;

    RecordSink(XmlWriter xml, WindowsRecordCollector collector) {
        this.xml = xml;
        this.collector = collector;
    }

    /** Prepares the writer, the collector and this sink for the next record. */
    void reset() {
        xml.reset();
        collector.reset();
        pending.clear();
        pendingPlain = true;
    }

    @Override
    public void startElement(String name) {
        flushText();
        xml.startElement(name);
        collector.startElement(name);
    }

    @Override
    public void startElement(Node.Element element) {
        flushText();
        xml.startElement(element);
        collector.startElement(element.name());
    }

    @Override
    public void attribute(String name, String value) {
        String redacted = collector.redact(value);
        xml.attribute(name, redacted);
        collector.attribute(name, redacted);
    }

    @Override
    public void plainAttribute(String name, String value) {
        String redacted = collector.redact(value);
        if (redacted == value) {
            xml.plainAttribute(name, value);
        } else {
            xml.attribute(name, redacted);
        }
        collector.attribute(name, redacted);
    }

    @Override
    public void attribute(Node.Attribute attribute, String value, boolean plain) {
        String redacted = collector.redact(value);
        xml.attribute(attribute, redacted, plain && redacted == value);
        collector.attribute(attribute.name(), redacted);
    }

    @Override
    public void text(String text) {
        hold(text, false);
    }

    @Override
    public void plainText(String text) {
        hold(text, true);
    }

    private void hold(String text, boolean plain) {
        pending.add(text);
        pendingPlain &= plain;
    }

    /** Writes the pending text node, redacted; the walk calls it at the end of a record too. */
    void flushText() {
        if (pending.isEmpty()) {
            return;
        }
        String text = pending.text();
        boolean plain = pendingPlain;
        pending.clear();
        pendingPlain = true;
        String redacted = collector.redact(text);
        if (plain && redacted == text) {
            xml.plainText(text);
        } else {
            xml.text(redacted);
        }
        collector.text(redacted);
    }

    @Override
    public void cdata(String text) {
        flushText();
        String redacted = collector.redact(text);
        xml.cdata(redacted);
        collector.cdata(redacted);
    }

    @Override
    public void processingInstruction(String target, String data) {
        flushText();
        String redacted = data == null ? null : collector.redact(data);
        xml.processingInstruction(target, redacted);
        collector.processingInstruction(target, redacted);
    }

    @Override
    public void endElement(String name) {
        flushText();
        xml.endElement(name);
        collector.endElement(name);
    }

    @Override
    public void endElement(Node.Element element) {
        flushText();
        xml.endElement(element);
        collector.endElement(element.name());
    }
}
