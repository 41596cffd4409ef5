package dev.runtrail.local.junit;

import dev.runtrail.local.LocalKafka;

/**
 * Starts one real Kafka broker per test JVM (stopped when the test run ends) and hands each test
 * class a {@link KafkaBroker} with its own topic prefix.
 */
public final class KafkaExtension extends SharedServiceExtension<LocalKafka, KafkaBroker> {
    public KafkaExtension() {
        super(LocalKafka.class, KafkaBroker.class);
    }

    @Override
    LocalKafka start() throws Exception {
        return LocalKafka.start();
    }

    @Override
    KafkaBroker view(LocalKafka kafka, String prefix) {
        return new KafkaBroker(kafka.bootstrapServers(), prefix);
    }
}
