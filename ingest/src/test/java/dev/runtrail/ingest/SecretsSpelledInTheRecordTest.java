package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records whose secret the rules see only once the record is parsed: a JSON escape or an XML
 * reference hides the rule's keyword in the raw text, or the key that marks the value as a secret
 * became the name of its field. Read and finished as {@code runtrail parse} does, the secret is in
 * no field, {@code event.original} included; the masked record is still a record of its format; and
 * {@code event.hash} still covers the bytes as received.
 */
class SecretsSpelledInTheRecordTest {
    private static final String SECURITY_4688 =
            "\"EventID\":4688,\"Hostname\":\"WS5\",\"Channel\":\"Security\","
                    + "\"SourceName\":\"Microsoft-Windows-Security-Auditing\","
                    + "\"SubjectLogonId\":\"0x3e7\",\"@timestamp\":\"2020-10-23T02:36:43.128Z\",";

    private static final String WINLOGBEAT_HEAD =
            "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"event\":{\"code\":\"4688\"},"
                    + "\"winlog\":{\"event_id\":\"4688\",\"record_id\":7,\"channel\":\"Security\","
                    + "\"computer_name\":\"WIN-01\",\"provider_name\":"
                    + "\"Microsoft-Windows-Security-Auditing\",\"event_data\":{";

