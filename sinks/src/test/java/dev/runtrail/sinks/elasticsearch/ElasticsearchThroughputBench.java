package dev.runtrail.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.templates.TemplateInstaller;
import dev.runtrail.sinks.testing.TestDocuments;
import dev.runtrail.sinks.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk throughput into a real node at a few bulk sizes and in-flight limits. Not part of the build;
 * run by hand: {@code mvn -o -pl sinks -am test -Dtest=ElasticsearchThroughputBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Druntrail.es.url=http://localhost:9250}.
 */
class ElasticsearchThroughputBench {
    private static final long DOCS = Long.getLong("bench.docs", 100_000);

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    /**
     * The same documents through the plain REST client, one synchronous bulk of 1000 at a time, no
     * Flink: what the node takes without our sink around it.
     */
    @Test
    void baselineWithoutFlink() throws Exception {
        try (TestNode node = TestNode.fromProperty()) {
            String prefix = TestNode.uniquePrefix(ElasticsearchThroughputBench.class);
            new TemplateInstaller(node.client()).install(prefix);
            try {
                DocumentConverter converter = new DocumentConverter(prefix);
                long start = System.nanoTime();
                for (long from = 0; from < DOCS; from += 1000) {
                    List<BulkEntry> entries = new ArrayList<>();
                    for (long i = from; i < Math.min(DOCS, from + 1000); i++) {
                        entries.add(converter.toEntry(TestDocuments.event(i, DOCS)));
                    }
                    Request bulk = BulkBody.of(entries).request();
                    assertThat(
                                    BulkResponseInspector.parse(
                                                    node.client()
                                                            .performRequest(bulk)
                                                            .getEntity()
                                                            .getContent())
                                            .errors())
                            .isFalse();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(DOCS);
                System.out.printf(
                        "%nbaseline, plain client, 1000 per bulk: %.0f docs/s%n", DOCS / seconds);
            } finally {
                node.deletePrefix(prefix);
            }
        }
    }

    @Test
    void measure() throws Exception {
        int[][] grid = {{500, 2}, {1000, 1}, {1000, 2}, {2000, 2}, {5000, 2}, {2000, 4}};
        try (TestNode node = TestNode.fromProperty()) {
            StringBuilder report = new StringBuilder("\nactions in-flight(per subtask) docs/s\n");
            for (int[] point : grid) {
                String prefix = TestNode.uniquePrefix(ElasticsearchThroughputBench.class);
                new TemplateInstaller(node.client()).install(prefix);
                try {
                    Configuration conf = new Configuration();
                    conf.set(ElasticsearchSinkOptions.HOSTS, List.of(node.url()));
                    conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, prefix);
                    conf.set(ElasticsearchSinkOptions.BULK_MAX_ACTIONS, point[0]);
                    conf.set(ElasticsearchSinkOptions.MAX_BUFFERED, point[0] * 4);
                    conf.set(ElasticsearchSinkOptions.BULK_MAX_BYTES, MemorySize.parse("50mb"));
                    conf.set(ElasticsearchSinkOptions.MAX_IN_FLIGHT, point[1]);
                    conf.set(ElasticsearchSinkOptions.BULK_INTERVAL, Duration.ofMillis(500));
                    ElasticsearchSettings settings = ElasticsearchSettings.from(conf);

                    StreamExecutionEnvironment env =
                            StreamExecutionEnvironment.getExecutionEnvironment();
                    env.setParallelism(2);
                    env.fromSequence(0, DOCS - 1)
                            .map(new TestDocuments.Events(DOCS))
                            .sinkTo(new ElasticsearchSink(settings));
                    long start = System.nanoTime();
                    env.execute("es-throughput");
                    double seconds = (System.nanoTime() - start) / 1e9;

                    assertThat(node.count(Kind.EVENTS.alias(prefix))).isEqualTo(DOCS);
                    report.append(
                            String.format("%7d %9d %10.0f%n", point[0], point[1], DOCS / seconds));
                } finally {
                    node.deletePrefix(prefix);
                }
            }
            System.out.println(report);
        }
    }
}
