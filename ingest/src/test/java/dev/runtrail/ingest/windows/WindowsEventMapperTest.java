package dev.runtrail.ingest.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.IsoInstantText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowsEventMapperTest {
    private static Map<String, String> data(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void providerGuidsAreWrittenInLowerCaseAndOtherValuesAsGiven() {
        String upper = "{54849625-5478-4994-A5BA-3E3B0328C30D}";
        String lower = "{54849625-5478-4994-a5ba-3e3b0328c30d}";
        String first = WindowsEventMapper.lowerCaseGuid(upper);
        assertThat(first).isEqualTo(lower);
        // an equal value again gets the remembered answer
        assertThat(WindowsEventMapper.lowerCaseGuid(new String(upper))).isSameAs(first);
        // (a GUID no other test uses, so no earlier equal value can be remembered for it)
        String alreadyLower = new String("{0e0e0e0e-1111-2222-3333-44444444aaaa}");
        assertThat(WindowsEventMapper.lowerCaseGuid(alreadyLower)).isSameAs(alreadyLower);
        assertThat(WindowsEventMapper.lowerCaseGuid("54849625-5478-4994-A5BA-3E3B0328C30D"))
                .isEqualTo("54849625-5478-4994-a5ba-3e3b0328c30d");
        // not a GUID: left alone, letters and all
        for (String other :
                new String[] {
                    "{54849625-5478-4994-A5BA-3E3B0328C30DX}",
                    "{54849625-5478-4994-A5BA+3E3B0328C30D}",
                    "{G4849625-5478-4994-A5BA-3E3B0328C30D}",
                    // a fullwidth A is a hex digit to Character.digit, not to a GUID
                    "{\uFF214849625-5478-4994-A5BA-3E3B0328C30D}",
                    "Microsoft-Windows-Security-Auditing",
                    "",
                    "{}"
                }) {
            assertThat(WindowsEventMapper.lowerCaseGuid(other)).isSameAs(other);
        }
        assertThat(WindowsEventMapper.lowerCaseGuid(null)).isNull();
    }

    @Test
    void logonTakesTargetUserAndTargetLogonId() {
        EcsDocument doc =
                WindowsEventMapper.toEcs(
                        Records.security(
                                4624,
                                data(
                                        "SubjectUserName", "WIN-01$",
                                        "SubjectLogonId", "0x00000000000003E7",
                                        "TargetUserSid", "S-1-5-21-1-2-3-1104",
                                        "TargetUserName", "svc_airflow",
                                        "TargetDomainName", "CORP",
                                        "TargetLogonId", "0x00000000003E7A1",
                                        "LogonType", "3",
                                        "WorkstationName", "WORKER-7",
                                        "IpAddress", "::ffff:10.1.2.3",
                                        "IpPort", "50123",
                                        "ProcessName", "-",
                                        "ProcessId", "0x0")));
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in");
        assertThat(doc.get(Ecs.EVENT_CATEGORY)).isEqualTo(List.of("authentication"));
        assertThat(doc.get(Ecs.EVENT_TYPE)).isEqualTo(List.of("start"));
        assertThat(doc.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(doc.get(Ecs.EVENT_CODE)).isEqualTo("4624");
        assertThat(doc.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(4624L);
        assertThat(doc.get(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(doc.get(Ecs.USER_DOMAIN)).isEqualTo("CORP");
        assertThat(doc.get(Ecs.USER_ID)).isEqualTo("S-1-5-21-1-2-3-1104");
        assertThat(doc.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
        assertThat(doc.get(Ecs.WINLOG_EVENT_DATA + "TargetLogonId")).isEqualTo("0x00000000003E7A1");
        assertThat(doc.get(Ecs.WINLOG_EVENT_DATA + "SubjectLogonId"))
                .isEqualTo("0x00000000000003E7");
        assertThat(doc.get(Ecs.WINLOG_LOGON_TYPE)).isEqualTo("Network");
        assertThat(doc.get(Ecs.SOURCE_IP)).isEqualTo("10.1.2.3");
        assertThat(doc.get(Ecs.SOURCE_PORT)).isEqualTo(50123L);
        assertThat(doc.get(Ecs.SOURCE_DOMAIN)).isEqualTo("WORKER-7");
        assertThat(doc.get(Ecs.RELATED_IP)).isEqualTo(List.of("10.1.2.3"));
        assertThat(doc.get(Ecs.RELATED_USER)).isEqualTo(List.of("svc_airflow", "WIN-01$"));
        assertThat(doc.has(Ecs.PROCESS_EXECUTABLE)).isFalse();
        assertThat(doc.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2024-05-01T12:00:03.1234567Z"));
        assertThat(doc.get(Ecs.HOST_NAME)).isEqualTo("WIN-01.corp.example");
        assertThat(doc.get(Ecs.EVENT_DATASET)).isEqualTo("windows.security");
        assertThat(doc.id())
                .isEqualTo(WindowsEventMapper.documentId(Records.security(4624, Map.of())));
    }

    @Test
    void specialPrivilegesTakeSubjectSessionAndListPrivileges() {
        String raw = "SeBackupPrivilege\r\n\t\t\tSeDebugPrivilege\r\n\t\t\tSeImpersonatePrivilege";
        EcsDocument doc =
                WindowsEventMapper.toEcs(
                        Records.security(
                                4672,
                                data(
                                        "SubjectUserSid", "S-1-5-21-1-2-3-1104",
                                        "SubjectUserName", "svc_airflow",
                                        "SubjectDomainName", "CORP",
                                        "SubjectLogonId", "0x3E7A1",
                                        "PrivilegeList", raw)));
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in-special");
        assertThat(doc.get(Ecs.EVENT_CATEGORY)).isEqualTo(List.of("iam"));
        assertThat(doc.get(Ecs.EVENT_TYPE)).isEqualTo(List.of("admin"));
        assertThat(doc.get(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(doc.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
        assertThat(doc.get(Ecs.WINLOG_EVENT_DATA + "PrivilegeList")).isEqualTo(raw);
        assertThat(doc.get(Ecs.RUNTRAIL_PRIVILEGES))
                .isEqualTo(
                        List.of("SeBackupPrivilege", "SeDebugPrivilege", "SeImpersonatePrivilege"));
    }

    @Test
    void processCreationFillsProcessAndParent() {
        EcsDocument doc =
                WindowsEventMapper.toEcs(
                        Records.security(
                                4688,
                                data(
                                        "SubjectUserName", "svc_airflow",
                                        "SubjectDomainName", "CORP",
                                        "SubjectLogonId", "0x0000000000123550",
                                        "NewProcessId", "0x000000000000085c",
                                        "NewProcessName", "C:\\Windows\\System32\\cmd.exe",
                                        "TokenElevationType", "%%1937",
                                        "ProcessId", "0x0000000000000408",
                                        "CommandLine", "cmd.exe /c airflow tasks run etl load",
                                        "TargetUserName", "-",
                                        "TargetLogonId", "0x0",
                                        "ParentProcessName",
                                                "C:\\Windows\\System32\\wsmprovhost.exe")));
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("created-process");
        assertThat(doc.get(Ecs.EVENT_CATEGORY)).isEqualTo(List.of("process"));
        assertThat(doc.get(Ecs.EVENT_TYPE)).isEqualTo(List.of("start"));
        assertThat(doc.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x123550");
        assertThat(doc.get(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(doc.get(Ecs.PROCESS_PID)).isEqualTo(0x85cL);
        assertThat(doc.get(Ecs.PROCESS_EXECUTABLE)).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(doc.get(Ecs.PROCESS_NAME)).isEqualTo("cmd.exe");
        assertThat(doc.get(Ecs.PROCESS_COMMAND_LINE))
                .isEqualTo("cmd.exe /c airflow tasks run etl load");
        assertThat(doc.get(Ecs.PROCESS_PARENT_PID)).isEqualTo(0x408L);
        assertThat(doc.get(Ecs.PROCESS_PARENT_NAME)).isEqualTo("wsmprovhost.exe");
        assertThat(doc.get(Ecs.PROCESS_PARENT_EXECUTABLE))
                .isEqualTo("C:\\Windows\\System32\\wsmprovhost.exe");
    }

    @Test
    void explicitCredentialsKeepSubjectSessionAndEffectiveUser() {
        EcsDocument doc =
                WindowsEventMapper.toEcs(
                        Records.security(
                                4648,
                                data(
                                        "SubjectUserName", "svc_airflow",
                                        "SubjectDomainName", "CORP",
                                        "SubjectLogonId", "0x3e7a1",
                                        "TargetUserName", "adm_jane",
                                        "TargetDomainName", "CORP",
                                        "TargetServerName", "db01.corp.example",
                                        "ProcessId", "0x7b0",
                                        "ProcessName", "C:\\Windows\\System32\\svchost.exe",
                                        "IpAddress", "10.9.8.7",
                                        "IpPort", "0")));
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in-explicit");
        assertThat(doc.get(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(doc.get(Ecs.USER_EFFECTIVE_NAME)).isEqualTo("adm_jane");
        assertThat(doc.get(Ecs.USER_EFFECTIVE_DOMAIN)).isEqualTo("CORP");
        assertThat(doc.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
        assertThat(doc.get(Ecs.SOURCE_IP)).isEqualTo("10.9.8.7");
        assertThat(doc.get(Ecs.PROCESS_NAME)).isEqualTo("svchost.exe");
        assertThat(doc.get(Ecs.PROCESS_PID)).isEqualTo(0x7b0L);
        assertThat(doc.get(Ecs.RELATED_USER)).isEqualTo(List.of("svc_airflow", "adm_jane"));
    }

    @Test
    void logoffClosesTheTargetSession() {
        EcsDocument doc =
                WindowsEventMapper.toEcs(
                        Records.security(
                                4634,
                                data(
                                        "TargetUserSid", "S-1-5-90-0-2",
                                        "TargetUserName", "DWM-2",
                                        "TargetDomainName", "Window Manager",
                                        "TargetLogonId", "0x12D493",
                                        "LogonType", "10")));
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("logged-out");
        assertThat(doc.get(Ecs.EVENT_TYPE)).isEqualTo(List.of("end"));
        assertThat(doc.get(Ecs.USER_NAME)).isEqualTo("DWM-2");
        assertThat(doc.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x12d493");
        assertThat(doc.get(Ecs.WINLOG_LOGON_TYPE)).isEqualTo("RemoteInteractive");
    }

    @Test
    void failedLogonNamesNoSession() {
        WindowsRecord r =
                withKeywords(
                        Records.security(
                                4625,
                                data(
                                        "SubjectLogonId", "0x3e7",
                                        "TargetUserName", "svc_airflow",
                                        "LogonType", "2",
                                        "IpAddress", "10.0.0.5")),
                        "0x8010000000000000");
        EcsDocument doc = WindowsEventMapper.toEcs(r);
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("logon-failed");
        assertThat(doc.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(doc.has(Ecs.WINLOG_LOGON_ID)).isFalse();
        assertThat(doc.get(Ecs.WINLOG_LOGON_TYPE)).isEqualTo("Interactive");
    }

    @Test
    void groupMemberAddedNamesGroupAndMember() {
        EcsDocument doc =
                WindowsEventMapper.toEcs(
                        Records.security(
                                4728,
                                data(
                                        "MemberName", "CN=Jane Doe\\, admin,OU=Users,DC=corp",
                                        "MemberSid", "S-1-5-21-1-2-3-1105",
                                        "TargetUserName", "Domain Admins",
                                        "TargetDomainName", "CORP",
                                        "TargetSid", "S-1-5-21-1-2-3-512",
                                        "SubjectUserName", "svc_airflow",
                                        "SubjectLogonId", "0x3e7a1")));
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("added-member-to-group");
        assertThat(doc.get(Ecs.EVENT_TYPE)).isEqualTo(List.of("group", "change"));
        assertThat(doc.get(Ecs.GROUP_NAME)).isEqualTo("Domain Admins");
        assertThat(doc.get(Ecs.GROUP_ID)).isEqualTo("S-1-5-21-1-2-3-512");
        assertThat(doc.get(Ecs.USER_TARGET_NAME)).isEqualTo("Jane Doe, admin");
        assertThat(doc.get(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(doc.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x3e7a1");
    }

    @Test
    void kerberosOutcomeFollowsStatus() {
        EcsDocument doc =
                WindowsEventMapper.toEcs(
                        Records.security(
                                4768,
                                data(
                                        "TargetUserName", "svc_airflow",
                                        "TargetDomainName", "CORP.EXAMPLE",
                                        "Status", "0x12",
                                        "IpAddress", "::ffff:10.0.0.9",
                                        "IpPort", "49712")));
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("kerberos-authentication-ticket-requested");
        assertThat(doc.get(Ecs.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(doc.get(Ecs.USER_NAME)).isEqualTo("svc_airflow");
        assertThat(doc.get(Ecs.SOURCE_IP)).isEqualTo("10.0.0.9");
    }

    @Test
    void otherSecurityActionsUseElasticNames() {
        Map<Long, String> expected =
                Map.ofEntries(
                        Map.entry(1102L, "audit-log-cleared"),
                        Map.entry(4647L, "logged-out"),
                        Map.entry(4689L, "exited-process"),
                        Map.entry(4697L, "service-installed"),
                        Map.entry(4698L, "scheduled-task-created"),
                        Map.entry(4699L, "scheduled-task-deleted"),
                        Map.entry(4700L, "scheduled-task-enabled"),
                        Map.entry(4701L, "scheduled-task-disabled"),
                        Map.entry(4702L, "scheduled-task-updated"),
                        Map.entry(4719L, "changed-audit-config"),
                        Map.entry(4720L, "added-user-account"),
                        Map.entry(4722L, "enabled-user-account"),
                        Map.entry(4724L, "reset-password"),
                        Map.entry(4726L, "deleted-user-account"),
                        Map.entry(4729L, "removed-member-from-group"),
                        Map.entry(4732L, "added-member-to-group"),
                        Map.entry(4733L, "removed-member-from-group"),
                        Map.entry(4756L, "added-member-to-group"),
                        Map.entry(4757L, "removed-member-from-group"),
                        Map.entry(4769L, "kerberos-service-ticket-requested"),
                        Map.entry(4771L, "kerberos-preauth-failed"),
                        Map.entry(4776L, "credential-validated"));
        expected.forEach(
                (id, action) -> {
                    EcsDocument doc =
                            WindowsEventMapper.toEcs(
                                    Records.security(
                                            id,
                                            data(
                                                    "SubjectUserName", "svc_airflow",
                                                    "SubjectLogonId", "0x3E7A1")));
                    assertThat(doc.get(Ecs.EVENT_ACTION)).as("action of %d", id).isEqualTo(action);
                });
        EcsDocument cleared =
                WindowsEventMapper.toEcs(
                        Records.security(
                                1102,
                                data("SubjectUserName", "admmig", "SubjectLogonId", "0x123550")));
        assertThat(cleared.get(Ecs.USER_NAME)).isEqualTo("admmig");
        assertThat(cleared.get(Ecs.WINLOG_LOGON_ID)).isEqualTo("0x123550");
    }

    @Test
    void serviceInstalledInTheSystemChannel() {
        WindowsRecord r =
                new WindowsRecord(
                        "Service Control Manager",
                        null,
                        7045,
                        0,
                        4,
                        0,
                        0,
                        "0x8080000000000000",
                        Instant.parse("2019-03-19T23:34:25.000Z"),
                        42,
                        "System",
                        "WIN-01",
                        null,
                        null,
                        "S-1-5-21-1-2-3-500",
                        data("ServiceName", "remotesvc", "ImagePath", "C:\\x\\svc.exe"),
                        null);
        EcsDocument doc = WindowsEventMapper.toEcs(r);
        assertThat(doc.get(Ecs.EVENT_ACTION)).isEqualTo("service-installed");
        assertThat(doc.get(Ecs.SERVICE_NAME)).isEqualTo("remotesvc");
        assertThat(doc.get(Ecs.USER_ID)).isEqualTo("S-1-5-21-1-2-3-500");
        assertThat(doc.get(Ecs.EVENT_DATASET)).isEqualTo("windows.system");
    }

    @Test
    void logonIdsAreLowerCaseUnpaddedHex() {
        assertThat(LogonIds.normalize("0x00000000000003E7")).isEqualTo("0x3e7");
        assertThat(LogonIds.normalize("0X3E7A1")).isEqualTo("0x3e7a1");
        assertThat(LogonIds.normalize("0x0")).isEqualTo("0x0");
        assertThat(LogonIds.normalize("-")).isNull();
        assertThat(LogonIds.normalize("999")).isEqualTo("999");
        // already canonical: given back as it is
        assertThat(LogonIds.normalize("0x3e7")).isEqualTo("0x3e7");
        assertThat(LogonIds.normalize("0xffffffffffffffff")).isEqualTo("0xffffffffffffffff");
        // almost canonical: leading zero, upper-case x, blanks
        assertThat(LogonIds.normalize("0x00")).isEqualTo("0x0");
        assertThat(LogonIds.normalize("0x03e7")).isEqualTo("0x3e7");
        assertThat(LogonIds.normalize("0X3e7")).isEqualTo("0x3e7");
        assertThat(LogonIds.normalize(" 0x3e7\t")).isEqualTo("0x3e7");
        // not a 64-bit hex number: kept, lower-cased
        assertThat(LogonIds.normalize("0x1ffffffffffffffff")).isEqualTo("0x1ffffffffffffffff");
        assertThat(LogonIds.normalize("0x3G7")).isEqualTo("0x3g7");
        // more than sixteen digits, or digits other than ASCII ones, still parse as before
        assertThat(LogonIds.normalize("0x00000000000000003e7")).isEqualTo("0x3e7");
        assertThat(LogonIds.normalize("0x\uff10\uff13e7")).isEqualTo("0x3e7");
        assertThat(LogonIds.normalize("0x+3e7")).isEqualTo("0x3e7");
    }

    @Test
    void auditOutcomeFromHexOrNamedKeywords() {
        assertThat(SecurityEvents.auditOutcome("0x8020000000000000")).isEqualTo("success");
        assertThat(SecurityEvents.auditOutcome("0X8010000000000000")).isEqualTo("failure");
        assertThat(SecurityEvents.auditOutcome("0x8000000000000000")).isNull();
        assertThat(SecurityEvents.auditOutcome(" 0x8020000000000000 ")).isEqualTo("success");
        assertThat(SecurityEvents.auditOutcome("9007199254740992")).isEqualTo("success");
        assertThat(SecurityEvents.auditOutcome("Audit Failure, Classic")).isEqualTo("failure");
        assertThat(SecurityEvents.auditOutcome("0x8020000000000000z")).isNull();
        assertThat(SecurityEvents.auditOutcome("-")).isNull();
    }

    /** Expected values from Python's hashlib over the id layout (see Hashing.docId). */
    @Test
    void documentIdLowerCasesComputerAndChannel() {
        Instant time = Instant.parse("2024-05-01T12:00:00Z");
        WindowsRecord r =
                new WindowsRecord(
                        "Microsoft-Windows-Security-Auditing",
                        null,
                        4624,
                        null,
                        null,
                        null,
                        null,
                        null,
                        time,
                        1_000_000,
                        "Security",
                        "WIN-01.Corp.Example",
                        null,
                        null,
                        null,
                        Map.of(),
                        null);
        assertThat(WindowsEventMapper.documentId(r)).isEqualTo("72a51b24a2dd12ac358ba8c8e53e8abb");
    }

    @Test
    void recordWithoutRecordIdGetsNoContentId() {
        WindowsRecord r = Records.security(4624, Map.of());
        WindowsRecord noId =
                new WindowsRecord(
                        r.providerName(),
                        r.providerGuid(),
                        r.eventId(),
                        r.version(),
                        r.level(),
                        r.task(),
                        r.opcode(),
                        r.keywords(),
                        r.timeCreated(),
                        0,
                        r.channel(),
                        r.computer(),
                        r.processId(),
                        r.threadId(),
                        r.userSid(),
                        r.eventData(),
                        r.message());
        assertThat(WindowsEventMapper.toEcs(noId).id()).isNull();
    }

    private static WindowsRecord withKeywords(WindowsRecord r, String keywords) {
        return new WindowsRecord(
                r.providerName(),
                r.providerGuid(),
                r.eventId(),
                r.version(),
                r.level(),
                r.task(),
                r.opcode(),
                keywords,
                r.timeCreated(),
                r.recordId(),
                r.channel(),
                r.computer(),
                r.processId(),
                r.threadId(),
                r.userSid(),
                r.eventData(),
                r.message());
    }

    @Test
    void idTimeTextIsInstantToString() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            long seconds = random.nextLong(-2_000_000_000L, 253_402_300_799L);
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstantText.text(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void timesOfEveryExportShapeKeepAllDigits() {
        assertThat(WindowsTimes.parse("2025-06-08T07:15:09.2216228Z"))
                .isEqualTo(Instant.parse("2025-06-08T07:15:09.2216228Z"));
        assertThat(WindowsTimes.parse("2025-06-03T00:42:16.225038500Z"))
                .isEqualTo(Instant.parse("2025-06-03T00:42:16.2250385Z"));
        assertThat(WindowsTimes.parse("2021-11-13 14:30:53.638285"))
                .isEqualTo(Instant.parse("2021-11-13T14:30:53.638285Z"));
        assertThat(WindowsTimes.parse("2020-09-22 14:53:01"))
                .isEqualTo(Instant.parse("2020-09-22T14:53:01Z"));
        assertThat(WindowsTimes.parse("2024-05-01T14:00:00.5+02:00"))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00.5Z"));
        assertThat(WindowsTimes.parse("2024-02-30T00:00:00Z")).isNull();
        assertThat(WindowsTimes.parse("2024-05-01T25:00:00Z")).isNull();
        assertThat(WindowsTimes.parse("yesterday")).isNull();
    }
}
