package dev.runtrail.local.junit;

/**
 * What a test sees of the shared Kafka broker.
 *
 * @param bootstrapServers the broker's address
 * @param topicPrefix a topic prefix no other test class uses
 */
public record KafkaBroker(String bootstrapServers, String topicPrefix) {}
