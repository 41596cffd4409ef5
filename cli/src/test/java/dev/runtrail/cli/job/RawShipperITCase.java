package dev.runtrail.cli.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runtrail.ingest.InputFiles;
import dev.runtrail.local.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * What {@link RawShipper} reports per partition is what the broker holds: checked against each
 * partition's end offset, on a broker of its own (other integration tests read the shared broker's
 * raw topics, and these records would land among theirs).
 */
class RawShipperITCase {
    @Test
    void reportsTheRecordsOfEveryPartitionAsTheBrokerCountsThem() throws Exception {
        String root = System.getProperty("runtrail.root");
        assumeTrue(root != null, "system property runtrail.root is not set");
        Path scenario = Path.of(root, "sample-data");
        assumeTrue(Files.isDirectory(scenario), "bundled scenario absent: " + scenario);
        List<Path> files =
                InputFiles.expand(
                        List.of(
                                scenario.resolve("windows/WIN-FS01-Security.xml"),
                                scenario.resolve("windows/WIN-DB01-Security.xml"),
                                scenario.resolve("proxy/oauth2-proxy.log")));

        try (LocalKafka kafka = LocalKafka.start()) {
            Shipped shipped = RawShipper.ship(files, kafka.bootstrapServers(), null, (b, n) -> {});

            Map<String, long[]> reported = shipped.byPartition();
            assertThat(reported).containsOnlyKeys("runtrail.raw.windows", "runtrail.raw.proxy");
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            long held = 0;
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                for (Map.Entry<String, long[]> topic : reported.entrySet()) {
                    List<TopicPartition> partitions =
                            consumer.partitionsFor(topic.getKey()).stream()
                                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                                    .toList();
                    assertThat(topic.getValue()).hasSize(partitions.size());
                    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                    for (TopicPartition tp : partitions) {
                        assertThat(topic.getValue()[tp.partition()])
                                .as("records reported for %s", tp)
                                .isEqualTo(ends.get(tp));
                        held += ends.get(tp);
                    }
                }
            }
            assertThat(shipped.total()).isEqualTo(held).isPositive();
            assertThat(shipped.describe())
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("records; by partition"));
        }
    }
}
