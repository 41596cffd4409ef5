package dev.runtrail.sampledata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads a generated scenario back the way a consumer would — the JDK XML parser for wevtutil files,
 * Jackson for Winlogbeat lines and truth.json — so tests check the files, not the generator.
 */
final class ScenarioOutput {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One Windows record as read from a file: host (Computer), order in its file, id, time, fields.
     */
    record WinRecord(
            String host,
            int position,
            long recordId,
            int eventId,
            Instant time,
            boolean msPrecision,
            Map<String, String> data) {
        String get(String field) {
            return data.get(field);
        }
    }

    final Path dir;
    final JsonNode truth;
    final List<WinRecord> windows = new ArrayList<>();
    private final Map<String, List<WinRecord>> byHost = new LinkedHashMap<>();
    private final Map<String, List<WinRecord>> logonsById = new LinkedHashMap<>();

    ScenarioOutput(Path dir) throws Exception {
        this.dir = dir;
        this.truth = JSON.readTree(dir.resolve("truth.json").toFile());
        try (Stream<Path> files = Files.list(dir.resolve("windows"))) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().endsWith(".xml")) {
                    readXml(file);
                } else {
                    readWinlogbeat(file);
                }
            }
        }
        for (WinRecord r : windows) {
            byHost.computeIfAbsent(r.host(), k -> new ArrayList<>()).add(r);
            if (r.eventId() == 4624) {
                logonsById
                        .computeIfAbsent(
                                r.host() + "|" + r.get("TargetLogonId"), k -> new ArrayList<>())
                        .add(r);
            }
        }
    }

    private void readXml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = builder.parse(in);
        }
        NodeList events = doc.getDocumentElement().getElementsByTagNameNS("*", "Event");
        for (int i = 0; i < events.getLength(); i++) {
            Element event = (Element) events.item(i);
            Element system = child(event, "System");
            String host = child(system, "Computer").getTextContent();
            int id = Integer.parseInt(child(system, "EventID").getTextContent());
            long recordId = Long.parseLong(child(system, "EventRecordID").getTextContent());
            Instant time = Instant.parse(child(system, "TimeCreated").getAttribute("SystemTime"));
            Map<String, String> data = new LinkedHashMap<>();
            Element eventData = child(event, "EventData");
            if (eventData != null) {
                NodeList fields = eventData.getElementsByTagNameNS("*", "Data");
                for (int f = 0; f < fields.getLength(); f++) {
                    Element field = (Element) fields.item(f);
                    data.put(field.getAttribute("Name"), field.getTextContent());
                }
            } else {
                Element userData = child(event, "UserData");
                Element inner = firstElement(userData);
                for (Node n = inner.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        data.put(e.getLocalName(), e.getTextContent());
                    }
                }
            }
            windows.add(new WinRecord(host, i, recordId, id, time, false, data));
        }
    }

    private void readWinlogbeat(Path file) throws IOException {
        int position = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode doc = JSON.readTree(line);
                JsonNode winlog = doc.get("winlog");
                Map<String, String> data = new LinkedHashMap<>();
                JsonNode fields =
                        winlog.has("event_data")
                                ? winlog.get("event_data")
                                : winlog.get("user_data");
                Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    data.put(e.getKey(), e.getValue().asText());
                }
                windows.add(
                        new WinRecord(
                                winlog.get("computer_name").asText(),
                                position++,
                                Long.parseLong(winlog.get("record_id").asText()),
                                Integer.parseInt(winlog.get("event_id").asText()),
                                Instant.parse(doc.get("@timestamp").asText()),
                                true,
                                data));
            }
        }
    }

    /** True when a record's time is the given truth time, at the precision the record carries. */
    static boolean sameTime(WinRecord record, String truthTime) {
        Instant expected = Instant.parse(truthTime);
        if (record.msPrecision()) {
            expected = expected.truncatedTo(ChronoUnit.MILLIS);
        }
        return record.time().equals(expected);
    }

    List<WinRecord> onHost(String host) {
        return byHost.getOrDefault(host, List.of());
    }

    /** The 4624 that opened a truth session (host, logon id, logon time). */
    WinRecord logonOf(JsonNode session) {
        String key = session.get("host").asText() + "|" + session.get("logon_id").asText();
        return logonsById.getOrDefault(key, List.of()).stream()
                .filter(r -> sameTime(r, session.get("logon_time").asText()))
                .findFirst()
                .orElse(null);
    }

    /** Every linked session of every attempt, each with its attempt key attached. */
    List<JsonNode> linkedSessions() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode attempt : truth.get("attempts")) {
            for (JsonNode s : attempt.get("sessions")) {
                out.add(s);
            }
        }
        return out;
    }

    /** The task log of a truth attempt, at the Airflow 2.x default path. */
    Path logFile(JsonNode a) {
        String mapped =
                a.get("map_index").asInt() >= 0
                        ? "map_index=" + a.get("map_index").asInt() + "/"
                        : "";
        return dir.resolve(
                "airflow/logs/dag_id="
                        + a.get("dag_id").asText()
                        + "/run_id="
                        + a.get("run_id").asText()
                        + "/task_id="
                        + a.get("task_id").asText()
                        + "/"
                        + mapped
                        + "attempt="
                        + a.get("try_number").asInt()
                        + ".log");
    }

    static String attemptKey(JsonNode a) {
        return a.get("dag_id").asText()
                + "|"
                + a.get("run_id").asText()
                + "|"
                + a.get("task_id").asText()
                + "|"
                + a.get("map_index").asInt()
                + "|"
                + a.get("try_number").asInt();
    }

    private static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new IllegalStateException("UserData without a child element");
    }
}
