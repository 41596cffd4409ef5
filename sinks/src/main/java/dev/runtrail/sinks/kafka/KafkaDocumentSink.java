package dev.runtrail.sinks.kafka;

import dev.runtrail.model.EcsDocument;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the {@link KafkaSink} that writes documents to one topic per kind. */
public final class KafkaDocumentSink {
    private KafkaDocumentSink() {}

    public static KafkaSink<EcsDocument> build(KafkaSinkSettings settings) {
        KafkaSinkBuilder<EcsDocument> builder =
                KafkaSink.<EcsDocument>builder()
                        .setBootstrapServers(settings.bootstrapServers())
                        .setRecordSerializer(new DocumentRecordSerializer(settings.topicPrefix()))
                        .setDeliveryGuarantee(settings.deliveryGuarantee())
                        // documents are JSON text and compress well; with batches of 256 KB
                        // instead of the default 16 KB (about eight documents), producing to the
                        // local broker cost it and the producer half the CPU (bench/README.md)
                        .setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                        .setProperty(ProducerConfig.LINGER_MS_CONFIG, "20")
                        .setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 << 10));
        if (settings.deliveryGuarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(settings.transactionalIdPrefix())
                    .setProperty(
                            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                            Long.toString(settings.transactionTimeout().toMillis()));
        }
        return builder.build();
    }
}
