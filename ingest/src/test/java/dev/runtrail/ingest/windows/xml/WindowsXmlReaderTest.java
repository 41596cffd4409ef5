package dev.runtrail.ingest.windows.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.windows.Records;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written fixtures in each XML shape Windows tools write, and each kind of bad event. */
class WindowsXmlReaderTest {
    private static final WindowsXmlFormat FORMAT = new WindowsXmlFormat();
    private static final String NS = "http://schemas.microsoft.com/win/2004/08/events/event";

    /** A 4624 as wevtutil writes it: double quotes, no whitespace, rendered message optional. */
    private static String logon(long recordId, String logonId, String rendering) {
        return "<Event xmlns=\""
                + NS
                + "\"><System><Provider Name=\"Microsoft-Windows-Security-Auditing\""
                + " Guid=\"{54849625-5478-4994-a5ba-3e3b0328c30d}\"/><EventID>4624</EventID>"
                + "<Version>2</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode>"
                + "<Keywords>0x8020000000000000</Keywords>"
                + "<TimeCreated SystemTime=\"2024-05-01T12:00:03.1234567Z\"/>"
                + "<EventRecordID>"
                + recordId
                + "</EventRecordID><Correlation/><Execution ProcessID=\"640\" ThreadID=\"700\"/>"
                + "<Channel>Security</Channel><Computer>WIN-01.corp.example</Computer><Security/>"
                + "</System><EventData><Data Name=\"SubjectLogonId\">0x3e7</Data>"
                + "<Data Name=\"TargetUserName\">svc_airflow</Data>"
                + "<Data Name=\"TargetDomainName\">CORP</Data>"
                + "<Data Name=\"TargetLogonId\">"
                + logonId
                + "</Data><Data Name=\"LogonType\">3</Data>"
                + "<Data Name=\"IpAddress\">10.1.2.3</Data></EventData>"
                + rendering
                + "</Event>";
    }