    private static final String XML_HEAD =
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                    + "<Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4688</EventID>"
                    + "<TimeCreated SystemTime='2024-05-01T12:00:03.000Z'/>"
                    + "<EventRecordID>11</EventRecordID><Channel>Security</Channel>"
                    + "<Computer>WIN-01</Computer></System><EventData>"
                    + "<Data Name='SubjectLogonId'>0x3e7</Data>";

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(
                        "nxlog-json",
                        "{"
                                + SECURITY_4688
                                + "\"CommandLine\":\"net\\tuse \\\\\\\\fs01\\\\c$"
                                + " /user:corp\\\\bob Winter2024!\"}",
                        "Winter2024!"),
                Arguments.of(
                        "nxlog-json",
                        "{" + SECURITY_4688 + "\"Pass\\u0077ord\":\"correct horse\"}",
                        "correct horse"),
                // the same secret twice, once where the rules see it and once where they do not
                Arguments.of(
                        "nxlog-json",
                        "{"
                                + SECURITY_4688
                                + "\"CommandLine\":\"net use \\\\\\\\fs01\\\\c$"
                                + " /user:bob Winter2024!\",\"ParentCommandLine\":\"cmd /c"
                                + " net\\tuse \\\\\\\\fs01\\\\c$ /user:bob Winter2024!\"}",
                        "Winter2024!"),
                // quoted with spaces: the rules read the raw JSON's \" as part of the secret
                Arguments.of(
                        "nxlog-json",
                        "{"
                                + SECURITY_4688
                                + "\"CommandLine\":\"tool.exe --password"
                                + " \\\"my long pass\\\" -v\"}",
                        "long pass"),
                Arguments.of(
                        "nxlog-json",
                        "{" + SECURITY_4688 + "\"Password\":\"ab\\\"cd efg\"}",
                        "cd efg"),
                Arguments.of(
                        "nxlog-json",
                        "{"
                                + SECURITY_4688
                                + "\"Message\":\"connect pwd=\\\"/8fK2+qZ\\\" user=etl\","
                                + "\"db_pwd\":\"/8fK2+qZ\"}",
                        "8fK2+qZ"),
                Arguments.of(
                        "nxlog-json",
                        "{"
                                + SECURITY_4688
                                + "\"CommandLine\":\"tool --pass\\u0077ord=Sum\\u006der24\"}",
                        "Summer24"),
                // no literal in the line: read by the cursor, which finds the decoded secret and
                // leaves the line to be read again the long way
                Arguments.of(
                        "winlogbeat-json",
                        WINLOGBEAT_HEAD
                                + "\"CommandLine\":\"net\\u0020use \\\\\\\\fs01\\\\c$ /user:bob"
                                + " Winter2024!\"}}}",
                        "Winter2024!"),
                Arguments.of(
                        "winlogbeat-json",
                        WINLOGBEAT_HEAD + "\"Pass\\u0077ord\":\"correct horse\"}}}",
                        "correct horse"),
                // a forwarded copy of the event's XML inside the line
                Arguments.of(
                        "winlogbeat-json",
                        WINLOGBEAT_HEAD.replace(
                                        "\"event\":{\"code\":\"4688\"}",
                                        "\"event\":{\"code\":\"4688\",\"original\":\"<Event>"
                                                + "<EventData><Data Name='Password'>hunter2</Data>"
                                                + "</EventData></Event>\"}")
                                + "\"Password\":\"hunter2\"}}}",
                        "hunter2"),
                // a literal elsewhere in the line: read by Jackson and redacted by the final pass
                Arguments.of(
                        "winlogbeat-json",
                        WINLOGBEAT_HEAD
                                + "\"CommandLine\":\"net\\tuse \\\\\\\\fs01\\\\c$ /user:bob"
                                + " Winter2024!\",\"Note\":\"password policy\"}}}",
                        "Winter2024!"),
                Arguments.of(
                        "windows-xml",
                        XML_HEAD
                                + "<Data Name='CommandLine'>net&#32;use \\\\fs01\\c$ /user:bob"
                                + " Wint&#101;r2024!</Data></EventData></Event>",
                        "Winter2024!"),
                Arguments.of(
                        "windows-xml",
                        XML_HEAD + "<Data Name='Password'>hunter&amp;2</Data></EventData></Event>",
                        "hunter&2"),
                // the key's value repeated in a message
                Arguments.of(
                        "nxlog-json",
                        "{"
                                + SECURITY_4688
                                + "\"Password\":\"Sup3rS3cret\","
                                + "\"Message\":\"A logon with Sup3rS3cret happened on 2024-05-01\"}",
                        "Sup3rS3cret"),
                // a task-log line starts with a bracket, and is no JSON; "mysql" keeps the -u/-p
                // rule off the raw line, the message alone shows the pair
                Arguments.of(
                        "airflow-task-log",
                        "[2024-05-01T12:00:00.000+0000] {mysql.py:12} INFO - Running: psexec -u bob"
                                + " -p S3cretPw99 cmd",
                        "S3cretPw99"),
                Arguments.of(
                        "windows-xml",
                        XML_HEAD
                                + "<Data Name='Password'><![CDATA[Hunter2024]]></Data>"
                                + "</EventData></Event>",
                        "Hunter2024"),
                Arguments.of(
                        "airflow-task-json",
                        "{\"timestamp\":\"2024-05-01T12:00:00.000000Z\",\"level\":\"info\","
                                + "\"event\":\"connecting with pass\\u0077ord=S3cretPw to db\","
                                + "\"logger\":\"airflow.task\"}",
                        "S3cretPw"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("records")
    void theSecretIsInNoFieldAndTheRecordStaysARecord(String format, String raw, String secret)
            throws IOException {
        EcsDocument event = finished(format, raw);

        event.fields()
                .forEach(
                        (key, value) -> {
                            if (!key.equals(Ecs.EVENT_HASH)) {
                                assertThat(String.valueOf(value)).as(key).doesNotContain(secret);
                            }
                        });
        String original = event.getString(Ecs.EVENT_ORIGINAL);
        assertThat(original).contains("[REDACTED]").isNotEqualTo(raw);
        assertThat(event.getString(Ecs.EVENT_HASH))
                .isEqualTo(Hashing.sha256Hex(raw.getBytes(StandardCharsets.UTF_8)));
        assertThat((List<?>) event.get(Ecs.RUNTRAIL_REDACTED)).isNotEmpty();

        // the masked record reads as a record of its format again
        EcsDocument again = finished(format, original);
        assertThat(again.getString(Ecs.EVENT_ORIGINAL)).doesNotContain(secret);
    }

    @Test
    void aPasswordOfPunctuationIsMaskedInItsFieldAndNotSoughtElsewhere() throws IOException {
        // "-" is what Windows writes for none; sought in the record it would take every lone "-"
        String raw =
                XML_HEAD
                        + "<Data Name='Password'>-</Data><Data Name='TargetUserName'>-</Data>"
                        + "</EventData></Event>";

        EcsDocument event = finished("windows-xml", raw);

        assertThat(event.getString(Ecs.WINLOG_EVENT_DATA + "Password")).isEqualTo("[REDACTED]");
        assertThat(event.getString(Ecs.WINLOG_EVENT_DATA + "TargetUserName")).isEqualTo("-");
        assertThat(event.getString(Ecs.EVENT_ORIGINAL)).isEqualTo(raw);
    }

    private static EcsDocument finished(String format, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        String name =
                format.startsWith("airflow")
                        ? "dag_id=d/run_id=r/task_id=t/attempt=1.log"
                        : "export.txt";
        List<Parsed> all;
        try (RecordReader reader =
                FileParser.open(InputSource.of(SourceRef.of(name), name, bytes), format)) {
            all = TestReading.readAll(reader);
        }
        assertThat(all).hasSize(1).allMatch(EcsDocument.class::isInstance);
        return Documents.finish(all.get(0), Instant.parse("2024-05-01T12:00:00Z"));
    }
}
