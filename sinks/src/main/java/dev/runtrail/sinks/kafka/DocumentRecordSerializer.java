package dev.runtrail.sinks.kafka;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Kind;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One Kafka record per document: topic {@code <prefix>.<kind>} ({@code runtrail.events}, {@code
 * runtrail.alerts}, {@code runtrail.deadletter}, ...), key = host name, else DAG id, else the
 * document id (so one host's or one DAG's records keep their order within a partition), value = the
 * hit line {@code {"_id":..,"_source":{..}}} that {@link EcsJson#fromHitLine} reads back, and a
 * {@code runtrail.kind} header.
 */
public final class DocumentRecordSerializer implements KafkaRecordSerializationSchema<EcsDocument> {
    private static final long serialVersionUID = 1L;

    public static final String KIND_HEADER = "runtrail.kind";

    private final String topicPrefix;

    public DocumentRecordSerializer(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    /** The topic of a kind, e.g. {@code runtrail.events}. */
    public static String topic(String topicPrefix, Kind kind) {
        return topicPrefix + "." + kind.id();
    }

    /** The partitioning key: host, else DAG, else the document's own id. */
    public static String key(EcsDocument doc) {
        String host = doc.getString(Ecs.HOST_NAME);
        if (host != null) {
            return host;
        }
        String dag = doc.getString(Ecs.AIRFLOW_DAG_ID);
        return dag != null ? dag : doc.id();
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            EcsDocument doc, KafkaSinkContext context, Long timestamp) {
        String key = key(doc);
        RecordHeaders headers = new RecordHeaders();
        headers.add(KIND_HEADER, doc.kind().id().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                topic(topicPrefix, doc.kind()),
                null,
                timestamp,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                EcsJson.toHitLineBytes(doc),
                headers);
    }
}
