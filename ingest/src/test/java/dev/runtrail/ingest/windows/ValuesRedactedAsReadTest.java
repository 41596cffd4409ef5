package dev.runtrail.ingest.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.ingest.redact.Redactor;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Windows readers that redact an event's values as they read them (EVTX always; Winlogbeat when
 * no rule can change the line) mark the event so, and the final redaction pass then skips the
 * fields that copy those values and {@code event.original}. These tests check that the skipping
 * never leaves a secret behind: a marked event finished as the jobs finish it equals a copy of it
 * (copies carry no mark) redacted field by field in full.
 */
class ValuesRedactedAsReadTest {
    private static final Instant INGESTED = Instant.parse("2024-05-01T12:00:00Z");
    private static final Path PROJECT_SAMPLES = Path.of("..", "sample-data", "windows");
    private static final Path SHARED_SAMPLES = Path.of("..", "..", "shared", "samples");

    /** The project's own Windows samples, and the shared EVTX, XML and JSON samples if present. */
    static Stream<Path> samples() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir :
                List.of(
                        PROJECT_SAMPLES,
                        SHARED_SAMPLES.resolve("evtx"),
                        SHARED_SAMPLES.resolve("xml"),
                        SHARED_SAMPLES.resolve("winjson"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    list.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .filter(f -> !f.getFileName().toString().endsWith(".md"))
                            .sorted()
                            .forEach(files::add);
                }
            }
        }
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theFinalPassOfAMarkedEventMissesNothingThatAFullPassFinds(Path file) throws IOException {
        List<Parsed> all;
        try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
            all = TestReading.readAll(reader);
        }
        for (EcsDocument event : TestReading.events(all)) {
            assertFinishedAsInFull(event);
        }
    }

    @Test
    void theProjectsWinlogbeatSamplesTakeTheShortcut() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(PROJECT_SAMPLES), "no " + PROJECT_SAMPLES);
        for (String name : List.of("winlogbeat-win-wrk01.ndjson", "winlogbeat-win-app01.ndjson")) {
            List<EcsDocument> events;
            try (RecordReader reader =
                    FileParser.open(InputSource.of(PROJECT_SAMPLES.resolve(name)), null)) {
                events = TestReading.events(TestReading.readAll(reader));
            }
            long marked = events.stream().filter(EcsDocument::sourceTextRedacted).count();
            // most records hold no literal of any rule; those that do are read the long way
            assertThat(marked).as(name).isGreaterThan(events.size() / 2);
            assertThat(marked).as(name).isLessThanOrEqualTo(events.size());
        }
    }

    /**
     * A 4688 whose command line spells {@code net use} only once it is decoded: by a JSON escape,
     * or by joining the elements of an array. The line as a whole holds no literal, so the cursor
     * takes its values as they are read and redacts the decoded one; since a rule changed it, the
     * line is read again the long way, so that the final pass also masks the secret in {@code
     * event.original}, where the escape hides it from the rules.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"net\\u0020use \\\\\\\\fs01\\\\c$ /user:CORP\\\\bob Winter2024!\"",
                "[\"net\",\"use x: /user:bob Winter2024!\"]"
            })
    void aWinlogbeatLineThatSpellsASecretOnlyOnceDecodedIsReadTheLongWay(String commandLine)
            throws IOException {
        String line =
                "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"event\":{\"code\":\"4688\"},"
                        + "\"winlog\":{\"event_id\":\"4688\",\"record_id\":7,\"channel\":\"Security\","
                        + "\"computer_name\":\"WIN-01\",\"provider_name\":"
                        + "\"Microsoft-Windows-Security-Auditing\",\"event_data\":{"
                        + "\"SubjectLogonId\":\"0x3e7\",\"NewProcessName\":\"C:\\\\Windows\\\\System32"
                        + "\\\\net.com\",\"CommandLine\":"
                        + commandLine
                        + "}}}";
        EcsDocument event = single(read("winlogbeat-json", "t.ndjson", line));

        assertThat(event.sourceTextRedacted()).isFalse();
        assertRedactedEverywhere(event, "Winter2024!");
    }

    /** A line that holds a literal as written is read without the mark, and redacted in full. */
    @Test
    void aRecordWhoseTextHoldsALiteralIsNotMarked() throws IOException {
        String line =
                "{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"winlog\":{\"event_id\":\"4688\","
                        + "\"record_id\":7,\"channel\":\"Security\",\"computer_name\":\"WIN-01\","
                        + "\"event_data\":{\"CommandLine\":\"net use x: \\\\\\\\fs01\\\\c$"
                        + " /user:bob Winter2024!\"}}}";
        EcsDocument event = single(read("winlogbeat-json", "t.ndjson", line));

        assertThat(event.sourceTextRedacted()).isFalse();
        assertRedactedEverywhere(event, "Winter2024!");
    }

    private static List<Parsed> read(String format, String name, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        try (RecordReader reader =
                FileParser.open(InputSource.of(SourceRef.of(name), name, bytes), format)) {
            return TestReading.readAll(reader);
        }
    }

    private static EcsDocument single(List<Parsed> all) {
        assertThat(all).hasSize(1).allMatch(EcsDocument.class::isInstance);
        return (EcsDocument) all.get(0);
    }

    /**
     * After the final pass, no field holds the secret, {@code event.original} included (the pass
     * masks there what the rules masked in a decoded value), and the rule that took it is named.
     */
    private static void assertRedactedEverywhere(EcsDocument event, String secret) {
        EcsDocument finished = assertFinishedAsInFull(event);
        assertThat(finished.getString(Ecs.WINLOG_EVENT_DATA + "CommandLine"))
                .contains("[REDACTED]");
        assertThat(finished.getString(Ecs.PROCESS_COMMAND_LINE)).contains("[REDACTED]");
        finished.fields()
                .forEach(
                        (key, value) -> {
                            if (!key.equals(Ecs.EVENT_HASH)) {
                                assertThat(String.valueOf(value)).as(key).doesNotContain(secret);
                            }
                        });
        assertThat(finished.get(Ecs.RUNTRAIL_REDACTED).toString()).contains("net-use-password");
    }

    /** Finishes the event and checks it against a full pass over an unmarked copy. */
    private static EcsDocument assertFinishedAsInFull(EcsDocument event) {
        EcsDocument copy = event.copy();
        assertThat(copy.sourceTextRedacted()).isFalse();
        EcsDocument finished = Documents.finish(event, INGESTED);
        EcsDocument full = Redactor.defaults().redact(copy);
        assertThat(finished.fields()).isEqualTo(full.fields());
        return finished;
    }
}
