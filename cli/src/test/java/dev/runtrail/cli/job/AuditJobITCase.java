package dev.runtrail.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.Revisions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AuditJobITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    @TempDir Path dir;

    @Test
    void everyRecordComesOutAsEventOrDeadLetterAndTheCountsAddUp() throws Exception {
        Files.writeString(
                dir.resolve("a.kvtest"),
                "2024-05-01T12:00:00Z alice\n2024-05-01T12:00:01Z bob\nnot a record\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.kvtest"), "2024-05-01T12:00:02Z carol\n");
        Files.write(dir.resolve("sub/unknown.bin"), new byte[] {0, 1, 2, 3});

        JobSettings settings = JobSettings.files(List.of(dir.toString()), null, 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream.Collector<EcsDocument> collector = new DataStream.Collector<>();
        AuditJob.build(
                env,
                AuditJob.fileSource(settings),
                settings,
                (docs, revisions) -> docs.collectAsync(collector));
        JobSummary summary = JobSummary.of(env.execute("audit-job-test"));

        List<EcsDocument> out = new ArrayList<>();
        try (CloseableIterator<EcsDocument> it = collector.getOutput()) {
            it.forEachRemaining(out::add);
        }
        List<String> users =
                out.stream()
                        .filter(d -> d.kind() == Kind.EVENTS)
                        .map(d -> d.getString(Ecs.USER_NAME))
                        .sorted()
                        .toList();
        assertThat(users).containsExactly("alice", "bob", "carol");
        List<EcsDocument> dead = out.stream().filter(d -> d.kind() == Kind.DEADLETTER).toList();
        assertThat(dead).hasSize(2);
        assertThat(dead)
                .extracting(d -> d.getString(Ecs.ERROR_MESSAGE))
                .anySatisfy(m -> assertThat(m).contains("Line 3"))
                .anySatisfy(m -> assertThat(m).contains("No format recognises"));
        assertThat(summary.read()).isEqualTo(5);
        assertThat(summary.events()).isEqualTo(3);
        assertThat(summary.deadLetters()).isEqualTo(2);
        assertThat(summary.read()).isEqualTo(summary.events() + summary.deadLetters());
        assertThat(summary.written(Kind.EVENTS)).isEqualTo(3);
        assertThat(summary.bySource())
                .containsEntry("kv-test", new JobSummary.SourceCount(4, 1))
                .containsEntry(CountingMap.UNDETECTED, new JobSummary.SourceCount(1, 1))
                .hasSize(2);
    }

    @Test
    void theIngestStageAloneDeliversTheSameEventsAndDeadLettersAndNothingCorrelated()
            throws Exception {
        Files.writeString(dir.resolve("a.kvtest"), "2024-05-01T12:00:00Z alice\nnot a record\n");
        JobSettings settings =
                JobSettings.files(List.of(dir.toString()), null, 2).withCorrelation(false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream.Collector<EcsDocument> collector = new DataStream.Collector<>();
        List<Revisions> declared = new ArrayList<>();
        AuditJob.build(
                env,
                AuditJob.fileSource(settings),
                settings,
                (docs, revisions) -> {
                    declared.add(revisions);
                    docs.collectAsync(collector);
                });
        JobSummary summary = JobSummary.of(env.execute("ingest-only-test"));

        List<EcsDocument> out = new ArrayList<>();
        try (CloseableIterator<EcsDocument> it = collector.getOutput()) {
            it.forEachRemaining(out::add);
        }
        assertThat(declared).containsExactly(Revisions.ONE_PER_ID);
        assertThat(out).extracting(EcsDocument::kind).containsOnly(Kind.EVENTS, Kind.DEADLETTER);
        assertThat(out)
                .filteredOn(d -> d.kind() == Kind.EVENTS)
                .extracting(d -> d.getString(Ecs.USER_NAME))
                .containsExactly("alice");
        assertThat(summary.read()).isEqualTo(2);
        assertThat(summary.deadLetters()).isEqualTo(1);
        assertThat(summary.written(Kind.EVENTS)).isEqualTo(1);
        assertThat(summary.written(Kind.DEADLETTER)).isEqualTo(1);
    }

    @Test
    void idsAreTheSameWhenTheSameFilesAreReadAgain() throws Exception {
        Files.writeString(
                dir.resolve("a.kvtest"), "2024-05-01T12:00:00Z alice\n2024-05-01T12:00:01Z bob\n");
        assertThat(idsOfOneRun()).isEqualTo(idsOfOneRun()).hasSize(2);
    }

    private List<String> idsOfOneRun() throws Exception {
        JobSettings settings = JobSettings.files(List.of(dir.toString()), null, 1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream.Collector<EcsDocument> collector = new DataStream.Collector<>();
        AuditJob.build(
                env,
                AuditJob.fileSource(settings),
                settings,
                (docs, revisions) -> docs.collectAsync(collector));
        env.execute();
        List<String> ids = new ArrayList<>();
        try (CloseableIterator<EcsDocument> it = collector.getOutput()) {
            it.forEachRemaining(d -> ids.add(d.id()));
        }
        ids.sort(null);
        return ids;
    }
}
