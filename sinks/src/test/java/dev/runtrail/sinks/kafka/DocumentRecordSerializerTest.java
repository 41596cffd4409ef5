package dev.runtrail.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Kind;
import java.nio.charset.StandardCharsets;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DocumentRecordSerializerTest {
    private final DocumentRecordSerializer serializer = new DocumentRecordSerializer("runtrail");

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void anEventGoesToTheEventsTopicKeyedByHost() {
        EcsDocument event =
                EcsDocument.event("e1").put(Ecs.HOST_NAME, "ws01").put(Ecs.AIRFLOW_DAG_ID, "etl");
        ProducerRecord<byte[], byte[]> record = serializer.serialize(event, null, 1714564803000L);

        assertThat(record.topic()).isEqualTo("runtrail.events");
        assertThat(text(record.key())).isEqualTo("ws01");
        assertThat(text(record.value()))
                .isEqualTo(
                        "{\"_id\":\"e1\",\"_source\":{\"host\":{\"name\":\"ws01\"},\"airflow\":{\"dag_id\":\"etl\"}}}");
        assertThat(record.timestamp()).isEqualTo(1714564803000L);
        assertThat(text(record.headers().lastHeader("runtrail.kind").value())).isEqualTo("events");
        assertThat(EcsJson.fromHitLine(Kind.EVENTS, text(record.value()))).isEqualTo(event);
    }

    @Test
    void aRunIsKeyedByDagAndOtherwiseByItsId() {
        ProducerRecord<byte[], byte[]> run =
                serializer.serialize(
                        new EcsDocument(Kind.RUNS, "r1").put(Ecs.AIRFLOW_DAG_ID, "etl"),
                        null,
                        null);
        assertThat(run.topic()).isEqualTo("runtrail.runs");
        assertThat(text(run.key())).isEqualTo("etl");

        ProducerRecord<byte[], byte[]> dead =
                serializer.serialize(new EcsDocument(Kind.DEADLETTER, "d1"), null, null);
        assertThat(dead.topic()).isEqualTo("runtrail.deadletter");
        assertThat(text(dead.key())).isEqualTo("d1");
        assertThat(DocumentRecordSerializer.topic("rt", Kind.ALERTS)).isEqualTo("rt.alerts");
    }

    @Test
    void settingsExplainWhatIsMissing() {
        assertThatThrownBy(() -> KafkaSinkSettings.from(new Configuration()))
                .hasMessage(
                        "The Kafka sink is not configured correctly: runtrail.kafka.bootstrap-servers"
                                + " is required: set it to the Kafka brokers, such as localhost:9092.");

        Configuration exactlyOnce = new Configuration();
        exactlyOnce.set(KafkaSinkOptions.BOOTSTRAP_SERVERS, "localhost:9092");
        exactlyOnce.set(KafkaSinkOptions.DELIVERY_GUARANTEE, DeliveryGuarantee.EXACTLY_ONCE);
        assertThatThrownBy(() -> KafkaSinkSettings.from(exactlyOnce))
                .hasMessage(
                        "The Kafka sink is not configured correctly: EXACTLY_ONCE delivery needs"
                                + " runtrail.kafka.transactional-id-prefix: set it to a name unique"
                                + " to this job, such as runtrail-ingest.");

        exactlyOnce.set(KafkaSinkOptions.TRANSACTIONAL_ID_PREFIX, "runtrail-ingest");
        KafkaSinkSettings settings = KafkaSinkSettings.from(exactlyOnce);
        assertThat(settings.deliveryGuarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(settings.topicPrefix()).isEqualTo("runtrail");
        assertThat(KafkaDocumentSink.build(settings)).isNotNull();
    }
}
