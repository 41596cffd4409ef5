package dev.runtrail.sinks.kafka;

import dev.runtrail.model.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the topics runtrail writes exist, with a leader for every partition, before the first
 * record is sent. Left to auto-creation on the first send, a topic races the idempotent producer:
 * the first batches can fail while the partition is being created and a later one succeed, after
 * which the broker refuses the retried first batches as out of sequence until the delivery timeout
 * fails the job (seen in {@code bench throughput --source kafka --sink kafka --runs 3}).
 */
public final class KafkaTopics {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private KafkaTopics() {}

    /** The topics the sink writes: one per kind of document. */
    public static List<String> outputTopics(KafkaSinkSettings settings) {
        List<String> topics = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            topics.add(DocumentRecordSerializer.topic(settings.topicPrefix(), kind));
        }
        return topics;
    }

    /**
     * Creates the absent output topics with the broker's default partition count and replication
     * factor, then waits until every partition of every output topic has a leader. Where this
     * client may not create topics, it logs what an administrator has to create and returns.
     *
     * @return the topics it created
     */
    public static List<String> ensure(KafkaSinkSettings settings, Duration timeout) {
        return ensure(settings.bootstrapServers(), outputTopics(settings), timeout);
    }

    /**
     * Like {@link #ensure(KafkaSinkSettings, Duration)} for any topics an idempotent producer is
     * about to write (the raw topics {@code runtrail ship} fills).
     */
    public static List<String> ensure(
            String bootstrapServers, List<String> topics, Duration timeout) {
        return ensure(bootstrapServers, topics, Optional.empty(), timeout);
    }

    /**
     * Like {@link #ensure(String, List, Duration)}, creating the absent topics with {@code
     * partitions} partitions (the broker's default when empty).
     */
    public static List<String> ensure(
            String bootstrapServers,
            List<String> topics,
            Optional<Integer> partitions,
            Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        int millis = (int) timeout.toMillis();
        // the client refuses an API timeout shorter than its request timeout (30 s by default)
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(remaining(deadline), MILLIS);
            List<NewTopic> absent = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    absent.add(new NewTopic(topic, partitions, Optional.empty()));
                }
            }
            List<String> created = new ArrayList<>();
            for (var result : admin.createTopics(absent).values().entrySet()) {
                try {
                    result.getValue().get(remaining(deadline), MILLIS);
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AuthorizationException) {
                        LOG.warn(
                                "Not allowed to create Kafka topic {} ({}); create the topics {}"
                                        + " before runtrail writes to them.",
                                result.getKey(),
                                e.getCause().getMessage(),
                                topics);
                        return created;
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created Kafka topics {}", created);
            }
            awaitLeaders(admin, topics, deadline);
            return created;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "Cannot prepare the Kafka topics "
                            + topics
                            + " on "
                            + bootstrapServers
                            + ": "
                            + reason(cause, timeout),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing Kafka topics", e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> topics, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        awaitLeaders(
                () -> admin.describeTopics(topics).allTopicNames().get(remaining(deadline), MILLIS),
                deadline);
    }

    /** One look at the topics, as {@link Admin#describeTopics} gives it. */
    @FunctionalInterface
    interface Describe {
        Map<String, TopicDescription> topics()
                throws ExecutionException, TimeoutException, InterruptedException;
    }

    /**
     * Looks until every partition has a leader. A topic just created may still be unknown to the
     * broker that answers (its metadata has not reached it yet): that is asked again like a
     * partition without a leader, until the deadline.
     */
    static void awaitLeaders(Describe describe, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            List<String> waitingFor = new ArrayList<>();
            try {
                for (TopicDescription d : describe.topics().values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        if (p.leader() == null || p.leader().isEmpty()) {
                            waitingFor.add(d.name() + "-" + p.partition());
                        }
                    }
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException unknown)) {
                    throw e;
                }
                waitingFor.add(
                        "a topic the broker does not know yet (" + unknown.getMessage() + ")");
            }
            if (waitingFor.isEmpty()) {
                return;
            }
            if (remaining(deadline) <= 0) {
                throw new TimeoutException("still waiting for " + waitingFor);
            }
            Thread.sleep(100);
        }
    }

    private static String reason(Throwable cause, Duration timeout) {
        boolean timedOut =
                cause instanceof TimeoutException
                        || cause instanceof org.apache.kafka.common.errors.TimeoutException;
        if (!timedOut) {
            return cause.toString();
        }
        String detail = cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return "no answer from the brokers within " + timeout.toSeconds() + " s" + detail;
    }

    private static long remaining(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;
}
