package dev.runtrail.ingest.windows.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ECS fields of EVTX events on real Security samples. Expected values were read from the evtxexport
 * reference XML of the same files.
 */
class EvtxEcsTest {

    private static EcsDocument record(String file, long recordId) throws Exception {
        for (Parsed p : EvtxSamples.readAll(EvtxSamples.sample(file))) {
            if (p instanceof EcsDocument e && e.getLong(Ecs.WINLOG_RECORD_ID) == recordId) {
                return e;
            }
        }
        throw new AssertionError("record " + recordId + " not found in " + file);
    }

    @Test
    void logon4624MapsTargetSession() throws Exception {
        EcsDocument e = record("attack_LM_4624_mimikatz_sekurlsa_pth_source_machine.evtx", 432903);
        assertEquals("4624", e.getString(Ecs.EVENT_CODE));
        assertEquals("logged-in", e.getString(Ecs.EVENT_ACTION));
        // The session key is the normalized TargetLogonId; the raw value stays in event_data.
        assertEquals("0x4530f0f", e.getString(Ecs.WINLOG_LOGON_ID));
        assertEquals("0x0000000004530f0f", e.getString(Ecs.WINLOG_EVENT_DATA + "TargetLogonId"));
        assertEquals("0x00000000018a7875", e.getString(Ecs.WINLOG_EVENT_DATA + "SubjectLogonId"));
        assertEquals("user01", e.getString(Ecs.USER_NAME));
        assertEquals("EXAMPLE", e.getString(Ecs.USER_DOMAIN));
        assertEquals("::1", e.getString(Ecs.SOURCE_IP));
        assertEquals("PC01.example.corp", e.getString(Ecs.HOST_NAME));
        assertEquals("Security", e.getString(Ecs.WINLOG_CHANNEL));
        assertEquals("windows.security", e.getString(Ecs.EVENT_DATASET));
        assertEquals(Instant.parse("2019-03-18T11:06:29.911579200Z"), e.timestamp());
        // the record holds the GUID as 16 bytes; written in lower case, as evtxexport does
        assertEquals(
                "{54849625-5478-4994-a5ba-3e3b0328c30d}", e.getString(Ecs.WINLOG_PROVIDER_GUID));
        assertEquals(524L, e.getLong(Ecs.WINLOG_PROCESS_PID));
        assertEquals("0x8020000000000000", e.getString(Ecs.WINLOG_KEYWORDS));
        assertEquals("C:\\Windows\\System32\\svchost.exe", e.getString(Ecs.PROCESS_EXECUTABLE));
        assertEquals(0x3ecL, e.getLong(Ecs.PROCESS_PID));
    }

    @Test
    void eventOriginalIsTheRenderedRecordXml() throws Exception {
        EcsDocument e = record("attack_LM_4624_mimikatz_sekurlsa_pth_source_machine.evtx", 432903);
        String xml = e.getString(Ecs.EVENT_ORIGINAL);
        assertTrue(
                xml.startsWith(
                        "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">"
                                + "<System><Provider Name=\"Microsoft-Windows-Security-Auditing\""),
                xml);
        assertTrue(xml.contains("<Data Name=\"TargetUserName\">user01</Data>"), xml);
        assertTrue(xml.contains("<Data Name=\"WorkstationName\"/>"), xml);
        assertTrue(
                xml.contains(
                        "<Correlation ActivityID=\"{661F2D37-D535-43F5-BAE0-06BE7E6614D7}\"/>"),
                xml);
        assertTrue(xml.endsWith("</EventData></Event>"), xml);
        assertNotNull(e.getString(Ecs.EVENT_HASH));
        assertTrue(
                e.getString(Ecs.RUNTRAIL_SOURCE)
                        .endsWith("attack_LM_4624_mimikatz_sekurlsa_pth_source_machine.evtx"));
    }

    @Test
    void userDataLeavesBecomeEventData() throws Exception {
        // 1149 keeps its fields in UserData/EventXML; evtxexport fails on this file, strings -el
        // shows the user and source address stored as text.
        EcsDocument e = record("mitre_RDP_success_logins_multiple_hosts_1149.evtx", 6433);
        assertEquals("1149", e.getString(Ecs.EVENT_CODE));
        assertEquals("admmig", e.getString(Ecs.WINLOG_EVENT_DATA + "Param1"));
        assertEquals("10.23.123.11", e.getString(Ecs.WINLOG_EVENT_DATA + "Param3"));
        assertEquals(
                "windows.microsoft_windows_terminalservices_remoteconnectionmanager_operational",
                e.getString(Ecs.EVENT_DATASET));
    }

    @Test
    void formatIsDetectedByMagic() throws Exception {
        Path file = EvtxSamples.sample("Security_short_selected.evtx");
        assertEquals("evtx", Formats.detect(InputSource.of(file)).orElseThrow().name());
        assertEquals(0, new EvtxFormat().sniff("x.log", "{\"a\":1}".getBytes()));
    }

    @Test
    void chunkSplitsTogetherGiveTheWholeFile() throws Exception {
        Path file = EvtxSamples.sample("system.evtx");
        InputSource input = InputSource.of(file);
        List<String> whole = ids(EvtxReader.open(input));
        long chunks = EvtxReader.chunkCount(Files.size(file));
        assertEquals(17, chunks);
        List<String> split = new ArrayList<>();
        for (long first = 0; first < chunks; first += 5) {
            split.addAll(ids(EvtxReader.forChunks(input, first, Math.min(5, chunks - first))));
        }
        assertEquals(whole, split);
        assertEquals(1881, whole.size());
        // chunk 2 alone holds record numbers 211-326 (its header)
        assertEquals(116, ids(EvtxReader.forChunks(input, 2, 1)).size());
    }

    private static List<String> ids(RecordReader reader) throws Exception {
        List<String> ids = new ArrayList<>();
        try (reader) {
            Parsed p;
            while ((p = reader.next()) != null) {
                ids.add(((EcsDocument) p).id());
            }
        }
        return ids;
    }
}
