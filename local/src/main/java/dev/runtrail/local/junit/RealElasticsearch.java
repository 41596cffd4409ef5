package dev.runtrail.local.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real local Elasticsearch node: one node per test JVM, started on
 * first use and stopped when the run ends. Test methods and constructors can take an {@link
 * ElasticsearchNode} parameter, whose index prefix is unique to the test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ElasticsearchExtension.class)
public @interface RealElasticsearch {}
