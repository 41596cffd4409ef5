package dev.runtrail.local.junit;

/**
 * What a test sees of the shared Elasticsearch node.
 *
 * @param url base URL of the node
 * @param indexPrefix an index prefix no other test class uses, e.g. {@code it-myitcase-1}
 */
public record ElasticsearchNode(String url, String indexPrefix) {}
