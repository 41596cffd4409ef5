package dev.runtrail.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.sampledata.ScenarioOutput.WinRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the Windows files back and checks that sessions come out whole and in log order. */
class WindowsRecordsTest {
    @TempDir static Path tmp;
    static ScenarioOutput output;

    @BeforeAll
    static void generate() throws Exception {
        Scenario.generate(new ScenarioConfig(99L, LocalDate.of(2024, 3, 10), 2, 6, 4, 1.0), tmp);
        output = new ScenarioOutput(tmp);
    }

    @Test
    void bothExportFormatsAreWritten() {
        assertThat(output.windows).anyMatch(WinRecord::msPrecision).anyMatch(r -> !r.msPrecision());
        assertThat(output.windows).hasSizeGreaterThan(1000);
    }

    @Test
    void everyTruthSessionHasItsLogonInTheWindowsOutput() {
        List<JsonNode> sessions = new ArrayList<>(output.linkedSessions());
        output.truth.get("noise_sessions").forEach(sessions::add);
        assertThat(sessions).isNotEmpty();
        for (JsonNode session : sessions) {
            WinRecord logon = output.logonOf(session);
            assertThat(logon).as("4624 for " + session).isNotNull();
            assertThat(session.get("account").asText())
                    .isEqualTo(logon.get("TargetDomainName") + "\\" + logon.get("TargetUserName"));
        }
    }

    @Test
    void privilegesAndProcessesCarryTheLogonIdOfTheirSession() {
        int withPrivileges = 0;
        for (JsonNode session : output.linkedSessions()) {
            WinRecord logon = output.logonOf(session);
            String id = logon.get("TargetLogonId");
            List<WinRecord> host = output.onHost(logon.host());
            boolean elevatedAccount = !session.get("account").asText().equals("CORP\\svc_monitor");
            List<WinRecord> special =
                    host.stream()
                            .filter(
                                    r ->
                                            r.eventId() == 4672
                                                    && id.equals(r.get("SubjectLogonId"))
                                                    && Math.abs(
                                                                    Duration.between(
                                                                                    logon.time(),
                                                                                    r.time())
                                                                            .toMillis())
                                                            <= 1)
                            .toList();
            if (elevatedAccount) {
                assertThat(special).as("4672 of " + session).hasSize(1);
                assertThat(special.get(0).get("SubjectUserName"))
                        .isEqualTo(logon.get("TargetUserName"));
                withPrivileges++;
            }
            // Every session did something: a process under its logon id, or one SYSTEM created for
            // it.
            assertThat(host)
                    .as("4688 of " + session)
                    .anyMatch(
                            r ->
                                    r.eventId() == 4688
                                            && (id.equals(r.get("SubjectLogonId"))
                                                    || id.equals(r.get("TargetLogonId")))
                                            && !r.time().isBefore(logon.time()));
        }
        assertThat(withPrivileges).isPositive();
    }

    @Test
    void processesInsideASessionNameTheSessionAccountAsSubject() {
        Map<String, WinRecord> logons = new HashMap<>();
        for (WinRecord r : output.windows) {
            if (r.eventId() == 4624) {
                logons.put(r.host() + "|" + r.get("TargetLogonId"), r);
            }
        }
        int checked = 0;
        for (WinRecord r : output.windows) {
            if (r.eventId() != 4688 || r.get("SubjectLogonId").equals("0x3e7")) {
                continue;
            }
            WinRecord logon = logons.get(r.host() + "|" + r.get("SubjectLogonId"));
            assertThat(logon).as("session of " + r).isNotNull();
            assertThat(r.get("SubjectUserName")).isEqualTo(logon.get("TargetUserName"));
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void recordIdsGrowAndTimeNeverGoesBackWithinAFile() {
        Map<String, WinRecord> last = new HashMap<>();
        for (WinRecord r : output.windows) {
            WinRecord previous = last.put(r.host(), r);
            if (previous != null) {
                assertThat(r.recordId()).isEqualTo(previous.recordId() + 1);
                assertThat(r.time()).isAfterOrEqualTo(previous.time());
            }
        }
    }

    @Test
    void logonIdsAreUniquePerHostExceptTheWellKnownOnes() {
        Set<String> seen = new HashSet<>();
        int wellKnown = 0;
        for (WinRecord r : output.windows) {
            if (r.eventId() != 4624) {
                continue;
            }
            String id = r.get("TargetLogonId");
            if (id.equals("0x3e7") || id.equals("0x3e5")) {
                wellKnown++;
                continue;
            }
            assertThat(seen.add(r.host() + "|" + id))
                    .as("logon id " + id + " on " + r.host())
                    .isTrue();
        }
        assertThat(wellKnown).as("SYSTEM and LOCAL SERVICE service logons").isGreaterThan(10);
    }

    @Test
    void noiseIncludesMonitoringAnonymousMachineAndSystemSessions() {
        Set<String> accounts = new HashSet<>();
        for (WinRecord r : output.windows) {
            if (r.eventId() == 4624) {
                accounts.add(r.get("TargetDomainName") + "\\" + r.get("TargetUserName"));
            }
        }
        assertThat(accounts)
                .contains(
                        "CORP\\svc_monitor",
                        "NT AUTHORITY\\ANONYMOUS LOGON",
                        "NT AUTHORITY\\SYSTEM",
                        "NT AUTHORITY\\LOCAL SERVICE");
        assertThat(accounts).anyMatch(a -> a.startsWith("CORP\\WIN-") && a.endsWith("$"));
    }
}
