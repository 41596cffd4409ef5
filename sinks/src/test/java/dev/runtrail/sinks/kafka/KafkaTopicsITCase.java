package dev.runtrail.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.local.junit.KafkaBroker;
import dev.runtrail.local.junit.RealKafka;
import dev.runtrail.model.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** The sink's output topics are created before the job writes, on a real broker. */
@RealKafka
class KafkaTopicsITCase {
    @Test
    void absentOutputTopicsAreCreatedWithLeadersAndExistingOnesAreLeftAlone(KafkaBroker kafka)
            throws Exception {
        String prefix = kafka.topicPrefix() + "-topics";
        Configuration conf = new Configuration();
        conf.set(KafkaSinkOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(KafkaSinkOptions.TOPIC_PREFIX, prefix);
        KafkaSinkSettings settings = KafkaSinkSettings.from(conf);
        List<String> expected =
                List.of(Kind.values()).stream().map(k -> prefix + "." + k.id()).toList();

        List<String> created = KafkaTopics.ensure(settings, Duration.ofSeconds(60));

        assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(expected).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsOnlyKeys(expected);
            topics.values()
                    .forEach(
                            t ->
                                    assertThat(t.partitions())
                                            .isNotEmpty()
                                            .allSatisfy(p -> assertThat(p.leader()).isNotNull()));
        }
        assertThat(KafkaTopics.ensure(settings, Duration.ofSeconds(60))).isEmpty();
    }

    @Test
    void topicsAreCreatedWithThePartitionCountAsked(KafkaBroker kafka) throws Exception {
        String topic = kafka.topicPrefix() + "-three-partitions";

        List<String> created =
                KafkaTopics.ensure(
                        kafka.bootstrapServers(),
                        List.of(topic),
                        Optional.of(3),
                        Duration.ofSeconds(60));

        assertThat(created).containsExactly(topic);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            TopicDescription described =
                    admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic);
            assertThat(described.partitions())
                    .hasSize(3)
                    .allSatisfy(p -> assertThat(p.leader()).isNotNull());
        }
    }
}
