package dev.runtrail.ingest.windows.evtx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the output of Debian's {@code evtxexport -f xml} (a version banner line, then a stream of
 * {@code <Event>} elements without a root) with the JDK's StAX parser. Independent of our parser on
 * purpose: it only knows the rendered XML.
 */
final class ReferenceEvents {
    /** One reference event: the fields the comparison test checks. */
    record Event(
            long recordId,
            String eventId,
            String systemTime,
            String computer,
            String channel,
            Map<String, String> data,
            Map<String, String> markupData) {}

    private ReferenceEvents() {}

    static List<Event> read(Path gz) throws IOException, XMLStreamException {
        byte[] text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            text = in.readAllBytes();
        }
        int start = 0;
        // Skip the "evtxexport YYYYMMDD" banner line that precedes the events.
        while (start < text.length && text[start] != '<') {
            start++;
        }
        text = controlPictures(text, start);
        start = 0;
        InputStream wrapped =
                new SequenceInputStream(
                        java.util.Collections.enumeration(
                                List.of(
                                        new ByteArrayInputStream(
                                                "<Events>".getBytes(StandardCharsets.UTF_8)),
                                        new ByteArrayInputStream(text, start, text.length - start),
                                        new ByteArrayInputStream(
                                                "</Events>".getBytes(StandardCharsets.UTF_8)))));
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        // Some events use prefixes (e.g. S:Envelope in LiveId) that evtxexport prints without their
        // namespace declarations; read names literally.
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        XMLStreamReader xml = factory.createXMLStreamReader(wrapped, "UTF-8");
        List<Event> events = new ArrayList<>();
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT
                    && xml.getLocalName().equals("Event")) {
                events.add(readEvent(xml));
            }
        }
        return events;
    }

    /**
     * evtxexport writes control characters (e.g. U+0001 in a DNS name) as raw bytes, which XML 1.0
     * forbids; replace each with its Unicode control picture (U+2400 + c) so the XML parses. The
     * comparison applies {@link #controlPictures(String)} to our values too.
     */
    static byte[] controlPictures(byte[] text, int start) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length);
        for (int i = start; i < text.length; i++) {
            int b = text[i] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                byte[] picture =
                        String.valueOf((char) (0x2400 + b)).getBytes(StandardCharsets.UTF_8);
                out.write(picture, 0, picture.length);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** The same replacement for a value of ours. */
    static String controlPictures(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? (char) (0x2400 + c) : c);
        }
        return sb.toString();
    }

    private static Event readEvent(XMLStreamReader xml) throws XMLStreamException {
        long recordId = 0;
        String eventId = null;
        String systemTime = null;
        String computer = null;
        String channel = null;
        Map<String, String> data = new LinkedHashMap<>();
        // evtxexport does not escape '<' in string values, so a value holding XML text comes out as
        // markup: for such Data elements keep the text of all descendants.
        Map<String, String> markupData = new LinkedHashMap<>();
        StringBuilder deep = new StringBuilder();
        boolean dataHasChildren = false;
        int depth = 1;
        String section = null;
        String dataName = null;
        int unnamed = 0;
        StringBuilder text = new StringBuilder();
        boolean leaf = false;
        while (depth > 0) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                leaf = true;
                text.setLength(0);
                String name = xml.getLocalName();
                if (depth == 2) {
                    section = name;
                } else if (depth == 3 && "System".equals(section) && name.equals("TimeCreated")) {
                    systemTime = xml.getAttributeValue(null, "SystemTime");
                } else if (depth == 3 && "EventData".equals(section)) {
                    dataName = xml.getAttributeValue(null, "Name");
                    deep.setLength(0);
                    dataHasChildren = false;
                } else if (depth > 3 && "EventData".equals(section)) {
                    dataHasChildren = true;
                }
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                text.append(xml.getText());
                deep.append(xml.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                String name = xml.getLocalName();
                String value = text.toString();
                if (depth == 3 && "System".equals(section)) {
                    switch (name) {
                        case "EventRecordID" -> recordId = Long.parseLong(value.trim());
                        case "EventID" -> eventId = value;
                        case "Computer" -> computer = value;
                        case "Channel" -> channel = value;
                        default -> {}
                    }
                } else if (depth == 3 && "EventData".equals(section)) {
                    String key = dataName;
                    if (key == null) {
                        key = name.equals("Data") ? "param" + (++unnamed) : name;
                    }
                    if (dataHasChildren) {
                        markupData.put(key, deep.toString());
                    } else {
                        data.put(key, value);
                    }
                } else if (depth >= 4 && "UserData".equals(section) && leaf) {
                    data.put(name, value);
                }
                text.setLength(0);
                leaf = false;
                depth--;
            }
        }
        return new Event(recordId, eventId, systemTime, computer, channel, data, markupData);
    }
}
