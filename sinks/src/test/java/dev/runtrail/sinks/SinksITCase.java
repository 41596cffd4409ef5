package dev.runtrail.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import dev.runtrail.sinks.testing.TestDocuments;
import dev.runtrail.sinks.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The façade in a MiniCluster job: the same documents to NDJSON files and Elasticsearch. */
@RealElasticsearch
class SinksITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    @TempDir Path out;

    private record Generator(long events, long runs) implements MapFunction<Long, EcsDocument> {
        @Override
        public EcsDocument map(Long i) {
            return i < events ? TestDocuments.event(i, events) : TestDocuments.run(i - events, 1);
        }
    }

    private static void run(int parallelism, long events, long runs, SinkSettings settings)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        DataStream<EcsDocument> docs =
                env.fromSequence(0, events + runs - 1).map(new Generator(events, runs));
        Sinks.attach(docs, settings);
        env.execute("sinks-itcase");
    }

    /** Every hit line of a kind, from the single file or the part files. */
    private static List<String> lines(Path dir, Kind kind) throws Exception {
        Path single = dir.resolve(kind.fileName());
        if (Files.exists(single)) {
            return Files.readAllLines(single);
        }
        try (Stream<Path> parts = Files.list(dir.resolve(kind.id()))) {
            return parts.sorted()
                    .flatMap(
                            p -> {
                                try {
                                    return Files.readAllLines(p).stream();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            })
                    .toList();
        }
    }

    @Test
    void oneWriterWritesOneFilePerKind() throws Exception {
        run(1, 500, 7, SinkSettings.ndjsonOnly(out));

        assertThat(Files.readAllLines(out.resolve("events.ndjson"))).hasSize(500);
        assertThat(Files.readAllLines(out.resolve("runs.ndjson"))).hasSize(7);
        assertThat(out.resolve("events")).doesNotExist();
        EcsDocument first =
                EcsJson.fromHitLine(
                        Kind.EVENTS, Files.readAllLines(out.resolve("events.ndjson")).get(0));
        // read back, instants come as strings: compare the JSON the two documents make
        assertThat(first.id()).isEqualTo(TestDocuments.event(0, 500).id());
        assertThat(EcsJson.toJson(first)).isEqualTo(EcsJson.toJson(TestDocuments.event(0, 500)));
    }

    @Test
    void twoWritersWritePartFilesAndARerunReplacesThem() throws Exception {
        run(2, 1000, 10, SinkSettings.ndjsonOnly(out));
        run(2, 1000, 10, SinkSettings.ndjsonOnly(out));

        assertThat(out.resolve("events.ndjson")).doesNotExist();
        assertThat(out.resolve("events/part-0.ndjson")).exists();
        assertThat(out.resolve("events/part-1.ndjson")).exists();
        List<String> events = lines(out, Kind.EVENTS);
        assertThat(events).hasSize(1000);
        Set<String> ids = new HashSet<>();
        events.forEach(line -> ids.add(EcsJson.fromHitLine(Kind.EVENTS, line).id()));
        assertThat(ids).hasSize(1000);
        assertThat(lines(out, Kind.RUNS)).hasSize(10);
    }

    @Test
    void elasticsearchAndFilesReceiveTheSameDocuments(ElasticsearchNode started) throws Exception {
        try (TestNode node = TestNode.of(started)) {
            String prefix = TestNode.uniquePrefix(started);
            try {
                ElasticsearchSettings es = ElasticsearchSettings.forUrl(node.url(), prefix);
                run(
                        2,
                        800,
                        5,
                        new SinkSettings(Optional.of(es), Optional.empty(), Optional.of(out)));

                assertThat(node.count(Kind.EVENTS.alias(prefix)))
                        .isEqualTo(lines(out, Kind.EVENTS).size())
                        .isEqualTo(800);
                assertThat(node.count(Kind.RUNS.alias(prefix))).isEqualTo(5);
                // the façade installed the templates: source.ip is an ip field
                assertThat(
                                node.get(
                                                "/"
                                                        + Kind.EVENTS.alias(prefix)
                                                        + "/_mapping/field/source.ip")
                                        .toString())
                        .contains("\"type\":\"ip\"");
            } finally {
                node.deletePrefix(prefix);
            }
        }
    }
}
