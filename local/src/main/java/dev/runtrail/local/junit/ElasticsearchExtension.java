package dev.runtrail.local.junit;

import dev.runtrail.local.LocalElasticsearch;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real Elasticsearch node per test JVM (kept in the root store, so it stops when the
 * test run ends) and hands each test class an {@link ElasticsearchNode} with its own prefix.
 */
public final class ElasticsearchExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(ElasticsearchExtension.class);

    /** Closes the node when JUnit closes the root store. */
    private record Running(LocalElasticsearch node) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            node.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store classStore = context.getStore(NS);
        classStore.getOrComputeIfAbsent(
                "node",
                k -> new ElasticsearchNode(node(context).url(), SharedResources.prefixFor(context)),
                ElasticsearchNode.class);
    }

    private static LocalElasticsearch node(ExtensionContext context) {
        return context.getRoot()
                .getStore(NS)
                .getOrComputeIfAbsent(
                        "es",
                        k -> {
                            try {
                                return new Running(LocalElasticsearch.startEphemeral());
                            } catch (Exception e) {
                                throw new IllegalStateException(
                                        "Could not start the local Elasticsearch node: "
                                                + e.getMessage(),
                                        e);
                            }
                        },
                        Running.class)
                .node();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ElasticsearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext =
                context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        beforeAll(classContext);
        return classContext.getStore(NS).get("node", ElasticsearchNode.class);
    }
}
