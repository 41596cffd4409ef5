package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.windows.evtx.binxml.Node;
import dev.runtrail.ingest.windows.evtx.binxml.XmlSink;
import dev.runtrail.ingest.windows.evtx.binxml.XmlWriter;

/**
 * Hands each walked piece of a record to both the XML writer and the field collector. Unlike a
 * generic tee over two {@link XmlSink}s, it calls the two final classes directly, so the calls bind
 * statically and inline; they run a hundred-odd times per record.
 */
final class RecordSink implements XmlSink {
    private final XmlWriter xml;
    private final WindowsRecordCollector collector;

    RecordSink(XmlWriter xml, WindowsRecordCollector collector) {
        this.xml = xml;
        this.collector = collector;
    }

    @Override
    public void startElement(String name) {
        xml.startElement(name);
        collector.startElement(name);
    }

    @Override
    public void startElement(Node.Element element) {
        xml.startElement(element);
        collector.startElement(element.name());
    }

    @Override
    public void attribute(String name, String value) {
        xml.attribute(name, value);
        collector.attribute(name, value);
    }

    @Override
    public void plainAttribute(String name, String value) {
        xml.plainAttribute(name, value);
        collector.attribute(name, value);
    }

    @Override
    public void attribute(Node.Attribute attribute, String value, boolean plain) {
        xml.attribute(attribute, value, plain);
        collector.attribute(attribute.name(), value);
    }

    @Override
    public void text(String text) {
        xml.text(text);
        collector.text(text);
    }

    @Override
    public void plainText(String text) {
        xml.plainText(text);
        collector.text(text);
    }

    @Override
    public void cdata(String text) {
        xml.cdata(text);
        collector.cdata(text);
    }

    @Override
    public void processingInstruction(String target, String data) {
        xml.processingInstruction(target, data);
        collector.processingInstruction(target, data);
    }

    @Override
    public void endElement(String name) {
        xml.endElement(name);
        collector.endElement(name);
    }

    @Override
    public void endElement(Node.Element element) {
        xml.endElement(element);
        collector.endElement(element.name());
    }
}
