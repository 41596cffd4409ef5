package dev.runtrail.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.local.junit.KafkaBroker;
import dev.runtrail.local.junit.RealKafka;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.testing.TestDocuments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Documents through the Kafka sink into a real broker, exactly once, and read back. */
@RealKafka
class KafkaDocumentSinkITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    private record Generator(long events) implements MapFunction<Long, EcsDocument> {
        @Override
        public EcsDocument map(Long i) {
            return i < events ? TestDocuments.event(i, events) : TestDocuments.run(i - events, 1);
        }
    }

    @Test
    void exactlyOnceDeliveryWritesOneRecordPerDocumentToTheTopicOfItsKind(KafkaBroker kafka)
            throws Exception {
        String prefix = kafka.topicPrefix() + "-eos";
        Configuration conf = new Configuration();
        conf.set(KafkaSinkOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        conf.set(KafkaSinkOptions.TOPIC_PREFIX, prefix);
        conf.set(KafkaSinkOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.EXACTLY_ONCE);
        conf.set(KafkaSinkOptions.TRANSACTIONAL_ID_PREFIX, prefix + "-tx");
        KafkaSinkSettings settings = KafkaSinkSettings.from(conf);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        env.fromSequence(0, 300 + 5 - 1)
                .map(new Generator(300))
                .sinkTo(KafkaDocumentSink.build(settings));
        env.execute("kafka-sink-itcase");

        Map<String, List<ConsumerRecord<byte[], byte[]>>> byTopic =
                readCommitted(kafka, List.of(prefix + ".events", prefix + ".runs"), 305);
        List<ConsumerRecord<byte[], byte[]>> events = byTopic.get(prefix + ".events");
        List<ConsumerRecord<byte[], byte[]>> runs = byTopic.get(prefix + ".runs");
        assertThat(events).hasSize(300);
        assertThat(runs).hasSize(5);

        ConsumerRecord<byte[], byte[]> first = events.get(0);
        EcsDocument doc =
                EcsJson.fromHitLine(Kind.EVENTS, new String(first.value(), StandardCharsets.UTF_8));
        assertThat(new String(first.key(), StandardCharsets.UTF_8))
                .isEqualTo(doc.getString("host.name"));
        assertThat(doc.id()).isNotBlank();
        assertThat(new String(runs.get(0).key(), StandardCharsets.UTF_8)).startsWith("etl_");
        assertThat(
                        new String(
                                runs.get(0).headers().lastHeader("runtrail.kind").value(),
                                StandardCharsets.UTF_8))
                .isEqualTo("runs");
    }

    private static Map<String, List<ConsumerRecord<byte[], byte[]>>> readCommitted(
            KafkaBroker kafka, List<String> topics, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.topicPrefix() + "-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byTopic = new HashMap<>();
        topics.forEach(t -> byTopic.put(t, new ArrayList<>()));
        int seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // keep polling a little after reaching the count, so duplicates would show
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    byTopic.get(record.topic()).add(record);
                    seen++;
                }
                if (seen >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return byTopic;
    }
}
