package dev.runtrail.ingest.windows.xml;

import dev.runtrail.ingest.windows.WindowsRecord;
import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The parser {@link EventXmlScanner} replaced, kept as a test oracle: the JDK's StAX reader fills
 * the same {@link EventFields}, so both must agree on every sample. Parses the text of one {@code
 * <Event>} element (the Windows event schema, as {@code wevtutil}, {@code Get-WinEvent ...
 * ToXml()}, Event Viewer and EVTX renderers write it) into a {@link WindowsRecord} with StAX.
 * EventData {@code Data} elements are kept by their {@code Name} (unnamed ones as {@code param1},
 * {@code param2}, ... as Winlogbeat names them), UserData by the names of its leaf elements, and
 * the rendered {@code RenderingInfo/Message} when present.
 */
final class StaxEventParser {
    private final XMLInputFactory factory;

    StaxEventParser() {
        factory = XMLInputFactory.newFactory();
        // events never need a DTD; refusing them also rules out entity expansion attacks
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // one reader per event: the JDK's factory can reset its last reader instead of building
        // a new one (scanner, symbol table, security limits) for every event
        if (factory.isPropertySupported(REUSE_INSTANCE)) {
            factory.setProperty(REUSE_INSTANCE, true);
        }
    }

    /** The JDK (SJSXP) factory's switch for reader reuse; one factory serves one thread here. */
    private static final String REUSE_INSTANCE = "reuse-instance";

    WindowsRecord parse(String xml) throws BadEventException {
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(xml));
            try {
                return read(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new BadEventException("Malformed event XML: " + oneLine(e.getMessage()));
        }
    }

    private WindowsRecord read(XMLStreamReader r) throws XMLStreamException, BadEventException {
        EventFields f = new EventFields();
        int depth = 0;
        int starts = 0;
        int[] startAt = new int[64];
        String section = null;
        String dataName = null;
        int unnamed = 0;
        StringBuilder text = new StringBuilder();
        while (r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    starts++;
                    if (depth < startAt.length) {
                        startAt[depth] = starts;
                    }
                    text.setLength(0);
                    String name = r.getLocalName();
                    if (depth == 1 && !name.equals("Event")) {
                        throw new BadEventException(
                                "The root element is <" + name + ">; expected <Event>.");
                    }
                    if (depth == 2) {
                        section = name;
                    }
                    if (depth == 3 && "System".equals(section)) {
                        f.systemAttributes(name, local -> r.getAttributeValue(null, local));
                    }
                    if (name.equals("Data") && depth == 3 && "EventData".equals(section)) {
                        dataName = r.getAttributeValue(null, "Name");
                        if (dataName == null || dataName.isEmpty()) {
                            dataName = "param" + ++unnamed;
                        }
                    }
                }
                case XMLStreamConstants.CHARACTERS,
                        XMLStreamConstants.CDATA,
                        XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    boolean leaf = depth < startAt.length && startAt[depth] == starts;
                    String name = r.getLocalName();
                    if (leaf && section != null) {
                        f.leaf(section, depth, name, dataName, text.toString());
                    }
                    if (name.equals("Data")) {
                        dataName = null;
                    }
                    text.setLength(0);
                    depth--;
                }
                default -> {
                    // comments, processing instructions, the document end
                }
            }
        }
        return f.toRecord();
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
