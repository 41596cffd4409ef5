package dev.runtrail.sinks.testing;

import dev.runtrail.local.junit.ElasticsearchNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the ITCases that run against the {@code @RealElasticsearch} node (the subclass carries
 * the annotation): one {@link TestNode} per class, and a fresh index prefix per test whose indices
 * are deleted after it, because the first template installation of a prefix creates its indices.
 */
public abstract class ElasticsearchTestBase {
    private static ElasticsearchNode es;
    protected static TestNode node;
    protected String prefix;

    @BeforeAll
    protected static void startNode(ElasticsearchNode started) {
        es = started;
        node = TestNode.of(started);
    }

    @AfterAll
    protected static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @BeforeEach
    protected void freshPrefix() {
        prefix = TestNode.uniquePrefix(es);
    }

    @AfterEach
    protected void deletePrefix() throws Exception {
        node.deletePrefix(prefix);
    }
}
