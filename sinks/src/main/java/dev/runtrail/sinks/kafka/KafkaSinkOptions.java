package dev.runtrail.sinks.kafka;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;

/** Configuration of the Kafka document sink; read once into {@link KafkaSinkSettings}. */
public final class KafkaSinkOptions {
    private KafkaSinkOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("runtrail.kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka brokers to connect to, e.g. localhost:9092.");

    public static final ConfigOption<String> TOPIC_PREFIX =
            ConfigOptions.key("runtrail.kafka.topic-prefix")
                    .stringType()
                    .defaultValue("runtrail")
                    .withDescription(
                            "Stem of the output topics: <prefix>.events, <prefix>.alerts,"
                                    + " <prefix>.deadletter, <prefix>.runs, ...");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
            ConfigOptions.key("runtrail.kafka.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.AT_LEAST_ONCE)
                    .withDescription(
                            "NONE, AT_LEAST_ONCE or EXACTLY_ONCE (Kafka transactions committed on"
                                    + " checkpoints; readers use isolation.level=read_committed).");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("runtrail.kafka.transactional-id-prefix")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Prefix of the producers' transactional ids; required for"
                                    + " EXACTLY_ONCE and unique per job on a cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("runtrail.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "Kafka transaction timeout for EXACTLY_ONCE: longer than the checkpoint"
                                    + " interval plus the time a restart may take, and not above"
                                    + " the broker's transaction.max.timeout.ms.");
}
