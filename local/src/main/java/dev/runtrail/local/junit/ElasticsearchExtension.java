package dev.runtrail.local.junit;

import dev.runtrail.local.LocalElasticsearch;

/**
 * Starts one real Elasticsearch node per test JVM (stopped when the test run ends) and hands each
 * test class an {@link ElasticsearchNode} with its own index prefix.
 */
public final class ElasticsearchExtension
        extends SharedServiceExtension<LocalElasticsearch, ElasticsearchNode> {
    public ElasticsearchExtension() {
        super(LocalElasticsearch.class, ElasticsearchNode.class);
    }

    @Override
    LocalElasticsearch start() throws Exception {
        return LocalElasticsearch.startEphemeral();
    }

    @Override
    ElasticsearchNode view(LocalElasticsearch node, String prefix) {
        return new ElasticsearchNode(node.url(), prefix);
    }
}
