package dev.runtrail.local.junit;

import dev.runtrail.local.LocalKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real Kafka broker per test JVM (stopped when the test run ends) and hands each test
 * class a {@link KafkaBroker} with its own topic prefix.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(KafkaExtension.class);

    private record Running(LocalKafka kafka) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            kafka.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS)
                .getOrComputeIfAbsent(
                        "broker",
                        k ->
                                new KafkaBroker(
                                        kafka(context).bootstrapServers(),
                                        SharedResources.prefixFor(context)),
                        KafkaBroker.class);
    }

    private static LocalKafka kafka(ExtensionContext context) {
        return context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent(
                        "kafka",
                        k -> {
                            try {
                                return new Running(LocalKafka.start());
                            } catch (Exception e) {
                                throw new IllegalStateException(
                                        "Could not start the local Kafka broker: " + e.getMessage(),
                                        e);
                            }
                        },
                        Running.class)
                .kafka();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext =
                context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        beforeAll(classContext);
        return classContext.getStore(NS).get("broker", KafkaBroker.class);
    }
}
