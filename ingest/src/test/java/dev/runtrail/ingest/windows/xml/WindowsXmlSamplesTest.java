package dev.runtrail.ingest.windows.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.windows.Records;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The real XML samples. Expected values were read from the sample files by hand; the EVTX
 * comparison parses Debian evtxexport's rendering of the same log with the JDK's DOM parser.
 */
class WindowsXmlSamplesTest {
    private static final WindowsXmlFormat FORMAT = new WindowsXmlFormat();

    private static Records.Result read(String file) throws Exception {
        Path path = Records.samples("xml").resolve(file);
        return Records.readAll(FORMAT, InputSource.of(path));
    }

    /** Occurrences of an ASCII marker in the file, counted without any XML parsing. */
    private static int count(Path file, String marker) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int n = 0;
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void eventViewerSecurityExportParsesEveryEvent() throws Exception {
        Path file = Records.samples("xml").resolve("ts-evtx_Security.eventviewer.xml");
        Records.Result r = read("ts-evtx_Security.eventviewer.xml");
        assertThat(r.dead()).isEmpty();
        assertThat(r.events()).hasSize(count(file, "<Event xmlns")).hasSize(1715);
        assertThat(Formats.detect(InputSource.of(file))).get().isEqualTo(FormatsHolder.xml());

        EcsDocument first = r.events().get(0);
        assertThat(first.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(1715L);
        assertThat(first.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(4798L);
        assertThat(first.get(Ecs.TIMESTAMP))
                .isEqualTo(Instant.parse("2025-06-08T07:15:09.2216228Z"));
        assertThat(first.get(Ecs.HOST_NAME)).isEqualTo("NIKOLAISMETBD82");
        assertThat(first.get(Ecs.WINLOG_EVENT_DATA + "CallerProcessName"))
                .isEqualTo("C:\\Windows\\System32\\mmc.exe");
        assertThat(first.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x488fe7");
        // the file starts with a BOM, the XML declaration, a newline and <Events>
        assertThat(first.get(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(3L + 55 + 1 + 8);

        EcsDocument logon = byRecordId(r.events(), 1689);
        assertThat(logon.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in");
        assertThat(logon.get(Ecs.USER_NAME)).isEqualTo("SYSTEM");
        assertThat(logon.get(Ecs.USER_DOMAIN)).isEqualTo("NT AUTHORITY");
        assertThat(logon.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7");
        assertThat(logon.get(Ecs.WINLOG_LOGON_TYPE)).isEqualTo("Service");
        assertThat(logon.get(Ecs.PROCESS_EXECUTABLE))
                .isEqualTo("C:\\Windows\\System32\\services.exe");
        assertThat(logon.get(Ecs.WINLOG_EVENT_DATA + "LogonProcessName")).isEqualTo("Advapi  ");
        assertThat(logon.has(Ecs.SOURCE_IP)).isFalse();

        EcsDocument special = byRecordId(r.events(), 1690);
        assertThat(special.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in-special");
        assertThat(special.get(Ecs.RUNTRAIL_PRIVILEGES))
                .asList()
                .hasSize(12)
                .startsWith("SeAssignPrimaryTokenPrivilege", "SeTcbPrivilege")
                .endsWith("SeDelegateSessionUserImpersonatePrivilege");

        EcsDocument process = byRecordId(r.events(), 1163);
        assertThat(process.get(Ecs.EVENT_ACTION)).isEqualTo("created-process");
        assertThat(process.get(Ecs.PROCESS_NAME)).isEqualTo("lsass.exe");
        assertThat(process.get(Ecs.PROCESS_PID)).isEqualTo(0x390L);
        assertThat(process.get(Ecs.PROCESS_PARENT_NAME)).isEqualTo("wininit.exe");
        assertThat(process.get(Ecs.PROCESS_PARENT_PID)).isEqualTo(0x2e8L);

        EcsDocument explicit = byRecordId(r.events(), 1499);
        assertThat(explicit.get(Ecs.USER_EFFECTIVE_NAME)).isEqualTo("nikolai.smetannikov");
        assertThat(explicit.get(Ecs.SOURCE_IP)).isEqualTo("127.0.0.1");

        EcsDocument logoff = byRecordId(r.events(), 1516);
        assertThat(logoff.get(Ecs.EVENT_ACTION)).isEqualTo("logged-out");
        assertThat(logoff.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x12d493");
        assertThat(logoff.get(Ecs.USER_NAME)).isEqualTo("DWM-2");
    }

    @Test
    void eventViewerApplicationExport() throws Exception {
        Path file = Records.samples("xml").resolve("ts-evtx_Application.eventviewer.xml");
        Records.Result r = read("ts-evtx_Application.eventviewer.xml");
        assertThat(r.dead()).isEmpty();
        assertThat(r.events()).hasSize(count(file, "<Event xmlns")).hasSize(366);
        EcsDocument first = r.events().get(0);
        assertThat(first.get(Ecs.WINLOG_PROVIDER_NAME)).isEqualTo("SecurityCenter");
        assertThat(first.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(15L);
        assertThat(first.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(366L);
        assertThat(first.get(Ecs.EVENT_DATASET)).isEqualTo("windows.application");
    }

    @Test
    void pythonEvtxRenderingWithUserDataAndZonelessTimes() throws Exception {
        Records.Result r =
                read(
                        "rendered_mitre_Runas_execution_with_different_user_4688_4648_4624.python-evtx.xml");
        assertThat(r.dead()).isEmpty();
        assertThat(r.events()).hasSize(9);
        EcsDocument cleared = r.events().get(0);
        assertThat(cleared.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(1102L);
        assertThat(cleared.get(Ecs.WINLOG_EVENT_DATA + "SubjectUserName")).isEqualTo("admmig");
        assertThat(cleared.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x123550");
        assertThat(cleared.get(Ecs.TIMESTAMP))
                .isEqualTo(Instant.parse("2021-11-13T14:30:53.638285Z"));

        EcsDocument runas = byRecordId(r.events(), 469346);
        assertThat(runas.get(Ecs.EVENT_ACTION)).isEqualTo("created-process");
        assertThat(runas.get(Ecs.HOST_NAME)).isEqualTo("FS03.offsec.lan");
        assertThat(runas.get(Ecs.PROCESS_EXECUTABLE)).isEqualTo("C:\\Windows\\System32\\runas.exe");
        assertThat(runas.get(Ecs.PROCESS_COMMAND_LINE))
                .isEqualTo("runas  /user:offsec\\hack1 cmd.exe ");
        assertThat(runas.get(Ecs.PROCESS_PID)).isEqualTo(0x85cL);
        assertThat(runas.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x123550");
        assertThat(runas.get(Ecs.WINLOG_EVENT_DATA + "SubjectLogonId"))
                .isEqualTo("0x0000000000123550");
    }

    /**
     * Event Viewer's XML export and Debian evtxexport's rendering of the EVTX it came from must
     * give the same record ids, event ids and EventData. The two renderers spell some values
     * differently (hex padded to 16 digits vs unpadded, 9 vs 7 fraction digits, GUID case), so
     * values are compared by meaning: hex numbers as numbers, times as instants, GUIDs ignoring
     * case; everything else exactly.
     */
    @Test
    void eventViewerExportAgreesWithEvtxexportOfTheSameLog() throws Exception {
        int compared =
                compareWithEvtxexport(
                        "ts-evtx_Security.eventviewer.xml",
                        "ts-evtx_Security.evtx.evtxexport.xml.gz",
                        Duration.ZERO);
        assertThat(compared).isEqualTo(1715);
    }

    /**
     * python-evtx renders times to the microsecond through a float (record 469353: evtxexport
     * {@code .2581661}, python-evtx {@code .258165}), so times agree within 2 µs only.
     */
    @Test
    void pythonEvtxRenderingsAgreeWithEvtxexport() throws Exception {
        assertThat(
                        compareWithEvtxexport(
                                "rendered_mitre_Runas_execution_with_different_user_4688_4648_4624.python-evtx.xml",
                                "mitre_Runas_execution_with_different_user_4688_4648_4624.evtx.evtxexport.xml.gz",
                                Duration.ofNanos(2000)))
                .isEqualTo(9);
        assertThat(
                        compareWithEvtxexport(
                                "rendered_attack_CA_4624_4625_LogonType2_LogonProc_chrome.python-evtx.xml",
                                "attack_CA_4624_4625_LogonType2_LogonProc_chrome.evtx.evtxexport.xml.gz",
                                Duration.ofNanos(2000)))
                .isEqualTo(4);
    }

    /**
     * An XML export and Debian evtxexport's rendering of the EVTX it came from must give the same
     * record ids, event ids, times, computers and EventData. The renderers spell some values
     * differently (hex padded to 16 digits vs unpadded, 9 vs 7 fraction digits, GUID case), so
     * values are compared by meaning: hex numbers as numbers, times as instants, GUIDs ignoring
     * case; everything else exactly.
     *
     * @return how many records were compared
     */
    private static int compareWithEvtxexport(String xml, String reference, Duration timeTolerance)
            throws Exception {
        Map<Long, Ref> expected = readReference(Records.samples("reference").resolve(reference));
        Records.Result r = read(xml);
        assertThat(r.dead()).isEmpty();
        Map<Long, EcsDocument> actual = new HashMap<>();
        r.events().forEach(e -> actual.put((Long) e.get(Ecs.WINLOG_RECORD_ID), e));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        List<String> mismatches = new java.util.ArrayList<>();
        for (Ref ref : expected.values()) {
            EcsDocument doc = actual.get(ref.recordId());
            long id = ref.recordId();
            check(mismatches, id, "event id", ref.eventId(), doc.get(Ecs.WINLOG_EVENT_ID));
            Instant time = (Instant) doc.get(Ecs.TIMESTAMP);
            if (Duration.between(ref.time(), time).abs().compareTo(timeTolerance) > 0) {
                mismatches.add(id + " time: expected " + ref.time() + ", got " + time);
            }
            check(mismatches, id, "computer", ref.computer(), doc.get(Ecs.HOST_NAME));
            Map<String, String> ours = eventData(doc);
            if (ref.hasEventData()) {
                check(
                        mismatches,
                        id,
                        "EventData names",
                        nonEmpty(ref.data()).keySet(),
                        ours.keySet());
            }
            ref.data()
                    .forEach(
                            (name, value) -> {
                                if (!value.isEmpty()) {
                                    check(
                                            mismatches,
                                            id,
                                            name,
                                            canonical(value),
                                            canonical(ours.get(name)));
                                }
                            });
        }
        assertThat(mismatches).isEmpty();
        return expected.size();
    }

    private static void check(
            List<String> mismatches, long recordId, String what, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            mismatches.add(recordId + " " + what + ": expected " + expected + ", got " + actual);
        }
    }

    /** One record as evtxexport rendered it; UserData leaves are read as data too. */
    private record Ref(
            long recordId,
            long eventId,
            Instant time,
            String computer,
            Map<String, String> data,
            boolean hasEventData) {}

    private static Map<Long, Ref> readReference(Path gz) throws Exception {
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        DocumentBuilder builder = f.newDocumentBuilder();
        Map<Long, Ref> refs = new LinkedHashMap<>();
        int start = text.indexOf("<Event xmlns");
        while (start >= 0) {
            int end = text.indexOf("</Event>", start) + "</Event>".length();
            byte[] event = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
            Element root = builder.parse(new ByteArrayInputStream(event)).getDocumentElement();
            Element system = child(root, "System");
            long recordId = Long.parseLong(child(system, "EventRecordID").getTextContent());
            Map<String, String> data = new LinkedHashMap<>();
            Element eventData = child(root, "EventData");
            if (eventData != null) {
                NodeList items = eventData.getElementsByTagNameNS("*", "Data");
                for (int i = 0; i < items.getLength(); i++) {
                    Element d = (Element) items.item(i);
                    data.put(d.getAttribute("Name"), d.getTextContent());
                }
            }
            Element userData = child(root, "UserData");
            if (userData != null) {
                NodeList all = userData.getElementsByTagNameNS("*", "*");
                for (int i = 0; i < all.getLength(); i++) {
                    Element leaf = (Element) all.item(i);
                    if (leaf.getElementsByTagNameNS("*", "*").getLength() == 0) {
                        data.put(leaf.getLocalName(), leaf.getTextContent());
                    }
                }
            }
            refs.put(
                    recordId,
                    new Ref(
                            recordId,
                            Long.parseLong(child(system, "EventID").getTextContent()),
                            Instant.parse(child(system, "TimeCreated").getAttribute("SystemTime")),
                            child(system, "Computer").getTextContent(),
                            data,
                            eventData != null));
            start = text.indexOf("<Event xmlns", end);
        }
        return refs;
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Map<String, String> eventData(EcsDocument doc) {
        Map<String, String> out = new HashMap<>();
        doc.fields()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(Ecs.WINLOG_EVENT_DATA)) {
                                out.put(k.substring(Ecs.WINLOG_EVENT_DATA.length()), (String) v);
                            }
                        });
        return out;
    }

    /** Empty values are not stored as fields (EcsDocument ignores empty strings). */
    private static Map<String, String> nonEmpty(Map<String, String> data) {
        Map<String, String> out = new LinkedHashMap<>();
        data.forEach(
                (k, v) -> {
                    if (!v.isEmpty()) {
                        out.put(k, v);
                    }
                });
        return out;
    }

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
    private static final Pattern GUID = Pattern.compile("\\{[0-9a-fA-F-]+\\}");

    private static Object canonical(String value) {
        if (value == null) {
            return null;
        }
        if (HEX.matcher(value).matches()) {
            return new BigInteger(value.substring(2), 16);
        }
        if (TIME.matcher(value).matches()) {
            return Instant.parse(value);
        }
        if (GUID.matcher(value).matches()) {
            return value.toLowerCase(Locale.ROOT);
        }
        return value;
    }

    private static EcsDocument byRecordId(List<EcsDocument> events, long recordId) {
        return events.stream()
                .filter(e -> Long.valueOf(recordId).equals(e.get(Ecs.WINLOG_RECORD_ID)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record " + recordId));
    }

    /** The registered XML format as the detector returns it. */
    private static final class FormatsHolder {
        static dev.runtrail.ingest.Format xml() {
            return Formats.byName("windows-xml").orElseThrow();
        }
    }
}
