package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.KafkaBroker;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.local.junit.RealKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Benches given a node or broker that outlives them ({@code --es}, {@code --kafka-out}, {@code
 * --kafka}) write there and then remove what they wrote: indices, index and component templates,
 * topics. Each test first checks that the run did write, so an empty node afterwards means the
 * bench removed its data, not that it never wrote any.
 */
@RealElasticsearch
@RealKafka
class BenchLeftoversITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WROTE = Pattern.compile("wrote (\\d+) documents");
    private static final Pattern SEARCHABLE =
            Pattern.compile("searchable (\\d+) of (\\d+) measured records \\(0 never seen\\)");

    @Test
    void aThroughputRunIntoAGivenNodeDeletesItsIndicesAndTemplates(ElasticsearchNode es)
            throws Exception {
        CapturedRun run =
                CapturedRun.of(
                        "bench",
                        "throughput",
                        "--sink",
                        "es",
                        "--es",
                        es.url(),
                        "--events",
                        "3000",
                        "--no-correlation");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertWroteDocuments(run.out());
        assertNothingLeftOnNode(es, "runtrail-bench-");
    }

    @Test
    void aThroughputRunIntoAGivenBrokerDeletesItsTopics(KafkaBroker kafka) throws Exception {
        CapturedRun run =
                CapturedRun.of(
                        "bench",
                        "throughput",
                        "--sink",
                        "kafka",
                        "--kafka-out",
                        kafka.bootstrapServers(),
                        "--events",
                        "3000",
                        "--no-correlation");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertWroteDocuments(run.out());
        assertThat(topicsStartingWith(kafka, "bench")).isEmpty();
    }

    @Test
    void theLatencyBenchUsesATopicOfItsOwnAndLeavesNothingBehind(
            ElasticsearchNode es, KafkaBroker kafka) throws Exception {
        long rawProxyBefore = records(kafka, "runtrail.raw.proxy");
        CapturedRun run =
                CapturedRun.of(
                        "bench",
                        "latency",
                        "--es",
                        es.url(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--rate",
                        "200",
                        "--seconds",
                        "2",
                        "--warmup",
                        "1");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        Matcher searchable = SEARCHABLE.matcher(run.out());
        assertThat(searchable.find()).as(run.out()).isTrue();
        assertThat(Long.parseLong(searchable.group(1)))
                .isEqualTo(Long.parseLong(searchable.group(2)))
                .isEqualTo(400);
        assertNothingLeftOnNode(es, "runtrail-latency-");
        assertThat(topicsStartingWith(kafka, "runtrail-latency-")).isEmpty();
        // the raw topic a real stream job reads got none of the bench's lines
        assertThat(records(kafka, "runtrail.raw.proxy")).isEqualTo(rawProxyBefore);
    }

    private static void assertWroteDocuments(String printed) {
        Matcher wrote = WROTE.matcher(printed);
        assertThat(wrote.find()).as(printed).isTrue();
        assertThat(Long.parseLong(wrote.group(1))).isGreaterThan(2000);
    }

    private static void assertNothingLeftOnNode(ElasticsearchNode es, String prefix)
            throws Exception {
        assertThat(get(es, "/_cat/indices/" + prefix + "*?h=index").trim()).isEmpty();
        JsonNode indexTemplates = JSON.readTree(get(es, "/_index_template/" + prefix + "*"));
        assertThat(indexTemplates.path("index_templates")).isEmpty();
        JsonNode components = JSON.readTree(get(es, "/_component_template/" + prefix + "*"));
        assertThat(components.path("component_templates")).isEmpty();
    }

    private static String get(ElasticsearchNode es, String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(es.url() + path)).build(),
                                HttpResponse.BodyHandlers.ofString());
        // (a template lookup that matches nothing answers 404 with an empty list)
        assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(200, 404);
        return response.body();
    }

    /** The records a topic has had (the sum of its partitions' end offsets); 0 if absent. */
    private static long records(KafkaBroker kafka, String topic) throws Exception {
        try (Admin admin = admin(kafka)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(
                            p ->
                                    latest.put(
                                            new TopicPartition(topic, p.partition()),
                                            OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        }
    }

    private static Admin admin(KafkaBroker kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }

    private static List<String> topicsStartingWith(KafkaBroker kafka, String prefix)
            throws Exception {
        try (Admin admin = admin(kafka)) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            return names.stream().filter(t -> t.startsWith(prefix)).sorted().toList();
        }
    }
}
