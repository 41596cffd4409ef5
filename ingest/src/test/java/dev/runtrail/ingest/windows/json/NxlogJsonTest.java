package dev.runtrail.ingest.windows.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.windows.Records;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** OTRF Security-Datasets flat JSON (NXLog-shaped), and hand-written bad lines. */
class NxlogJsonTest {
    private static final NxlogJsonFormat FORMAT = new NxlogJsonFormat();

    private static Records.Result read(String file) throws Exception {
        Path path = Records.samples("winjson").resolve(file);
        assertThat(Formats.detect(InputSource.of(path)))
                .get()
                .extracting(f -> f.name())
                .isEqualTo("nxlog-json");
        Records.Result r = Records.readAll(FORMAT, InputSource.of(path));
        assertThat(r.dead()).isEmpty();
        assertThat(r.events()).hasSize(WinlogbeatJsonTest.lines(Files.readAllBytes(path)));
        return r;
    }

    @Test
    void bitsadminSampleWithUtcTimeCreated() throws Exception {
        Records.Result r = read("otrf_cmd_bitsadmin_download_psh_script_2020-10-2302365189.json");
        assertThat(r.events()).hasSize(424);
        EcsDocument cleared = r.events().get(0);
        assertThat(cleared.get(Ecs.EVENT_ACTION)).isEqualTo("audit-log-cleared");
        assertThat(cleared.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2020-10-23T02:36:40.671Z"));

        EcsDocument process = r.events().get(2); // line 3
        assertThat(process.get(Ecs.EVENT_ACTION)).isEqualTo("created-process");
        assertThat(process.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2020-10-23T02:36:43.542Z"));
        assertThat(process.get(Ecs.HOST_NAME)).isEqualTo("WORKSTATION5");
        assertThat(process.get(Ecs.USER_NAME)).isEqualTo("wardog");
        assertThat(process.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0xc61d9");
        assertThat(process.get(Ecs.PROCESS_EXECUTABLE))
                .isEqualTo("C:\\Windows\\System32\\bitsadmin.exe");
        assertThat(process.get(Ecs.PROCESS_PID)).isEqualTo(0x242cL);
        assertThat(process.get(Ecs.PROCESS_PARENT_NAME)).isEqualTo("cmd.exe");
        assertThat(process.get(Ecs.PROCESS_PARENT_PID)).isEqualTo(0x273cL);
        assertThat((String) process.get(Ecs.PROCESS_COMMAND_LINE))
                .startsWith("bitsadmin.exe  /transfer /Download /priority Foreground https://")
                .endsWith("\\Temp\\bitsadmin1_flag.ps1");
        assertThat(process.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(process.get(Ecs.WINLOG_TASK)).isEqualTo("13312");
        // header fields are not EventData
        assertThat(process.has(Ecs.WINLOG_EVENT_DATA + "Hostname")).isFalse();
        assertThat(process.has(Ecs.WINLOG_EVENT_DATA + "EventID")).isFalse();
        assertThat(process.get(Ecs.WINLOG_EVENT_DATA + "MandatoryLabel")).isEqualTo("S-1-16-12288");
        // no record ids in this export: every event has its own positional id
        Set<String> ids = new HashSet<>();
        r.events().forEach(e -> ids.add(e.id()));
        assertThat(ids).hasSize(424).doesNotContainNull();
    }

    @Test
    void psexecSampleWithServiceInstalls() throws Exception {
        Records.Result r = read("otrf_cmd_psexec_lsa_secrets_dump_2020-10-1903305471.json");
        assertThat(r.events()).hasSize(286);
        assertThat(r.events().get(0).get(Ecs.TIMESTAMP))
                .isEqualTo(Instant.parse("2020-10-19T03:30:41.104Z"));
        EcsDocument security = r.events().get(9); // line 10
        assertThat(security.get(Ecs.EVENT_ACTION)).isEqualTo("service-installed");
        assertThat(security.get(Ecs.SERVICE_NAME)).isEqualTo("PSEXESVC");
        assertThat(security.get(Ecs.USER_NAME)).isEqualTo("wardog");
        assertThat(security.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0xc61d9");
        EcsDocument system = r.events().get(285); // line 286
        assertThat(system.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(7045L);
        assertThat(system.get(Ecs.EVENT_ACTION)).isEqualTo("service-installed");
        assertThat(system.get(Ecs.EVENT_DATASET)).isEqualTo("windows.system");
        assertThat(system.get(Ecs.SERVICE_NAME)).isEqualTo("PSEXESVC");
        assertThat(system.get(Ecs.WINLOG_EVENT_DATA + "AccountName")).isEqualTo("LocalSystem");
        assertThat(system.get(Ecs.WINLOG_EVENT_DATA + "ImagePath"))
                .isEqualTo("%SystemRoot%\\PSEXESVC.exe");
    }

    @Test
    void covenantSampleWithLocalEventTime() throws Exception {
        Records.Result r = read("otrf_covenant_copy_smb_CreateRequest_2020-09-22145302.json");
        assertThat(r.events()).hasSize(506);
        EcsDocument special = r.events().get(54); // line 55
        assertThat(special.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in-special");
        assertThat(special.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x4e13b2e");
        assertThat(special.get(Ecs.RUNTRAIL_PRIVILEGES)).asList().hasSize(9);
        assertThat(special.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(933020L);

        EcsDocument logon = r.events().get(55); // line 56
        assertThat(logon.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in");
        // EventTime 14:53:30 local; received 14:53:32 local = 18:53:32.340Z, so UTC-4
        assertThat(logon.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2020-09-22T18:53:30Z"));
        assertThat(logon.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(933021L);
        assertThat(logon.get(Ecs.HOST_NAME)).isEqualTo("WORKSTATION6.theshire.local");
        assertThat(logon.get(Ecs.USER_NAME)).isEqualTo("pgustavo");
        assertThat(logon.get(Ecs.USER_DOMAIN)).isEqualTo("THESHIRE.LOCAL");
        assertThat(logon.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x4e13b2e");
        assertThat(logon.get(Ecs.WINLOG_LOGON_TYPE)).isEqualTo("Network");
        assertThat(logon.get(Ecs.SOURCE_IP)).isEqualTo("172.18.39.5");
        assertThat(logon.get(Ecs.SOURCE_PORT)).isEqualTo(62782L);
        assertThat(logon.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(logon.get(Ecs.WINLOG_PROCESS_PID)).isEqualTo(760L);
        assertThat(logon.get(Ecs.WINLOG_PROCESS_THREAD_ID)).isEqualTo(7276L);
        assertThat(logon.get(Ecs.WINLOG_TASK)).isEqualTo("12544");
        assertThat(logon.get(Ecs.WINLOG_OPCODE)).isEqualTo("0");
        assertThat(logon.get(Ecs.WINLOG_VERSION)).isEqualTo(2L);
        assertThat(logon.has(Ecs.WINLOG_EVENT_DATA + "SeverityValue")).isFalse();
        assertThat(logon.has(Ecs.WINLOG_EVENT_DATA + "AccountName")).isFalse();
        // "Keywords":-9214364837600034816 is 0x8020000000000000 (2^63 - 2^53 below zero: Classic
        // and Audit Success), written in hex as EVTX and XML exports of the event have it
        assertThat(logon.get(Ecs.WINLOG_KEYWORDS)).isEqualTo("0x8020000000000000");
    }

    @Test
    void numbersBeyondALongAreNotNumbers() throws Exception {
        String head =
                "{\"Hostname\":\"WIN-01\",\"Channel\":\"Security\","
                        + "\"TimeCreated\":\"2024-05-01T12:00:00.000Z\",";
        String idTooLarge = head + "\"EventID\":9223372036854775808}";
        String fieldsTooLarge =
                head
                        + "\"EventID\":4634,\"RecordNumber\":9223372036854775808,"
                        + "\"Keywords\":9223372036854775808,\"Version\":4294967296,"
                        + "\"ProcessID\":99999999999999999999}";
        String smallest = head + "\"EventID\":4634,\"Keywords\":-9223372036854775808}";
        Records.Result r =
                Records.readAll(
                        FORMAT,
                        Records.text(
                                "f.json", idTooLarge + "\n" + fieldsTooLarge + "\n" + smallest));

        assertThat(r.all()).hasSize(3);
        assertThat(r.dead()).hasSize(1);
        assertThat(r.dead().get(0).line()).isEqualTo(1L);
        assertThat(r.dead().get(0).reason()).contains("no numeric EventID");
        EcsDocument large = r.events().get(0);
        // as for a record without a record number (0), which gets a positional document id
        assertThat(large.get(Ecs.WINLOG_RECORD_ID)).isEqualTo(0L);
        assertThat(large.has(Ecs.WINLOG_VERSION)).isFalse();
        assertThat(large.has(Ecs.WINLOG_PROCESS_PID)).isFalse();
        assertThat(large.get(Ecs.WINLOG_KEYWORDS)).isEqualTo("9223372036854775808");
        assertThat(r.events().get(1).get(Ecs.WINLOG_KEYWORDS)).isEqualTo("0x8000000000000000");
    }

    @Test
    void unknownShapesAreDeadLettered() throws Exception {
        String good =
                "{\"EventID\":4634,\"Hostname\":\"WIN-01\",\"Channel\":\"Security\","
                        + "\"TimeCreated\":\"2024-05-01T12:00:00.000Z\",\"TargetUserName\":\"svc\","
                        + "\"TargetLogonId\":\"0x3E7A1\",\"LogonType\":\"3\"}";
        String noId = "{\"Hostname\":\"WIN-01\",\"Channel\":\"Security\"}";
        String noTime = "{\"EventID\":4634,\"Hostname\":\"WIN-01\"}";
        String broken = "{\"EventID\":4634,\"Hostname\":WIN-01}";
        String text = good + "\n" + noId + "\n" + noTime + "\n" + broken + "\n" + good;
        Records.Result r = Records.readAll(FORMAT, Records.text("f.json", text));
        assertThat(r.all()).hasSize(5);
        assertThat(r.events()).hasSize(2);
        assertThat(r.events().get(0).get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
        assertThat(r.dead()).extracting(d -> d.line()).containsExactly(2L, 3L, 4L);
        assertThat(r.dead().get(0).reason()).contains("no numeric EventID");
        assertThat(r.dead().get(1).reason()).contains("no parseable TimeCreated");
        assertThat(r.dead().get(2).reason()).startsWith("The line is not valid JSON");
        assertThat(r.dead().get(2).position())
                .isEqualTo((good + noId + noTime).getBytes(StandardCharsets.UTF_8).length + 3);
    }
}
