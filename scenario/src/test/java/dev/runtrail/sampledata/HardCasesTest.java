package dev.runtrail.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.sampledata.ScenarioOutput.WinRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cases that make correlation hard are really in the bundled scenario: overlapping sessions of
 * one account on one host, 4672 before its 4624, skewed host clocks, host names that differ between
 * Airflow and Windows. Measured from the files, not from the generator's state.
 */
class HardCasesTest {
    static ScenarioOutput output;

    @BeforeAll
    static void read() throws Exception {
        output = new ScenarioOutput(Path.of("../sample-data"));
    }

    private record Span(
            String attempt, String runId, String account, WinRecord logon, Instant end) {}

    @Test
    void oneAccountHasOverlappingSessionsOnOneHostForDifferentRuns() {
        Map<String, List<Span>> byHostAccount = new HashMap<>();
        for (JsonNode attempt : output.truth.get("attempts")) {
            for (JsonNode session : attempt.get("sessions")) {
                WinRecord logon = output.logonOf(session);
                Instant end = logoffOf(logon);
                if (end == null) {
                    continue;
                }
                Span span =
                        new Span(
                                ScenarioOutput.attemptKey(attempt),
                                attempt.get("run_id").asText(),
                                session.get("account").asText(),
                                logon,
                                end);
                byHostAccount
                        .computeIfAbsent(
                                logon.host() + "|" + span.account(), k -> new ArrayList<>())
                        .add(span);
            }
        }
        int differentRuns = 0;
        for (List<Span> spans : byHostAccount.values()) {
            for (int i = 0; i < spans.size(); i++) {
                for (int j = i + 1; j < spans.size(); j++) {
                    Span a = spans.get(i);
                    Span b = spans.get(j);
                    boolean overlap =
                            a.logon().time().isBefore(b.end())
                                    && b.logon().time().isBefore(a.end());
                    if (overlap
                            && !a.attempt().equals(b.attempt())
                            && !a.runId().equals(b.runId())) {
                        differentRuns++;
                    }
                }
            }
        }
        assertThat(differentRuns).isPositive();
    }

    private static Instant logoffOf(WinRecord logon) {
        return output.onHost(logon.host()).stream()
                .filter(
                        r ->
                                r.eventId() == 4634
                                        && logon.get("TargetLogonId").equals(r.get("TargetLogonId"))
                                        && !r.time().isBefore(logon.time()))
                .map(WinRecord::time)
                .findFirst()
                .orElse(null);
    }

    @Test
    void someSpecialLogonIsWrittenBeforeItsLogon() {
        int early = 0;
        for (WinRecord r : output.windows) {
            if (r.eventId() != 4672 || r.get("SubjectLogonId").equals("0x3e7")) {
                continue;
            }
            WinRecord logon =
                    output.onHost(r.host()).stream()
                            .filter(
                                    l ->
                                            l.eventId() == 4624
                                                    && r.get("SubjectLogonId")
                                                            .equals(l.get("TargetLogonId")))
                            .findFirst()
                            .orElseThrow();
            if (logon.position() > r.position()) {
                assertThat(logon.time().getEpochSecond()).isEqualTo(r.time().getEpochSecond());
                early++;
            }
        }
        assertThat(early).isPositive();
    }

    @Test
    void hostClocksAreSkewedBothWaysAgainstAirflow() throws Exception {
        DateTimeFormatter prefix =
                DateTimeFormatter.ofPattern("'['yyyy-MM-dd', 'HH:mm:ss' UTC]'", Locale.ROOT);
        Map<String, List<Long>> skews = new HashMap<>();
        for (JsonNode attempt : output.truth.get("attempts")) {
            String operator = attempt.get("operator").asText();
            if (!operator.equals("WinRMOperator") && !operator.equals("PsrpOperator")) {
                continue;
            }
            for (JsonNode session : attempt.get("sessions")) {
                String connectLine =
                        Files.readAllLines(output.logFile(attempt)).stream()
                                .filter(l -> l.contains("Establishing WinRM connection"))
                                .findFirst()
                                .orElseThrow();
                Instant connect =
                        LocalDateTime.parse(connectLine.substring(0, 26), prefix)
                                .toInstant(ZoneOffset.UTC);
                Instant logon = output.logonOf(session).time();
                skews.computeIfAbsent(session.get("host").asText(), k -> new ArrayList<>())
                        .add(Duration.between(connect, logon).toMillis());
            }
        }
        Map<String, Long> medians = new HashMap<>();
        skews.forEach(
                (host, list) ->
                        medians.put(host, list.stream().sorted().toList().get(list.size() / 2)));
        assertThat(medians.values()).anyMatch(m -> m > 10_000).anyMatch(m -> m < -10_000);
        assertThat(medians.values()).allMatch(m -> Math.abs(m) < 62_000);
    }

    @Test
    void airflowNamesHostsDifferentlyFromTheSecurityLog() throws Exception {
        int differing = 0;
        for (JsonNode attempt : output.truth.get("attempts")) {
            for (JsonNode session : attempt.get("sessions")) {
                String computer = session.get("host").asText();
                String netbios = computer.substring(0, computer.indexOf('.'));
                for (String line : Files.readAllLines(output.logFile(attempt))) {
                    int at = line.indexOf("to host: ");
                    if (at > 0) {
                        String logged = line.substring(at + 9);
                        assertThat(logged.toUpperCase(Locale.ROOT))
                                .startsWith(netbios.toUpperCase(Locale.ROOT));
                        if (!logged.equals(computer)) {
                            differing++;
                        }
                    }
                }
            }
        }
        assertThat(differing).isPositive();
    }
}
