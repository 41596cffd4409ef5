package dev.runtrail.ingest.windows.xml;

import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.ingest.windows.WindowsTimes;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses the text of one {@code <Event>} element (the Windows event schema, as {@code wevtutil},
 * {@code Get-WinEvent ... ToXml()}, Event Viewer and EVTX renderers write it) into a {@link
 * WindowsRecord} with StAX. EventData {@code Data} elements are kept by their {@code Name} (unnamed
 * ones as {@code param1}, {@code param2}, ... as Winlogbeat names them), UserData by the names of
 * its leaf elements, and the rendered {@code RenderingInfo/Message} when present.
 */
final class EventXmlParser {
    /** Why an element is not a usable event; the message is the dead letter's reason. */
    static final class BadEventException extends Exception {
        BadEventException(String message) {
            super(message);
        }
    }

    private final XMLInputFactory factory;

    EventXmlParser() {
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
        Fields f = new Fields();
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
                        f.systemAttributes(name, r);
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

    /** What one event element holds, collected while streaming through it. */
    private static final class Fields {
        String providerName;
        String providerGuid;
        String eventId;
        String version;
        String level;
        String task;
        String opcode;
        String keywords;
        String timeCreated;
        String recordId;
        String channel;
        String computer;
        String processId;
        String threadId;
        String userSid;
        String message;
        final Map<String, String> data = new LinkedHashMap<>();

        void systemAttributes(String name, XMLStreamReader r) {
            switch (name) {
                case "Provider" -> {
                    providerName = r.getAttributeValue(null, "Name");
                    providerGuid = r.getAttributeValue(null, "Guid");
                    if (providerName == null) {
                        providerName = r.getAttributeValue(null, "EventSourceName");
                    }
                }
                case "TimeCreated" -> timeCreated = r.getAttributeValue(null, "SystemTime");
                case "Execution" -> {
                    processId = r.getAttributeValue(null, "ProcessID");
                    threadId = r.getAttributeValue(null, "ThreadID");
                }
                case "Security" -> userSid = r.getAttributeValue(null, "UserID");
                default -> {}
            }
        }

        void leaf(String section, int depth, String name, String dataName, String text) {
            switch (section) {
                case "System" -> {
                    if (depth == 3) {
                        system(name, text.trim());
                    }
                }
                case "EventData" -> {
                    if (depth == 3) {
                        data.put(name.equals("Data") ? dataName : name, text);
                    }
                }
                // UserData and the ProcessingErrorData of unrenderable records carry their
                // fields as leaf elements under one wrapper element
                case "UserData", "ProcessingErrorData" -> {
                    if (depth >= 3) {
                        data.put(name, text);
                    }
                }
                case "RenderingInfo" -> {
                    if (depth == 3 && name.equals("Message")) {
                        message = text;
                    }
                }
                default -> {}
            }
        }

        private void system(String name, String text) {
            switch (name) {
                case "EventID" -> eventId = text;
                case "Version" -> version = text;
                case "Level" -> level = text;
                case "Task" -> task = text;
                case "Opcode" -> opcode = text;
                case "Keywords" -> keywords = text;
                case "EventRecordID" -> recordId = text;
                case "Channel" -> channel = text;
                case "Computer" -> computer = text;
                default -> {}
            }
        }

        WindowsRecord toRecord() throws BadEventException {
            Long id = number(eventId);
            if (id == null) {
                throw new BadEventException(
                        eventId == null
                                ? "The event has no <System><EventID>; expected an event id."
                                : "The event id '" + eventId + "' is not a number.");
            }
            Instant time = WindowsTimes.parse(timeCreated);
            if (time == null) {
                throw new BadEventException(
                        timeCreated == null
                                ? "The event has no <TimeCreated SystemTime=...>; expected a"
                                        + " creation time."
                                : "The creation time '"
                                        + timeCreated
                                        + "' is not an ISO-8601 time.");
            }
            Long record = number(recordId);
            return new WindowsRecord(
                    blankToNull(providerName),
                    blankToNull(providerGuid),
                    id,
                    integer(version),
                    integer(level),
                    integer(task),
                    integer(opcode),
                    blankToNull(keywords),
                    time,
                    record == null ? 0 : record,
                    blankToNull(channel),
                    blankToNull(computer),
                    number(processId),
                    number(threadId),
                    blankToNull(userSid),
                    data,
                    blankToNull(message));
        }

        private static Long number(String s) {
            if (s == null || s.isBlank()) {
                return null;
            }
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static Integer integer(String s) {
            Long n = number(s);
            return n == null ? null : n.intValue();
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    private static String oneLine(String s) {
        return s == null ? "unknown error" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
