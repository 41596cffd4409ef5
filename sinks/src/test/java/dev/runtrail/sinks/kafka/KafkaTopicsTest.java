package dev.runtrail.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {
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
}
