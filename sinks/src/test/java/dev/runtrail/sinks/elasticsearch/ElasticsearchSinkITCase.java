package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.templates.TemplateInstaller;
import dev.runtrail.sinks.testing.DelayedProxy;
import dev.runtrail.sinks.testing.ElasticsearchTestBase;
import dev.runtrail.sinks.testing.TestDocuments;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink in a Flink MiniCluster job against a real Elasticsearch node. */
@RealElasticsearch
class ElasticsearchSinkITCase extends ElasticsearchTestBase {
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    @BeforeEach
    void install() throws Exception {
        new TemplateInstaller(node.client()).install(prefix);
    }

    private ElasticsearchSettings settings(String url) {
        Configuration conf = new Configuration();
        conf.set(ElasticsearchSinkOptions.HOSTS, List.of(url));
        conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, prefix);
        conf.set(ElasticsearchSinkOptions.BULK_MAX_ACTIONS, 500);
        conf.set(ElasticsearchSinkOptions.BULK_INTERVAL, Duration.ofMillis(200));
        conf.set(ElasticsearchSinkOptions.RETRY_INITIAL_BACKOFF, Duration.ofMillis(100));
        conf.set(ElasticsearchSinkOptions.RETRY_MAX_BACKOFF, Duration.ofSeconds(1));
        conf.set(ElasticsearchSinkOptions.RETRY_MAX_ATTEMPTS, 60);
        return ElasticsearchSettings.from(conf);
    }

    /** Builds one document per sequence number; runs inside the job. */
    private record Generator(long count, long runs, long badAt, long revision)
            implements MapFunction<Long, EcsDocument> {
        @Override
        public EcsDocument map(Long i) {
            if (i >= count) {
                return TestDocuments.run(i - count, revision);
            }
            EcsDocument doc = TestDocuments.event(i, count);
            if (i == badAt) {
                doc.put(Ecs.PROCESS_PID, "not-a-pid"); // a string in a long field
            }
            return doc;
        }
    }

    private static void runJob(Generator generator, ElasticsearchSettings settings)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSequence(0, generator.count() + generator.runs() - 1)
                .map(generator)
                .name("documents")
                .sinkTo(new ElasticsearchSink(settings))
                .name("elasticsearch");
        env.execute("es-sink-itcase");
    }

    @Test
    void indexesEveryDocumentAndARerunChangesNothing() throws Exception {
        Generator generator = new Generator(3000, 20, -1, 1);
        runJob(generator, settings(node.url()));

        assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(3000);
        assertThat(node.count(Kind.RUNS.alias(prefix))).isEqualTo(20);
        assertThat(node.count(Kind.DEADLETTER.alias(prefix))).isZero();
        // two months of events, two monthly indices
        assertThat(node.count(prefix + "-events-2024.05")).isEqualTo(1500);
        assertThat(node.count(prefix + "-events-2024.06")).isEqualTo(1500);

        runJob(generator, settings(node.url()));

        assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(3000);
        assertThat(node.count(Kind.RUNS.alias(prefix))).isEqualTo(20);
    }

    @Test
    void aDocumentWithAMappingConflictGoesToTheDeadLetterIndex() throws Exception {
        runJob(new Generator(200, 0, 17, 1), settings(node.url()));

        assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(199);
        assertThat(node.count(Kind.DEADLETTER.alias(prefix))).isEqualTo(1);
        JsonNode hit =
                node.get("/" + Kind.DEADLETTER.alias(prefix) + "/_search")
                        .at("/hits/hits/0/_source");
        String badId = TestDocuments.event(17, 200).id();
        assertThat(hit.at("/runtrail/rejected/id").asText()).isEqualTo(badId);
        assertThat(hit.at("/runtrail/rejected/status").asInt()).isEqualTo(400);
        assertThat(hit.at("/error/message").asText()).contains("process.pid").contains("not-a-pid");
        assertThat(hit.at("/event/original").asText()).contains("\"pid\":\"not-a-pid\"");
        assertThat(hit.at("/@timestamp").asText()).isEqualTo("2024-05-20T08:00:17Z");
    }

    @Test
    void aClosedIndexStopsTheJobWithItsNameAndDeadLettersNothing() throws Exception {
        // documents of May 2024 go to this index; closed, it refuses every one of them
        String may = prefix + "-events-2024.05";
        node.call("PUT", "/" + may, "{}");
        node.call("POST", "/" + may + "/_close", null);

        assertThatThrownBy(() -> runJob(new Generator(200, 0, -1, 1), settings(node.url())))
                .rootCause()
                .isInstanceOf(ElasticsearchSinkException.class)
                .hasMessageContaining("refuses to store documents in " + may)
                .hasMessageContaining("index_closed_exception")
                .hasMessageContaining("not dead-lettered");
        assertThat(node.count(Kind.DEADLETTER.alias(prefix))).isZero();
    }

    @Test
    void anOlderRevisionNeverOverwritesANewerOne() throws Exception {
        runJob(new Generator(0, 5, -1, 3), settings(node.url()));
        runJob(new Generator(0, 5, -1, 2), settings(node.url()));

        assertThat(node.count(Kind.RUNS.alias(prefix))).isEqualTo(5);
        JsonNode hits =
                node.get("/" + Kind.RUNS.alias(prefix) + "/_search?size=10").at("/hits/hits");
        for (JsonNode hit : hits) {
            assertThat(hit.at("/_source/runtrail/revision").asLong()).isEqualTo(3);
            assertThat(hit.at("/_source/airflow/state").asText()).isEqualTo("success");
        }
        assertThat(node.count(Kind.DEADLETTER.alias(prefix))).isZero();
    }

    /**
     * Copies of 2 × {@code half} Windows events, the first half in format {@code a}, the second in
     * {@code b}; every copy of one event has the same id, as exports of one log give.
     */
    private record Copies(long half, String a, String b) implements MapFunction<Long, EcsDocument> {
        @Override
        public EcsDocument map(Long i) {
            boolean first = i < half;
            String format = first ? a : b;
            EcsDocument doc = EcsDocument.event((first ? "copy-a-" : "copy-b-") + (i % half));
            doc.put(Ecs.TIMESTAMP, Instant.parse("2024-05-01T12:00:00Z").plusSeconds(i));
            doc.put(Ecs.RUNTRAIL_FORMAT, format);
            doc.put(Ecs.RUNTRAIL_SOURCE, "/exports/" + format + "/Security");
            doc.put(Ecs.RUNTRAIL_SOURCE_POSITION, 4096 + 512 * (i % half));
            doc.put(Ecs.EVENT_ORIGINAL, "the " + format + " copy");
            return doc;
        }
    }

    private static void runCopies(Copies copies, ElasticsearchSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSequence(0, 2 * copies.half() - 1)
                .map(copies)
                .name("copies")
                .sinkTo(new ElasticsearchSink(settings))
                .name("elasticsearch");
        env.execute("es-sink-itcase-copies");
    }

    @Test
    void ofTwoCopiesOfOneEventTheSameIsKeptWhicheverArrivesLast() throws Exception {
        // events copy-a-*: EVTX first, then XML; events copy-b-*: XML first, then EVTX
        runCopies(new Copies(50, "evtx", "windows-xml"), settings(node.url()));
        runCopies(new Copies(50, "windows-xml", "evtx"), settings(node.url()));
        // and the XML copies once more, as a re-run of an import over the XML export does
        runCopies(new Copies(50, "windows-xml", "windows-xml"), settings(node.url()));

        assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(100);
        assertThat(node.count(Kind.DEADLETTER.alias(prefix))).isZero();
        JsonNode hits =
                node.get("/" + Kind.EVENTS.alias(prefix) + "/_search?size=200").at("/hits/hits");
        assertThat(hits).hasSize(100);
        for (JsonNode hit : hits) {
            assertThat(hit.at("/_source/runtrail/format").asText())
                    .as(hit.path("_id").asText())
                    .isEqualTo("evtx");
            assertThat(hit.at("/_source/event/original").asText()).isEqualTo("the evtx copy");
        }
    }

    /** Fails once, after a checkpoint completed and some documents went past it. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<EcsDocument, EcsDocument>
            implements CheckpointListener {
        static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicLong SEEN_AFTER_CHECKPOINT = new AtomicLong();

        @Override
        public EcsDocument map(EcsDocument doc) throws Exception {
            Thread.sleep(1); // slow enough for checkpoints to happen mid-stream
            if (CHECKPOINTED.get()
                    && SEEN_AFTER_CHECKPOINT.incrementAndGet() > 300
                    && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("planned failure after a checkpoint");
            }
            return doc;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    @Test
    void aFailureAfterACheckpointRestoresAndLosesNothing() throws Exception {
        FailOnceAfterCheckpoint.CHECKPOINTED.set(false);
        FailOnceAfterCheckpoint.FAILED.set(false);
        FailOnceAfterCheckpoint.SEEN_AFTER_CHECKPOINT.set(0);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        long count = 3000;
        env.fromSequence(0, count - 1)
                .map(new Generator(count, 0, -1, 1))
                .map(new FailOnceAfterCheckpoint())
                .sinkTo(new ElasticsearchSink(settings(node.url())));
        env.execute("es-sink-restore");

        assertThat(FailOnceAfterCheckpoint.FAILED.get())
                .as("the planned failure happened")
                .isTrue();
        assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(count);
    }

    @Test
    void waitsForAnUnreachableNodeAndLosesNothing() throws Exception {
        URI target = URI.create(node.url());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (DelayedProxy proxy = new DelayedProxy(target.getHost(), target.getPort())) {
            long started = System.nanoTime();
            timer.schedule(
                    () -> {
                        proxy.open();
                        return null;
                    },
                    4,
                    TimeUnit.SECONDS);
            runJob(new Generator(1000, 0, -1, 1), settings("http://127.0.0.1:" + proxy.port()));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(tookMillis).isGreaterThanOrEqualTo(4000);
            assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(1000);
        } finally {
            timer.shutdownNow();
        }
    }
}