    @Test
    void wevtutilStreamWithoutRoot() throws Exception {
        String xml = logon(11, "0x3E7A1", "") + logon(12, "0x3E7A2", "");
        Records.Result r = Records.readAll(FORMAT, Records.text("wevtutil.xml", xml));
        assertThat(r.dead()).isEmpty();
        assertThat(r.events()).hasSize(2);
        EcsDocument first = r.events().get(0);
        assertThat(first.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(11L);
        assertThat(first.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
        assertThat(first.get(Ecs.WINLOG_EVENT_DATA + "TargetLogonId")).isEqualTo("0x3E7A1");
        assertThat(first.get(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(first.get(Ecs.TIMESTAMP))
                .isEqualTo(Instant.parse("2024-05-01T12:00:03.1234567Z"));
        assertThat(first.get(Ecs.WINLOG_PROCESS_PID)).isEqualTo(640L);
        assertThat(first.get(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(0L);
        String firstXml = logon(11, "0x3E7A1", "");
        assertThat(first.get(Ecs.EVENT_ORIGINAL)).isEqualTo(firstXml);
        assertThat(first.get(Ecs.EVENT_HASH))
                .isEqualTo(Hashing.sha256Hex(firstXml.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.events().get(1).get(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo((long) firstXml.length());
        assertThat(first.get(Ecs.RUNTRAIL_FORMAT)).isEqualTo("windows-xml");
    }

    @Test
    void getWinEventOnePerLineWithRenderingInfo() throws Exception {
        String rendering =
                "<RenderingInfo Culture=\"en-US\"><Message>An account was successfully logged"
                        + " on.&#13;\n\nSubject: ...</Message><Level>Information</Level>"
                        + "<Task>Logon</Task><Keywords><Keyword>Audit Success</Keyword>"
                        + "</Keywords></RenderingInfo>";
        String xml = logon(21, "0x1", rendering) + "\r\n" + logon(22, "0x2", "") + "\r\n";
        Records.Result r = Records.readAll(FORMAT, Records.text("winevent.xml", xml));
        assertThat(r.events()).hasSize(2);
        assertThat(r.events().get(0).get(Ecs.MESSAGE))
                .isEqualTo("An account was successfully logged on.\r\n\nSubject: ...");
        assertThat(r.events().get(1).has(Ecs.MESSAGE)).isFalse();
        assertThat(r.events().get(1).get(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo((long) logon(21, "0x1", rendering).length() + 2);
    }

    @Test
    void eventViewerExportWithBomRootAndSingleQuotes() throws Exception {
        String event =
                "<Event xmlns='"
                        + NS
                        + "'><System><Provider Name='Microsoft-Windows-Eventlog'"
                        + " Guid='{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}'/><EventID>1102</EventID>"
                        + "<TimeCreated SystemTime='2024-05-01T12:00:00.5Z'/>"
                        + "<EventRecordID>7</EventRecordID><Channel>Security</Channel>"
                        + "<Computer>WIN-01</Computer><Security/></System><UserData>"
                        + "<LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'>"
                        + "<SubjectUserSid>S-1-5-21-1-500</SubjectUserSid>"
                        + "<SubjectUserName>admmig</SubjectUserName>"
                        + "<SubjectDomainName>OFFSEC</SubjectDomainName>"
                        + "<SubjectLogonId>0x0000000000123550</SubjectLogonId>"
                        + "</LogFileCleared></UserData></Event>";
        String doc =
                "\ufeff<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n<Events>"
                        + event
                        + "</Events>";
        Records.Result r = Records.readAll(FORMAT, Records.text("viewer.xml", doc));
        assertThat(r.dead()).isEmpty();
        EcsDocument e = r.events().get(0);
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("audit-log-cleared");
        assertThat(e.get(Ecs.WINLOG_EVENT_DATA + "SubjectUserName")).isEqualTo("admmig");
        assertThat(e.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x123550");
        // BOM (3 bytes) + declaration (55) + newline + <Events>
        long offset = 3 + 55 + 1 + "<Events>".length();
        assertThat(e.get(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(offset);
        assertThat(Formats.detect("viewer.xml", doc.getBytes(StandardCharsets.UTF_8)))
                .get()
                .extracting(f -> f.name())
                .isEqualTo("windows-xml");
    }

    @Test
    void unnamedDataGetsParamNames() throws Exception {
        String xml =
                "<Event xmlns=\""
                        + NS
                        + "\"><System><Provider Name=\"Service Control Manager\"/>"
                        + "<EventID Qualifiers=\"16384\">7036</EventID>"
                        + "<TimeCreated SystemTime=\"2024-05-01T12:00:00Z\"/>"
                        + "<EventRecordID>3</EventRecordID><Channel>System</Channel>"
                        + "<Computer>WIN-01</Computer></System><EventData><Data>WinRM</Data>"
                        + "<Data>running</Data><Binary>570069006E0052004D00</Binary>"
                        + "</EventData></Event>";
        EcsDocument e = Records.readAll(FORMAT, Records.text("s.xml", xml)).events().get(0);
        assertThat(e.get(Ecs.WINLOG_EVENT_DATA + "param1")).isEqualTo("WinRM");
        assertThat(e.get(Ecs.WINLOG_EVENT_DATA + "param2")).isEqualTo("running");
        assertThat(e.get(Ecs.WINLOG_EVENT_DATA + "Binary")).isEqualTo("570069006E0052004D00");
        assertThat(e.get(Ecs.EVENT_DATASET)).isEqualTo("windows.system");
    }

    @Test
    void malformedEventIsDeadLetteredAndTheNextOneIsRead() throws Exception {
        String good1 = logon(1, "0x1", "");
        String bad = logon(2, "0x2", "").replace("</System>", "</Sytem>");
        String good2 = logon(3, "0x3", "");
        String xml = good1 + "\n" + bad + "\n" + good2 + "\n";
        Records.Result r = Records.readAll(FORMAT, Records.text("bad.xml", xml));
        assertThat(r.all()).hasSize(3);
        assertThat(r.events()).extracting(e -> e.get(Ecs.WINLOG_RECORD_ID)).containsExactly(1L, 3L);
        DeadLetter d = r.dead().get(0);
        assertThat(d.position()).isEqualTo(good1.length() + 1);
        assertThat(d.line()).isEqualTo(2);
        assertThat(d.reason()).startsWith("Malformed event XML: ").contains("line 2");
        assertThat(new String(d.raw(), StandardCharsets.UTF_8)).isEqualTo(bad);
        assertThat(d.format()).isEqualTo("windows-xml");
    }

    @Test
    void unclosedEventBeforeTheNextAndAtTheEnd() throws Exception {
        String good = logon(1, "0x1", "");
        String cut = good.substring(0, 200);
        String xml = cut + good + cut;
        Records.Result r = Records.readAll(FORMAT, Records.text("cut.xml", xml));
        assertThat(r.all()).hasSize(3);
        assertThat(r.events()).hasSize(1);
        assertThat(r.dead()).hasSize(2);
        assertThat(r.dead().get(0).position()).isZero();
        assertThat(r.dead().get(0).reason())
                .contains("a new <Event> starts before this one is closed");
        assertThat(r.dead().get(0).raw()).hasSize(200);
        assertThat(r.dead().get(1).position()).isEqualTo(200L + good.length());
        assertThat(r.dead().get(1).reason()).contains("the input ends inside this <Event>");
        assertThat(r.events().get(0).get(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(200L);
    }

    @Test
    void inputCutInsideAnEventStartsWithADeadLetter() throws Exception {
        String good = logon(1, "0x1", "");
        String tail = good.substring(good.indexOf("<Data Name=\"TargetUserName\">"));
        String xml = "\n  " + tail + "\n" + good + "\n</Events>\n";
        Records.Result r = Records.readAll(FORMAT, Records.text("tail.xml", xml));
        assertThat(r.all()).hasSize(2);
        assertThat(r.events()).hasSize(1);
        DeadLetter d = r.dead().get(0);
        assertThat(d.position()).isEqualTo(3L);
        assertThat(d.line()).isEqualTo(2L);
        assertThat(new String(d.raw(), StandardCharsets.UTF_8)).isEqualTo(tail + "\n");
        assertThat(d.reason()).contains("an </Event> without its start");
        assertThat(r.events().get(0).get(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo(3L + tail.length() + 1);
    }

    @Test
    void oversizedEventKeepsItsFirstBytesAndWholeHash() throws Exception {
        String big =
                logon(
                        1,
                        "0x1",
                        "<RenderingInfo><Message>"
                                + "x".repeat(5000)
                                + "</Message></RenderingInfo>");
        String xml = big + logon(2, "0x2", "");
        try (WindowsXmlReader reader =
                new WindowsXmlReader(
                        Records.text("big.xml", xml), "windows-xml", "windows.security", 1024)) {
            DeadLetter d = (DeadLetter) reader.next();
            assertThat(d.raw()).hasSize(1024);
            assertThat(d.rawLength()).isEqualTo(big.length());
            assertThat(d.rawSha256())
                    .isEqualTo(Hashing.sha256Hex(big.getBytes(StandardCharsets.UTF_8)));
            assertThat(d.reason()).contains("over the limit of 1024 bytes");
            EcsDocument next = (EcsDocument) reader.next();
            assertThat(next.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(2L);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void eventWithoutIdOrTimeIsDeadLettered() throws Exception {
        String noId = logon(1, "0x1", "").replace("<EventID>4624</EventID>", "");
        String badTime = logon(2, "0x1", "").replace("2024-05-01T12:00:03.1234567Z", "yesterday");
        Records.Result r = Records.readAll(FORMAT, Records.text("x.xml", noId + badTime));
        assertThat(r.events()).isEmpty();
        assertThat(r.dead())
                .extracting(DeadLetter::reason)
                .satisfiesExactly(
                        a -> assertThat(a).contains("no <System><EventID>"),
                        b -> assertThat(b).contains("'yesterday' is not an ISO-8601 time"));
    }

    @Test
    void invalidUtf8IsDeadLettered() throws Exception {
        byte[] good = logon(1, "0x1", "").getBytes(StandardCharsets.UTF_8);
        byte[] bad =
                logon(2, "0x2", "")
                        .replace("svc_airflow", "svc_XX")
                        .getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bad, "XX".getBytes(StandardCharsets.US_ASCII));
        bad[at] = (byte) 0xC3; // a lead byte followed by 'X' is not UTF-8
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bad);
        out.write(good);
        Records.Result r = Records.readAll(FORMAT, Records.bytes("u.xml", out.toByteArray()));
        assertThat(r.all()).hasSize(2);
        assertThat(r.dead()).hasSize(1);
        assertThat(r.dead().get(0).reason()).startsWith("Invalid UTF-8");
        assertThat(r.dead().get(0).position()).isZero();
        assertThat(r.dead().get(0).raw()).isEqualTo(bad);
        assertThat(r.events().get(0).get(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo((long) bad.length);
    }

    @Test
    void utf16PowerShellRedirectIsRead() throws Exception {
        String xml = logon(5, "0xAB", "") + "\r\n" + logon(6, "0xCD", "") + "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xFE);
        out.write(xml.getBytes(StandardCharsets.UTF_16LE));
        Records.Result r = Records.readAll(FORMAT, Records.bytes("ps.xml", out.toByteArray()));
        assertThat(r.dead()).isEmpty();
        assertThat(r.events())
                .extracting(e -> e.get(Ecs.WINLOG_LOGON_ID))
                .isEqualTo(List.of("0xab", "0xcd"));
        // detection sniffs the head as every reader sees it: transcoded to UTF-8
        InputSource input = Records.bytes("ps.xml", out.toByteArray());
        assertThat(FORMAT.sniff("ps.xml", input.head())).isGreaterThan(50);
        assertThat(Formats.detect(input).map(f -> f.name())).contains(FORMAT.name());
    }

    @Test
    void invalidUtf16IsDeadLettered() throws Exception {
        String bad = logon(7, "0x7", "").replace("svc_airflow", "svc_\ud800x");
        String good = logon(8, "0x8", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xFE);
        for (char c : (bad + good).toCharArray()) {
            // written code unit by code unit, so the lone surrogate survives as bad UTF-16
            out.write(c & 0xff);
            out.write(c >>> 8);
        }
        Records.Result r = Records.readAll(FORMAT, Records.bytes("bad16.xml", out.toByteArray()));
        assertThat(r.all()).hasSize(2);
        assertThat(r.dead())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).startsWith("Invalid UTF-16");
                            assertThat(d.position()).isZero();
                        });
        assertThat(r.events().get(0).get(Ecs.WINLOG_RECORD_ID)).isEqualTo(8L);
    }

    private static int indexOf(byte[] a, byte[] b) {
        outer:
        for (int i = 0; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
