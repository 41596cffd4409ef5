package dev.runtrail.ingest.windows.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.windows.Records;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class WinlogbeatJsonTest {
    private static final WinlogbeatJsonFormat FORMAT = new WinlogbeatJsonFormat();

    /** A Winlogbeat 8.x document as the agent ships it (hand-written after its field layout). */
    static final String MODERN =
            "{\"@timestamp\":\"2024-05-01T12:00:03.123456789Z\",\"event\":{\"code\":\"4672\","
                    + "\"kind\":\"event\",\"provider\":\"Microsoft-Windows-Security-Auditing\","
                    + "\"action\":\"Special Logon\",\"outcome\":\"success\"},"
                    + "\"host\":{\"name\":\"win-01\"},\"message\":\"Special privileges assigned"
                    + " to new logon.\",\"winlog\":{\"channel\":\"Security\","
                    + "\"computer_name\":\"WIN-01.corp.example\",\"event_id\":\"4672\","
                    + "\"record_id\":98765,\"provider_name\":\"Microsoft-Windows-Security-Auditing\","
                    + "\"provider_guid\":\"{54849625-5478-4994-a5ba-3e3b0328c30d}\","
                    + "\"task\":\"Special Logon\",\"opcode\":\"Info\",\"keywords\":[\"Audit Success\"],"
                    + "\"process\":{\"pid\":640,\"thread\":{\"id\":712}},"
                    + "\"logon\":{\"id\":\"0x3e7\"},"
                    + "\"event_data\":{\"SubjectUserSid\":\"S-1-5-21-1-2-3-1104\","
                    + "\"SubjectUserName\":\"svc_airflow\",\"SubjectDomainName\":\"CORP\","
                    + "\"SubjectLogonId\":\"0x3E7A1\",\"PrivilegeList\":[\"SeBackupPrivilege\","
                    + "\"SeDebugPrivilege\"]}}}";

    @Test
    void modernDocument() throws Exception {
        Records.Result r = Records.readAll(FORMAT, Records.text("wb.ndjson", MODERN + "\n"));
        assertThat(r.dead()).isEmpty();
        EcsDocument e = r.events().get(0);
        assertThat(e.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2024-05-01T12:00:03.123456789Z"));
        assertThat(e.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(4672L);
        assertThat(e.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(98765L);
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("WIN-01.corp.example");
        assertThat(e.get(Ecs.WINLOG_PROCESS_PID)).isEqualTo(640L);
        assertThat(e.get(Ecs.WINLOG_PROCESS_THREAD_ID)).isEqualTo(712L);
        assertThat(e.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in-special");
        assertThat(e.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        // the session is the subject's, not the 0x3e7 an upstream pipeline may have written
        assertThat(e.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
        assertThat(e.get(Ecs.RUNTRAIL_PRIVILEGES))
                .isEqualTo(List.of("SeBackupPrivilege", "SeDebugPrivilege"));
        assertThat(e.get(Ecs.WINLOG_EVENT_DATA + "PrivilegeList"))
                .isEqualTo("SeBackupPrivilege SeDebugPrivilege");
        assertThat(e.get(Ecs.EVENT_ORIGINAL)).isEqualTo(MODERN);
        assertThat(e.get(Ecs.RUNTRAIL_FORMAT)).isEqualTo("winlogbeat-json");
        assertThat(Formats.detect("wb.ndjson", MODERN.getBytes(StandardCharsets.UTF_8)))
                .get()
                .extracting(f -> f.name())
                .isEqualTo("winlogbeat-json");
    }

    @Test
    void hostNameStandsInForAMissingComputerName() throws Exception {
        String line = MODERN.replace("\"computer_name\":\"WIN-01.corp.example\",", "");
        EcsDocument e = Records.readAll(FORMAT, Records.text("h.ndjson", line)).events().get(0);
        assertThat(e.get(Ecs.HOST_NAME)).isEqualTo("win-01");
    }

    @Test
    void badLinesAreDeadLetteredWithTheirLineAndOffset() throws Exception {
        String notJson = "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"winlog\":{\"event_id\":";
        String array = "[1,2,3]";
        String noId = "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"message\":\"hello\"}";
        String trailing = MODERN + " x";
        String text =
                MODERN + "\n" + notJson + "\n\n" + array + "\n" + noId + "\n" + trailing + "\n"
                        + MODERN + "\n";
        Records.Result r = Records.readAll(FORMAT, Records.text("bad.ndjson", text));
        assertThat(r.all()).hasSize(6);
        assertThat(r.events()).hasSize(2);
        assertThat(r.dead()).hasSize(4);
        DeadLetter first = r.dead().get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.position()).isEqualTo(MODERN.length() + 1);
        assertThat(first.reason()).startsWith("The line is not valid JSON").contains("line 2");
        assertThat(new String(first.raw(), StandardCharsets.UTF_8)).isEqualTo(notJson);
        assertThat(r.dead().get(1).line()).isEqualTo(4);
        assertThat(r.dead().get(1).reason()).startsWith("The line is not a JSON object");
        assertThat(r.dead().get(2).line()).isEqualTo(5);
        assertThat(r.dead().get(2).reason())
                .contains("no numeric winlog.event_id, event.code or event_id");
        assertThat(r.dead().get(3).reason()).startsWith("Text follows the JSON object");
    }

    @Test
    void invalidUtf8LineIsDeadLettered() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] line = MODERN.replace("svc_airflow", "svc_\u00e9").getBytes(StandardCharsets.UTF_8);
        int at = new String(line, StandardCharsets.ISO_8859_1).indexOf("svc_") + 4;
        byte[] bad = line.clone();
        bad[at + 1] = '!'; // the continuation byte of é replaced: invalid UTF-8
        out.write(bad);
        out.write('\n');
        out.write(line);
        out.write('\n');
        Records.Result r = Records.readAll(FORMAT, Records.bytes("u.ndjson", out.toByteArray()));
        assertThat(r.all()).hasSize(2);
        assertThat(r.dead())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).startsWith("Invalid UTF-8");
                            assertThat(d.position()).isZero();
                            assertThat(d.raw()).isEqualTo(bad);
                        });
        assertThat(r.events().get(0).get(Ecs.USER_NAME)).isEqualTo("svc_\u00e9");
    }

    /** OTRF's empire_invoke_runas: Winlogbeat 6.7 documents, gzipped. */
    @Test
    void winlogbeat6SampleFromGzip() throws Exception {
        Path file =
                Records.samples("winjson")
                        .resolve("otrf_empire_invoke_runas_2019-05-18204300.json.gz");
        byte[] plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            plain = in.readAllBytes();
        }
        InputSource input = InputSource.of(file);
        assertThat(Formats.detect(input))
                .get()
                .extracting(f -> f.name())
                .isEqualTo("winlogbeat-json");
        Records.Result r = Records.readAll(FORMAT, input);
        assertThat(r.dead()).isEmpty();
        assertThat(r.events()).hasSize(lines(plain)).hasSize(2581);

        EcsDocument special = r.events().get(254); // line 255
        assertThat(special.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(12283314L);
        assertThat(special.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in-special");
        assertThat(special.get(Ecs.HOST_NAME)).isEqualTo("HFDC01.shire.com");
        assertThat(special.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x12eb09a3");
        assertThat(special.get(Ecs.RUNTRAIL_PRIVILEGES))
                .asList()
                .hasSize(10)
                .startsWith("SeSecurityPrivilege")
                .endsWith("SeEnableDelegationPrivilege");
        assertThat(special.get(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo((long) lineStart(plain, 255));

        EcsDocument logon = r.events().get(255); // line 256
        assertThat(logon.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(12283315L);
        assertThat(logon.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in");
        assertThat(logon.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(logon.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2019-05-18T20:43:27.288Z"));
        assertThat(logon.get(Ecs.USER_NAME)).isEqualTo("HFDC01$");
        assertThat(logon.get(Ecs.USER_DOMAIN)).isEqualTo("SHIRE.COM");
        assertThat(logon.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x12eb09a3");
        assertThat(logon.get(Ecs.WINLOG_LOGON_TYPE)).isEqualTo("Network");
        assertThat(logon.get(Ecs.SOURCE_IP)).isEqualTo("::1");
        assertThat(logon.get(Ecs.SOURCE_PORT)).isEqualTo(57693L);
        assertThat(logon.get(Ecs.WINLOG_CHANNEL)).isEqualTo("Security");
        assertThat(logon.get(Ecs.HOST_NAME)).isEqualTo("HFDC01.shire.com");
        assertThat(logon.get(Ecs.WINLOG_EVENT_DATA + "LogonGuid"))
                .isEqualTo("{4925F3AF-5C7D-5820-132B-7C9C02DED4B0}");
    }

    static int lines(byte[] text) {
        int n = 0;
        for (byte b : text) {
            if (b == '\n') {
                n++;
            }
        }
        return text.length > 0 && text[text.length - 1] != '\n' ? n + 1 : n;
    }

    /** Byte offset of the 1-based line. */
    static int lineStart(byte[] text, int line) {
        int seen = 1;
        for (int i = 0; i < text.length && seen < line; i++) {
            if (text[i] == '\n' && ++seen == line) {
                return i + 1;
            }
        }
        return line == 1 ? 0 : -1;
    }
}
