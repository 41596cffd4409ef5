package dev.runtrail.sinks.kafka;

import static dev.runtrail.sinks.kafka.KafkaSinkOptions.*;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;

/** The Kafka sink's configuration, checked as a whole with full-sentence messages. */
public record KafkaSinkSettings(
        String bootstrapServers,
        String topicPrefix,
        DeliveryGuarantee deliveryGuarantee,
        String transactionalIdPrefix,
        Duration transactionTimeout)
        implements Serializable {

    public static KafkaSinkSettings from(Configuration conf) {
        List<String> problems = new ArrayList<>();
        String bootstrap = conf.get(BOOTSTRAP_SERVERS);
        if (bootstrap == null || bootstrap.isBlank()) {
            problems.add(
                    BOOTSTRAP_SERVERS.key()
                            + " is required: set it to the Kafka brokers, such as localhost:9092.");
        }
        String topicPrefix = conf.get(TOPIC_PREFIX);
        if (topicPrefix == null || !topicPrefix.matches("[a-zA-Z0-9._-]+")) {
            problems.add(
                    TOPIC_PREFIX.key()
                            + " must consist of letters, digits, '.', '_' and '-', as Kafka topic"
                            + " names do.");
        }
        DeliveryGuarantee guarantee = conf.get(DELIVERY_GUARANTEE);
        String transactionalIdPrefix = conf.get(TRANSACTIONAL_ID_PREFIX);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE
                && (transactionalIdPrefix == null || transactionalIdPrefix.isBlank())) {
            problems.add(
                    "EXACTLY_ONCE delivery needs "
                            + TRANSACTIONAL_ID_PREFIX.key()
                            + ": set it to a name unique to this job, such as runtrail-ingest.");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "The Kafka sink is not configured correctly: " + String.join(" ", problems));
        }
        return new KafkaSinkSettings(
                bootstrap.trim(),
                topicPrefix,
                guarantee,
                transactionalIdPrefix,
                conf.get(TRANSACTION_TIMEOUT));
    }
}
