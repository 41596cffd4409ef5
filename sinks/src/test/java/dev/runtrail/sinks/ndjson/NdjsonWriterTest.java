package dev.runtrail.sinks.ndjson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonWriterTest {
    @TempDir Path dir;

    private static EcsDocument event(String id, String host) {
        return EcsDocument.event(id)
                .put(Ecs.TIMESTAMP, Instant.parse("2024-05-01T12:00:03Z"))
                .put(Ecs.HOST_NAME, host);
    }

    private Map<Kind, Path> single() {
        NdjsonLayout layout = new NdjsonLayout(dir, 1);
        Map<Kind, Path> own = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            own.put(kind, layout.file(kind, 0));
        }
        return own;
    }

    @Test
    void writesOneHitLinePerDocumentIntoTheFileOfItsKind() throws Exception {
        try (NdjsonWriter writer = new NdjsonWriter(single(), true, true)) {
            writer.write(event("e1", "ws01"), null);
            writer.write(new EcsDocument(Kind.RUNS, "r1").put(Ecs.AIRFLOW_DAG_ID, "etl"), null);
            writer.write(event("e2", "ws02"), null);
        }
        assertThat(Files.readAllLines(dir.resolve("events.ndjson")))
                .containsExactly(
                        "{\"_id\":\"e1\",\"_source\":{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"host\":{\"name\":\"ws01\"}}}",
                        "{\"_id\":\"e2\",\"_source\":{\"@timestamp\":\"2024-05-01T12:00:03Z\",\"host\":{\"name\":\"ws02\"}}}");
        assertThat(Files.readAllLines(dir.resolve("runs.ndjson")))
                .containsExactly("{\"_id\":\"r1\",\"_source\":{\"airflow\":{\"dag_id\":\"etl\"}}}");
        // every kind has its file, empty when nothing of that kind was written
        assertThat(dir.resolve("alerts.ndjson")).isEmptyFile();
    }

    @Test
    void anOlderRevisionArrivingAfterANewerOneIsNotWritten() throws Exception {
        try (NdjsonWriter writer = new NdjsonWriter(single(), true, true)) {
            writer.write(new EcsDocument(Kind.SESSIONS, "s1").put(Ecs.RUNTRAIL_REVISION, 2L), null);
            writer.write(new EcsDocument(Kind.SESSIONS, "s1").put(Ecs.RUNTRAIL_REVISION, 1L), null);
            writer.write(new EcsDocument(Kind.SESSIONS, "s2").put(Ecs.RUNTRAIL_REVISION, 1L), null);
            writer.write(new EcsDocument(Kind.SESSIONS, "s1").put(Ecs.RUNTRAIL_REVISION, 3L), null);
        }
        assertThat(Files.readAllLines(dir.resolve("sessions.ndjson")))
                .containsExactly(
                        "{\"_id\":\"s1\",\"_source\":{\"runtrail\":{\"revision\":2}}}",
                        "{\"_id\":\"s2\",\"_source\":{\"runtrail\":{\"revision\":1}}}",
                        "{\"_id\":\"s1\",\"_source\":{\"runtrail\":{\"revision\":3}}}");
    }

    @Test
    void aStreamingWriterKeepsNoRevisionsAndWritesEachAsItComes() throws Exception {
        try (NdjsonWriter writer = new NdjsonWriter(single(), true, false)) {
            writer.write(new EcsDocument(Kind.SESSIONS, "s1").put(Ecs.RUNTRAIL_REVISION, 1L), null);
            writer.write(new EcsDocument(Kind.SESSIONS, "s1").put(Ecs.RUNTRAIL_REVISION, 2L), null);
            writer.write(new EcsDocument(Kind.SESSIONS, "s1").put(Ecs.RUNTRAIL_REVISION, 2L), null);
        }
        assertThat(Files.readAllLines(dir.resolve("sessions.ndjson"))).hasSize(3);
    }

    @Test
    void aFreshRunStartsEmpty() throws Exception {
        try (NdjsonWriter writer = new NdjsonWriter(single(), true, true)) {
            writer.write(event("old", "ws01"), null);
        }
        try (NdjsonWriter writer = new NdjsonWriter(single(), true, true)) {
            writer.write(event("new", "ws01"), null);
        }
        assertThat(Files.readAllLines(dir.resolve("events.ndjson")))
                .singleElement()
                .asString()
                .startsWith("{\"_id\":\"new\"");
    }

    @Test
    void aRestoreCutsTheFilesBackToTheCheckpoint() throws Exception {
        List<NdjsonWriterState> checkpoint;
        NdjsonWriter first = new NdjsonWriter(single(), true, true);
        first.write(event("e1", "a"), null);
        first.write(event("e2", "b"), null);
        first.flush(false);
        checkpoint = first.snapshotState(1);
        first.write(event("e3", "c"), null); // after the checkpoint, lost with the failure
        first.flush(false);
        first.close();
        assertThat(Files.readAllLines(dir.resolve("events.ndjson"))).hasSize(3);

        NdjsonWriter.truncate(checkpoint.get(0).marks());
        try (NdjsonWriter restored = new NdjsonWriter(single(), false, true)) {
            restored.write(event("e3", "c"), null); // the replay
            restored.write(event("e4", "d"), null);
        }

        assertThat(Files.readAllLines(dir.resolve("events.ndjson")))
                .extracting(line -> line.substring(8, 10))
                .containsExactly("e1", "e2", "e3", "e4");
    }

    @Test
    void theStateSurvivesSerialization() throws Exception {
        NdjsonWriterState state =
                new NdjsonWriterState(
                        List.of(
                                new FileMark("/out/events.ndjson", 1234L),
                                new FileMark("/out/runs.ndjson", 0L)));
        NdjsonWriterStateSerializer serializer = new NdjsonWriterStateSerializer();
        assertThat(serializer.deserialize(1, serializer.serialize(state))).isEqualTo(state);
    }

    @Test
    void staleFilesOfAnotherParallelismAreRemoved() throws Exception {
        Files.createDirectories(dir.resolve("events"));
        Files.writeString(dir.resolve("events.ndjson"), "old\n");
        Files.writeString(dir.resolve("events/part-0.ndjson"), "mine\n");
        Files.writeString(dir.resolve("events/part-1.ndjson"), "mine\n");
        Files.writeString(dir.resolve("events/part-2.ndjson"), "old\n");

        new NdjsonLayout(dir, 2).removeStaleFiles();

        assertThat(dir.resolve("events.ndjson")).doesNotExist();
        assertThat(dir.resolve("events/part-0.ndjson")).exists();
        assertThat(dir.resolve("events/part-1.ndjson")).exists();
        assertThat(dir.resolve("events/part-2.ndjson")).doesNotExist();

        new NdjsonLayout(dir, 1).removeStaleFiles();
        assertThat(dir.resolve("events/part-0.ndjson")).doesNotExist();
    }

    @Test
    void layoutNamesFiles() {
        assertThat(new NdjsonLayout(dir, 1).file(Kind.RUNS, 0))
                .isEqualTo(dir.resolve("runs.ndjson"));
        assertThat(new NdjsonLayout(dir, 3).file(Kind.DEADLETTER, 2))
                .isEqualTo(dir.resolve("deadletter/part-2.ndjson"));
    }
}
