package dev.runtrail.local.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real Kafka broker (KRaft): one broker per test JVM. Test methods
 * and constructors can take a {@link KafkaBroker} parameter, whose topic prefix is unique to the
 * test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaExtension.class)
public @interface RealKafka {}
