package dev.runtrail.ingest.windows.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Formats;
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

/**
 * Event Viewer "Save as CSV" fixtures written from the documented layout: a header of five named
 * columns, then per event the level (or, in the Security log, the keywords), local date and time,
 * source, event id, task category and the rendered message as an unnamed sixth column.
 */
class EventViewerCsvTest {
    private static final EventViewerCsvFormat FORMAT = new EventViewerCsvFormat();

    private static final String HEADER = "Keywords,Date and Time,Source,Event ID,Task Category\r\n";
    private static final String LOGON =
            "Audit Success,5/1/2024 12:00:03 PM,Microsoft-Windows-Security-Auditing,4624,Logon,"
                    + "\"An account was successfully logged on.\r\n\r\nSubject:\r\n"
                    + "\tSecurity ID:\t\tSYSTEM\r\n\tAccount Name:\t\t\"\"WIN-01$\"\", the host\r\n"
                    + "\tLogon ID:\t\t0x3E7\"\r\n";
    private static final String LOGOFF =
            "Audit Success,5/1/2024 1:05:00 AM,Microsoft-Windows-Security-Auditing,4634,Logoff,"
                    + "An account was logged off.\r\n";

    @Test
    void securityExportWithMultiLineMessages() throws Exception {
        String csv = "\ufeff" + HEADER + LOGON + LOGOFF;
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        assertThat(Formats.detect("Security.csv", bytes))
                .get()
                .extracting(f -> f.name())
                .isEqualTo("windows-eventviewer-csv");
        Records.Result r = Records.readAll(FORMAT, Records.bytes("Security.csv", bytes));
        assertThat(r.dead()).isEmpty();
        assertThat(r.events()).hasSize(2);

        EcsDocument logon = r.events().get(0);
        assertThat(logon.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(4624L);
        assertThat(logon.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2024-05-01T12:00:03Z"));
        assertThat(logon.get(Ecs.EVENT_ACTION)).isEqualTo("logged-in");
        assertThat(logon.get(Ecs.EVENT_OUTCOME)).isEqualTo("success");
        assertThat(logon.get(Ecs.WINLOG_CHANNEL)).isEqualTo("Security");
        assertThat(logon.get(Ecs.WINLOG_TASK)).isEqualTo("Logon");
        assertThat(logon.get(Ecs.MESSAGE))
                .isEqualTo(
                        "An account was successfully logged on.\r\n\r\nSubject:\r\n\tSecurity ID:"
                                + "\t\tSYSTEM\r\n\tAccount Name:\t\t\"WIN-01$\", the host\r\n"
                                + "\tLogon ID:\t\t0x3E7");
        String rawLogon = LOGON.substring(0, LOGON.length() - 2);
        assertThat(logon.get(Ecs.EVENT_ORIGINAL)).isEqualTo(rawLogon);
        assertThat(logon.get(Ecs.EVENT_HASH))
                .isEqualTo(Hashing.sha256Hex(rawLogon.getBytes(StandardCharsets.UTF_8)));
        assertThat(logon.get(Ecs.TAGS)).isEqualTo(List.of(EventViewerCsvReader.LOCAL_TIME_TAG));
        long headerBytes = 3 + HEADER.length();
        assertThat(logon.get(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(headerBytes);
        assertThat(logon.id()).isNotNull();

        EcsDocument logoff = r.events().get(1);
        assertThat(logoff.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2024-05-01T01:05:00Z"));
        assertThat(logoff.get(Ecs.EVENT_ACTION)).isEqualTo("logged-out");
        assertThat(logoff.get(Ecs.MESSAGE)).isEqualTo("An account was logged off.");
        assertThat(logoff.get(Ecs.RUNTRAIL_SOURCE_POSITION))
                .isEqualTo(headerBytes + LOGON.getBytes(StandardCharsets.UTF_8).length);
        assertThat(logoff.id()).isNotEqualTo(logon.id());
    }

    @Test
    void levelHeaderOfOtherLogs() throws Exception {
        String csv =
                "Level,Date and Time,Source,Event ID,Task Category\n"
                        + "Warning,2024-05-01 08:30:00,Microsoft-Windows-WinRM,142,None,"
                        + "\"WSMan operation Enumeration failed, error code 2150858770\"\n";
        Records.Result r = Records.readAll(FORMAT, Records.text("app.csv", csv));
        EcsDocument e = r.events().get(0);
        assertThat(e.get(Ecs.WINLOG_PROVIDER_NAME)).isEqualTo("Microsoft-Windows-WinRM");
        assertThat(e.get(Ecs.WINLOG_EVENT_ID)).isEqualTo(142L);
        assertThat(e.get(Ecs.TIMESTAMP)).isEqualTo(Instant.parse("2024-05-01T08:30:00Z"));
        assertThat(e.get(Ecs.MESSAGE))
                .isEqualTo("WSMan operation Enumeration failed, error code 2150858770");
        assertThat(e.has(Ecs.EVENT_ACTION)).isFalse();
    }

    @Test
    void badRecordsAreDeadLetteredAndCountsAddUp() throws Exception {
        String missing =
                "Audit Success,5/1/2024 12:00:03 PM,Microsoft-Windows-Security-Auditing\r\n";
        String badId =
                "Audit Success,5/1/2024 12:00:03 PM,Microsoft-Windows-Security-Auditing,46x4,Logon,m\r\n";
        String badDate =
                "Audit Success,01.05.2024 12:00:03,Microsoft-Windows-Security-Auditing,4624,Logon,m\r\n";
        String unclosed =
                "Audit Success,5/1/2024 12:00:03 PM,Microsoft-Windows-Security-Auditing,4624,Logon,\"never closed\r\n";
        String csv = HEADER + LOGOFF + missing + badId + badDate + LOGOFF + unclosed;
        Records.Result r = Records.readAll(FORMAT, Records.text("bad.csv", csv));
        assertThat(r.all()).hasSize(6);
        assertThat(r.events()).hasSize(2);
        List<DeadLetter> dead = r.dead();
        assertThat(dead).extracting(DeadLetter::line).containsExactly(3L, 4L, 5L, 7L);
        assertThat(dead.get(0).reason())
                .startsWith(
                        "The CSV record has 3 columns; expected at least 5 (Level, Date and"
                                + " Time, Source, Event ID, Task Category)");
        assertThat(dead.get(0).position()).isEqualTo((long) (HEADER + LOGOFF).length());
        assertThat(new String(dead.get(0).raw(), StandardCharsets.UTF_8))
                .isEqualTo(missing.substring(0, missing.length() - 2));
        assertThat(dead.get(1).reason()).contains("'46x4'; expected a number");
        assertThat(dead.get(2).reason()).contains("'01.05.2024 12:00:03'; expected M/d/yyyy");
        assertThat(dead.get(3).reason()).contains("A quoted field is not closed");
        assertThat(dead)
                .allSatisfy(d -> assertThat(d.format()).isEqualTo("windows-eventviewer-csv"));
    }

    @Test
    void invalidUtf8RecordIsDeadLettered() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(HEADER.getBytes(StandardCharsets.UTF_8));
        byte[] bad = LOGOFF.getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 5] = (byte) 0xFF;
        out.write(bad);
        out.write(LOGOFF.getBytes(StandardCharsets.UTF_8));
        Records.Result r = Records.readAll(FORMAT, Records.bytes("u.csv", out.toByteArray()));
        assertThat(r.all()).hasSize(2);
        assertThat(r.dead())
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).startsWith("Invalid UTF-8 in the CSV record");
                            assertThat(d.line()).isEqualTo(2);
                            assertThat(d.position()).isEqualTo((long) HEADER.length());
                        });
    }
}
