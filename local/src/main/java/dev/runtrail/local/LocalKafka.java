package dev.runtrail.local;

import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft combined mode (one node acting as broker and controller), running in
 * this JVM through Kafka's own {@code KafkaClusterTestKit}. Real broker, real network listener,
 * real clients: nothing is simulated.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    private final KafkaClusterTestKit cluster;

    private LocalKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats storage in a temporary directory and starts the broker. */
    public static LocalKafka start() throws IOException {
        try {
            KafkaClusterTestKit cluster =
                    new KafkaClusterTestKit.Builder(
                                    new TestKitNodes.Builder()
                                            .setCombined(true)
                                            .setNumBrokerNodes(1)
                                            .setNumControllerNodes(1)
                                            .build())
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            .setConfigProp("num.partitions", "2")
                            .setConfigProp("auto.create.topics.enable", "true")
                            .setDeleteOnClose(true)
                            .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            LocalKafka kafka = new LocalKafka(cluster);
            LOG.info("Kafka broker (KRaft, combined) is up at {}", kafka.bootstrapServers());
            return kafka;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Could not start the local Kafka broker: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} of the broker's listener. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates topics (if absent) with the given partition count. */
    public void createTopics(int partitions, String... topics) throws IOException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var create =
                    java.util.Arrays.stream(topics)
                            .filter(t -> !existing.contains(t))
                            .map(t -> new NewTopic(t, partitions, (short) 1))
                            .toList();
            if (!create.isEmpty()) {
                admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("Could not create topics: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IOException("Could not stop the local Kafka broker: " + e.getMessage(), e);
        }
    }

    /** Runs a broker until the process is stopped; prints its bootstrap address first. */
    public static void main(String[] args) throws Exception {
        LocalKafka kafka = start();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        kafka.close();
                                    } catch (IOException e) {
                                        LOG.warn("Stopping Kafka failed: {}", e.getMessage());
                                    }
                                }));
        System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
