package dev.runtrail.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {
    private static final Node BROKER = new Node(1, "localhost", 9092);

    @Test
    void anUnreachableBrokerIsNamedWithTheTopicsAndTheTimeWaited() {
        assertThatThrownBy(
                        () ->
                                KafkaTopics.ensure(
                                        "localhost:1", List.of("t.events"), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "Cannot prepare the Kafka topics [t.events] on localhost:1: no answer from"
                                + " the brokers within 2 s");
    }

    @Test
    void aTopicTheBrokerDoesNotKnowYetIsAskedForAgainUntilItsPartitionsHaveLeaders()
            throws Exception {
        AtomicInteger looks = new AtomicInteger();
        KafkaTopics.awaitLeaders(
                () -> {
                    int look = looks.incrementAndGet();
                    if (look <= 2) {
                        throw unknown();
                    }
                    return Map.of(
                            "t.events", topic("t.events", look == 3 ? Node.noNode() : BROKER));
                },
                deadlineIn(30));

        assertThat(looks).hasValue(4);
    }

    @Test
    void aTopicThatStaysUnknownEndsAtTheDeadlineSayingWhatItWaitedFor() {
        assertThatThrownBy(
                        () ->
                                KafkaTopics.awaitLeaders(
                                        () -> {
                                            throw unknown();
                                        },
                                        deadlineIn(0.3)))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("a topic the broker does not know yet");
    }

    @Test
    void anyOtherFailureToDescribeEndsTheWaitAtOnce() {
        AtomicInteger looks = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                KafkaTopics.awaitLeaders(
                                        () -> {
                                            looks.incrementAndGet();
                                            throw new ExecutionException(
                                                    new TopicAuthorizationException("denied"));
                                        },
                                        deadlineIn(30)))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(looks).hasValue(1);
    }

    private static ExecutionException unknown() {
        return new ExecutionException(
                new UnknownTopicOrPartitionException(
                        "This server does not host this topic-partition."));
    }

    private static TopicDescription topic(String name, Node leader) {
        return new TopicDescription(
                name,
                false,
                List.of(new TopicPartitionInfo(0, leader, List.of(BROKER), List.of(BROKER))));
    }

    private static long deadlineIn(double seconds) {
        return System.nanoTime() + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }
}
